/**
 * Merges the manifests of many repos into one graph: components, the services and resources
 * they call, and the libraries they use. Pure and deterministic: the same repos give the
 * same snapshot, byte for byte.
 */
import { didYouMean } from '../util/suggest.js';
import { SERVICE_KINDS } from '../manifest/vocabulary.js';
import type { EntityDecl, ServiceDecl } from '../manifest/types.js';
import { collectComponents } from './collect-components.js';
import { addLibrary, byId, byKey, declarationOf, declaredAt } from './library-edges.js';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type Declared,
  type GraphEdge,
  type GraphNode,
  type GraphProblem,
  type RepoEntry,
  type Snapshot,
} from './types.js';

/** Service kinds that name infrastructure or a third party, never a component of ours. */
const RESOURCE_KINDS: ReadonlySet<string> = new Set(SERVICE_KINDS.filter((kind) => kind !== 'service'));

export interface BuildOptions {
  /**
   * false: no "did you mean" in the problems (an edit distance to every component per
   * unresolved call). A history's graphs of each version are diffed, their problems never shown.
   */
  hints?: boolean;
}

export function buildSnapshot(repos: readonly RepoEntry[], generator: string, options: BuildOptions = {}): Snapshot {
  const sortedRepos = [...repos].sort(byId).map(normalizeRepo);
  const edges = new Map<string, GraphEdge>();
  const { nodes, owners, aliases, problems } = collectComponents(
    sortedRepos,
    (repo, manifest) => declaredAt(repo, manifest, manifest.pos.line, manifest.pos.col),
    where,
  );

  const providers = new Map<string, string[]>();
  for (const { manifest, node } of owners) {
    for (const provided of manifest.provides) {
      const list = providers.get(provided.api) ?? [];
      if (!list.includes(node)) list.push(node);
      providers.set(provided.api, list);
    }
  }
  for (const [api, list] of providers) {
    if (list.length > 1) {
      problems.push({
        severity: 'warning',
        code: 'ambiguous-api',
        message: `api "${api}" is provided by several components (${list.join(', ')}); references by api resolve to ${list[0]}`,
        locations: list.map((name) => nodes.get(name)?.declared as Declared),
      });
    }
  }

  // Resources and entities declared on their own (an imported catalog's): nodes before any call resolves.
  const declaredIds = new Set<string>();
  const entityOwners: { repo: RepoEntry; entity: EntityDecl }[] = [];
  for (const repo of sortedRepos) {
    for (const entity of repo.entities ?? []) {
      if (addEntity(nodes, problems, repo, entity)) {
        declaredIds.add(entity.id);
        entityOwners.push({ repo, entity });
      }
    }
  }

  const unresolved = new Map<string, Declared[]>();
  const addCalls = (
    repo: RepoEntry,
    source: string,
    services: readonly ServiceDecl[],
    at: (svc: ServiceDecl) => Declared,
  ) => {
    const discovered = repo.discovered === true;
    for (const svc of services) {
      const declared = at(svc);
      let target = svc.name;
      let resolvedBy: GraphEdge['resolvedBy'];
      const byName = nodes.get(svc.name);
      const byAlias = aliases.get(svc.name);
      if (byName?.type === 'component' || byName?.type === 'entity') {
        resolvedBy = 'name';
      } else if (byAlias !== undefined && !RESOURCE_KINDS.has(svc.kind)) {
        target = byAlias;
        resolvedBy = 'name';
      } else if (svc.api && providers.has(svc.api) && !RESOURCE_KINDS.has(svc.kind)) {
        target = (providers.get(svc.api) as string[])[0] as string;
        resolvedBy = 'api';
      } else if (declaredIds.has(svc.name)) {
        resolvedBy = RESOURCE_KINDS.has(svc.kind) ? undefined : 'name';
      } else {
        const isResource = RESOURCE_KINDS.has(svc.kind);
        resolvedBy = isResource ? undefined : 'unresolved';
        addResource(nodes, problems, svc, declared, !isResource, discovered);
        if (!isResource) {
          const list = unresolved.get(svc.name) ?? [];
          list.push(declared);
          unresolved.set(svc.name, list);
        }
      }
      if (target === source) continue; // joined with the component it calls: no call to itself
      const edge: GraphEdge = {
        key: `${source} -> ${target}${svc.api ? ` #${svc.api}` : ''}${svc.protocol ? ` (${svc.protocol})` : ''}`,
        type: 'calls-service',
        source,
        target,
        pin: svc.pin,
        declared,
      };
      if (svc.version !== undefined) edge.version = svc.version;
      if (svc.protocol !== undefined) edge.protocol = svc.protocol;
      if (svc.api !== undefined) edge.api = svc.api;
      if (svc.critical) edge.critical = true;
      if (svc.image !== undefined) edge.image = svc.image;
      if (svc.imagePin !== undefined) edge.imagePin = svc.imagePin;
      if (svc.baseImage !== undefined) edge.baseImage = svc.baseImage;
      if (svc.url !== undefined) edge.url = svc.url;
      if (resolvedBy !== undefined) edge.resolvedBy = resolvedBy;
      if (svc.importedFrom) edge.importedFrom = svc.importedFrom.file;
      if (svc.evidence !== undefined) edge.evidence = svc.evidence;
      if (svc.evidenceDetail !== undefined) edge.evidenceDetail = svc.evidenceDetail;
      if (svc.confidence !== undefined) edge.confidence = svc.confidence;
      if (svc.properties !== undefined) edge.properties = { ...svc.properties };
      if (discovered) edge.discovered = true;
      if (!edges.has(edge.key)) edges.set(edge.key, edge);
    }
  };
  for (const { repo, manifest, node: source } of owners) {
    const discovered = repo.discovered === true;
    for (const lib of manifest.libraries) addLibrary(nodes, edges, repo, manifest, source, lib, discovered);
    addCalls(repo, source, manifest.services, (svc) =>
      declarationOf(repo, manifest, svc.pos.line, svc.pos.col, svc.importedFrom),
    );
  }
  for (const { repo, entity } of entityOwners) {
    addCalls(repo, entity.id, entity.services, (svc) => ({
      repo: repo.id,
      file: svc.importedFrom?.file ?? entity.file,
      line: svc.importedFrom?.line ?? svc.pos.line,
      col: svc.importedFrom ? 1 : svc.pos.col,
    }));
  }

  const componentNames = [...new Set(owners.map((o) => o.node))];
  for (const [name, locations] of [...unresolved].sort(([a], [b]) => (a < b ? -1 : 1))) {
    problems.push({
      severity: 'warning',
      code: 'unresolved-service',
      message: `service "${name}" is not a component and no component provides it${options.hints === false ? '' : didYouMean(name, componentNames)}`,
      locations,
    });
  }

  problems.sort((a, b) => (a.code + a.message < b.code + b.message ? -1 : 1));
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    generator,
    repos: sortedRepos,
    nodes: [...nodes.values()].sort(byId),
    edges: [...edges.values()].sort(byKey),
    problems,
  };
}

