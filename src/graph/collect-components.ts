/**
 * The components of the organisation, from every repo's manifests, before any reference is
 * resolved. Declared manifests come first, whatever the order of the repos: a committed
 * depmap.yaml always wins over what discovery guessed for the same name. Two declarations of
 * one name are an error naming both places. Two discoveries of one component (the deploy repo
 * that runs `carts`, and the `carts` repo that builds its image: one's name is the other's
 * name or alias) are joined into one node, placed where its source is (the discovery that
 * found its libraries), the other place kept; when both found libraries, the first repo in id
 * order keeps it and a warning names both.
 */
import type { Manifest } from '../manifest/types.js';
import type { Declared, GraphNode, GraphProblem, RepoEntry } from './types.js';

interface ComponentOwner {
  repo: RepoEntry;
  manifest: Manifest;
  /** The node it belongs to: its own name, or the component it was joined into. */
  node: string;
}

export interface Components {
  nodes: Map<string, GraphNode>;
  owners: ComponentOwner[];
  /** Every alias of a component, to the component. */
  aliases: Map<string, string>;
  problems: GraphProblem[];
}

export function collectComponents(
  repos: readonly RepoEntry[],
  declaredAt: (repo: RepoEntry, manifest: Manifest) => Declared,
  where: (declared: Declared | undefined) => string,
): Components {
  const nodes = new Map<string, GraphNode>();
  const owners: ComponentOwner[] = [];
  const aliases = new Map<string, string>();
  const problems: GraphProblem[] = [];
  const found = (name: string) => (nodes.has(name) ? name : aliases.get(name));

  const add = (repo: RepoEntry, manifest: Manifest, discovered: boolean) => {
    const declared = declaredAt(repo, manifest);
    const names = [manifest.name, ...(manifest.aliases ?? [])];
    const existing = names.map(found).find((n) => n !== undefined);
    const node = existing === undefined ? undefined : nodes.get(existing);
    if (node && !discovered) {
      problems.push({
        severity: 'error',
        code: 'duplicate-component',
        message: `component "${manifest.name}" is declared twice: ${where(node.declared)} and ${where(declared)}`,
        locations: [node.declared as Declared, declared],
      });
      return;
    }
    if (node) {
      // Discovered again: a declaration wins outright; another discovery joins it.
      if (!node.discovered) return;
      owners.push({ repo, manifest, node: node.id });
      node.alsoDeclared = [...(node.alsoDeclared ?? []), declared];
      for (const n of names) if (!nodes.has(n) && !aliases.has(n)) aliases.set(n, node.id);
      // The node stands where its source is: the discovery that found its libraries.
      const first = owners.find((o) => o.node === node.id && o.manifest !== manifest);
      if (first && first.manifest.libraries.length > 0 && manifest.libraries.length > 0) {
        // Two repos each build what one name stands for: joined, but a person should know.
        problems.push({
          severity: 'warning',
          code: 'discovered-twice',
          message: `"${node.id}" is discovered with libraries of its own in two repos: ${where(node.declared)} and ${where(declared)}; they are mapped as one component, placed at the first (repos in id order)`,
          locations: [node.declared as Declared, declared],
        });
      }
      if (first && first.manifest.libraries.length === 0 && manifest.libraries.length > 0) {
        node.alsoDeclared = [node.declared as Declared, ...node.alsoDeclared.filter((d) => d !== declared)];
        node.declared = declared;
      }
      return;
    }
    nodes.set(manifest.name, componentNode(manifest, declared, discovered));
    owners.push({ repo, manifest, node: manifest.name });
    for (const alias of manifest.aliases ?? [])
      if (!nodes.has(alias) && !aliases.has(alias)) aliases.set(alias, manifest.name);
  };

  for (const repo of repos) if (!repo.discovered) for (const manifest of repo.manifests) add(repo, manifest, false);
  for (const repo of repos) if (repo.discovered) for (const manifest of repo.manifests) add(repo, manifest, true);
  return { nodes, owners, aliases, problems };
}

function componentNode(manifest: Manifest, declared: Declared, discovered: boolean): GraphNode {
  const node: GraphNode = { id: manifest.name, type: 'component', kind: manifest.kind, declared };
  if (manifest.system !== undefined) node.system = manifest.system;
  if (manifest.owner !== undefined) node.owner = manifest.owner;
  if (manifest.description !== undefined) node.description = manifest.description;
  if (manifest.tags.length > 0) node.tags = [...manifest.tags];
  if (manifest.aliases && manifest.aliases.length > 0) node.aliases = [...manifest.aliases];
  if (manifest.image !== undefined) node.image = manifest.image;
  if (manifest.imagePin !== undefined) node.imagePin = manifest.imagePin;
  if (manifest.provides.length > 0) {
    node.provides = manifest.provides.map((p) => ({ api: p.api, protocol: p.protocol, version: p.version }));
  }
  if (manifest.properties !== undefined) node.properties = { ...manifest.properties };
  if (discovered) node.discovered = true;
  return node;
}
