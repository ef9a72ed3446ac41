/**
 * `scan --discover`: a repo without a depmap.yaml is mapped from what it has (compose,
 * Kubernetes, Backstage, lockfiles). The importers do the reading; this turns what they found
 * into manifests, so the graph build treats discovered and declared repos alike, and the
 * repo is marked discovered so every node and edge from it says so.
 */
import {
  discoverRepo,
  DISCOVERY_SKIPPED_DIRS,
  wantedForDiscovery,
  type DiscoveredRepo,
} from '../importers/discover.js';
import { libraryDecl, serviceDecl } from '../importers/apply-imports.js';
import { COMPONENT_KINDS } from '../manifest/schema.js';
import type { DockerPinLevel, Manifest, Problem } from '../manifest/types.js';
import { listRepoFiles } from './list-files.js';
import { readableFiles } from './readable-files.js';

/** Enough for any real repo; past it discovery stops listing rather than crawl a data dump. */
const MAX_FILES = 50_000;

/**
 * The files discovery may read. Symlinks are never followed: discovery reads only what the
 * repo itself holds. FIFOs and devices are not listed.
 */
function listFiles(root: string): string[] {
  try {
    return listRepoFiles(root, {
      skip: DISCOVERY_SKIPPED_DIRS,
      want: (name, dir) => wantedForDiscovery(dir === '' ? name : `${dir}/${name}`),
      maxFiles: MAX_FILES,
    }).files;
  } catch {
    return [];
  }
}

export async function discoverManifests(
  root: string,
  repoId: string,
  docker: DockerPinLevel,
): Promise<{ manifests: Manifest[]; problems: Problem[] }> {
  const found = discoverRepo(readableFiles(root, listFiles(root)));
  const problems: Problem[] = found.problems.map((p) => {
    const problem: Problem = {
      severity: p.severity ?? 'warning',
      code: 'discover',
      file: p.file,
      line: p.line ?? 1,
      col: 1,
      path: '',
      message: p.message,
    };
    if (p.hint) problem.hint = p.hint;
    return problem;
  });
  return { manifests: toManifests(found, repoId, docker), problems };
}

const pos = (line?: number) => ({ line: line ?? 1, col: 1 });

/** Pure: what discovery found → one manifest per application component. */
function toManifests(found: DiscoveredRepo, repoId: string, docker: DockerPinLevel): Manifest[] {
  const apps = found.components.filter((c) => !c.infrastructure);
  const byName = new Map(found.components.map((c) => [c.name, c]));
  const manifests = new Map<string, Manifest>();
  const manifestFor = (name: string, kind: string, file: string, line?: number): Manifest => {
    let m = manifests.get(name);
    if (!m) {
      m = {
        file,
        specVersion: 1,
        name,
        kind: (COMPONENT_KINDS as readonly string[]).includes(kind) ? kind : 'service',
        tags: ['discovered'],
        links: [],
        provides: [],
        libraries: [],
        services: [],
        fromRefs: [],
        pos: pos(line),
      };
      manifests.set(name, m);
    }
    return m;
  };
  for (const app of apps) {
    const m = manifestFor(app.name, app.kind, app.file, app.line);
    if (app.system) m.system = app.system;
    if (app.owner) m.owner = app.owner;
    if (app.description) m.description = app.description;
    for (const p of app.provides ?? []) m.provides.push({ ...p, pos: pos(app.line) });
  }

  if (found.libraries.length > 0) {
    // Libraries belong to the one component this repo builds; failing that, to one named after the repo.
    const built = apps.filter((a) => a.built);
    const owner = built.length === 1 ? built[0] : apps.length === 1 ? apps[0] : undefined;
    const target = owner
      ? manifestFor(owner.name, owner.kind, owner.file, owner.line)
      : manifestFor(repoId.split('/').pop() ?? repoId, 'service', found.libraries[0]?.file ?? '.');
    const seen = new Set<string>();
    for (const lib of found.libraries) {
      const decl = libraryDecl(lib, lib.file, pos(lib.line), docker);
      if (!decl || seen.has(`${decl.purl}#${decl.scope ?? ''}`)) continue;
      seen.add(`${decl.purl}#${decl.scope ?? ''}`);
      target.libraries.push(decl);
    }
  }

  for (const edge of found.edges) {
    const from = manifests.get(edge.from);
    if (!from) continue;
    const target = byName.get(edge.to);
    const kind = target?.infrastructure ? target.kind : (edge.kind ?? 'service');
    if (from.services.some((s) => s.name === edge.to && s.api === edge.api)) continue;
    const ref: Parameters<typeof serviceDecl>[0] = { name: edge.to, kind, evidence: edge.evidence };
    if (edge.line !== undefined) ref.line = edge.line;
    if (edge.protocol) ref.protocol = edge.protocol;
    if (edge.api) ref.api = edge.api;
    if (edge.version) ref.version = edge.version;
    if (target?.image) ref.image = target.image;
    const decl = serviceDecl(ref, edge.file, pos(edge.line), docker, { discovered: true });
    from.services.push(decl);
  }
  return [...manifests.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}