function normalizeRepo(repo: RepoEntry): RepoEntry {
  return { ...repo, manifests: [...repo.manifests].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)) };
}

/** A declared resource or entity becomes a node; false when its id is another node's (reported). */
function addEntity(
  nodes: Map<string, GraphNode>,
  problems: GraphProblem[],
  repo: RepoEntry,
  entity: EntityDecl,
): boolean {
  const declared: Declared = { repo: repo.id, file: entity.file, line: entity.pos.line, col: entity.pos.col };
  const existing = nodes.get(entity.id);
  if (existing) {
    problems.push({
      severity: 'warning',
      code: 'entity-clash',
      message: `${entity.type} "${entity.id}" at ${where(declared)} has the id of a ${existing.type} declared at ${where(existing.declared)}; it is left out`,
      locations: [declared],
    });
    return false;
  }
  const node: GraphNode = { id: entity.id, type: entity.type, kind: entity.kind, declared };
  if (entity.system !== undefined) node.system = entity.system;
  if (entity.owner !== undefined) node.owner = entity.owner;
  if (entity.description !== undefined) node.description = entity.description;
  if (entity.properties !== undefined) node.properties = { ...entity.properties };
  if (repo.discovered) node.discovered = true;
  nodes.set(entity.id, node);
  return true;
}

function addResource(
  nodes: Map<string, GraphNode>,
  problems: GraphProblem[],
  svc: ServiceDecl,
  declared: Declared,
  unresolved: boolean,
  discovered: boolean,
): void {
  const existing = nodes.get(svc.name);
  if (!existing) {
    const node: GraphNode = { id: svc.name, type: 'resource', kind: svc.kind };
    if (unresolved) node.unresolved = true;
    if (discovered) node.discovered = true;
    nodes.set(svc.name, node);
    return;
  }
  if (existing.type === 'resource' && existing.kind !== svc.kind) {
    problems.push({
      severity: 'warning',
      code: 'resource-kind-conflict',
      message: `"${svc.name}" is called as a ${existing.kind} elsewhere and as a ${svc.kind} at ${where(declared)}`,
      locations: [declared],
    });
    // A concrete kind (database, queue…) says more than the default "service".
    if (existing.kind === 'service') {
      existing.kind = svc.kind;
      delete existing.unresolved;
    }
  }
  if (existing.discovered && !discovered) delete existing.discovered;
}

function where(declared: Declared | undefined): string {
  return declared ? `${declared.repo}:${declared.file}:${declared.line}:${declared.col}` : 'unknown';
}
