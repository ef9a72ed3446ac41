/**
 * A whole catalog (a Backstage catalog, a CycloneDX SaaSBOM, an SPDX document) as one repo of
 * the graph: each application node becomes a manifest, each resource and catalog entity a
 * declaration of its own (`RepoEntry.entities`), so that the graph build, `merge`, every query
 * and every export treat an imported catalog like a crawled repo, and nothing the file said is
 * lost on the way (what depmap has no field for travels in `properties`).
 *
 * Libraries go to the components that use them (`usedBy`); a library with no `usedBy` belongs
 * to the file's one application (its subject), and is reported when there are several.
 */
import { importProblem, libraryDecl, serviceDecl } from '../importers/apply-imports.js';
import type { DiscoveredComponent, DiscoveredEdge, ImportResult } from '../importers/types.js';
import type { DockerPinLevel, EntityDecl, Manifest, Problem, ServiceDecl } from '../manifest/types.js';
import { SERVICE_KINDS } from '../manifest/vocabulary.js';
import type { RepoEntry } from '../graph/types.js';

export interface CatalogSource {
  /** The repo id the catalog's nodes are declared in (its file name, or the folder it was read from). */
  id: string;
  /** What the user gave. */
  source: string;
  /** The imported file, relative to the repo. */
  file: string;
  docker?: DockerPinLevel;
}

const pos = (line?: number) => ({ line: line ?? 1, col: 1 });

/** What a node of an imported catalog is in depmap's graph. */
function nodeTypeOf(c: DiscoveredComponent): 'component' | 'resource' | 'entity' {
  return c.type ?? (c.infrastructure || c.kind === 'external' ? 'resource' : 'component');
}

export function catalogRepo(result: ImportResult, source: CatalogSource): RepoEntry {
  const docker = source.docker ?? 'exact';
  const problems: Problem[] = result.problems.map((p) => importProblem(p, source.file));
  const byName = new Map(result.components.map((c) => [c.name, c]));
  const calls = new Map<string, ServiceDecl[]>();
  for (const edge of result.edges) {
    if (edge.from === edge.to) continue;
    const list = calls.get(edge.from) ?? [];
    list.push(callOf(edge, byName.get(edge.to), source, docker));
    calls.set(edge.from, list);
  }

  const manifests: Manifest[] = [];
  const entities: EntityDecl[] = [];
  for (const c of result.components) {
    const type = nodeTypeOf(c);
    const file = c.file ?? source.file;
    if (type === 'component') {
      manifests.push(componentManifest(c, file, calls.get(c.name) ?? []));
      continue;
    }
    const entity: EntityDecl = {
      type,
      id: c.name,
      kind: c.kind,
      services: calls.get(c.name) ?? [],
      file,
      pos: pos(c.line),
    };
    if (c.owner !== undefined) entity.owner = c.owner;
    if (c.system !== undefined) entity.system = c.system;
    if (c.description !== undefined) entity.description = c.description;
    if (c.properties !== undefined && Object.keys(c.properties).length > 0) entity.properties = { ...c.properties };
    entities.push(entity);
  }

  const subject = subjectOf(result);
  const byManifest = new Map(manifests.map((m) => [m.name, m]));
  let unplaced = 0;
  for (const lib of result.libraries) {
    const users = lib.usedBy ?? (subject ? [subject] : []);
    if (users.length === 0) unplaced++;
    for (const user of users) {
      const m = byManifest.get(user);
      if (!m) continue; // a library used by a resource or an entity: depmap's graph has no such edge
      const decl = libraryDecl(lib, source.file, pos(lib.line), docker);
      if (!decl) continue;
      if (lib.properties !== undefined && Object.keys(lib.properties).length > 0)
        decl.properties = { ...lib.properties };
      m.libraries.push(decl);
    }
  }
  if (unplaced > 0) {
    problems.push({
      severity: 'warning',
      code: 'import',
      file: source.file,
      line: 1,
      col: 1,
      path: '',
      message: `${unplaced} ${unplaced === 1 ? 'library says' : 'libraries say'} no component uses them, and the file has ${manifests.length} applications: left out`,
      hint: 'a BOM says which service uses which library in its `dependencies`',
    });
  }

  const repo: RepoEntry = {
    id: source.id,
    source: source.source,
    manifests: manifests.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    problems,
    status: problems.some((p) => p.severity === 'error') && manifests.length + entities.length === 0 ? 'failed' : 'ok',
  };
  if (entities.length > 0) repo.entities = entities.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return repo;
}

/**
 * The application a file's unattributed libraries belong to: its only application, or the only
 * node built from the repo (a BOM's subject).
 */
export function subjectOf(result: ImportResult): string | undefined {
  const applications = result.components.filter((c) => nodeTypeOf(c) === 'component');
  if (applications.length === 1) return applications[0]?.name;
  const built = applications.filter((c) => c.built);
  return built.length === 1 ? built[0]?.name : undefined;
}

function componentManifest(c: DiscoveredComponent, file: string, services: ServiceDecl[]): Manifest {
  const m: Manifest = {
    file,
    specVersion: 1,
    name: c.name,
    kind: c.kind,
    tags: [...(c.tags ?? [])],
    links: [],
    provides: (c.provides ?? []).map((p) => ({
      api: p.api,
      protocol: p.protocol,
      version: p.version,
      pos: pos(c.line),
    })),
    libraries: [],
    services,
    fromRefs: [],
    pos: pos(c.line),
  };
  if (c.system !== undefined) m.system = c.system;
  if (c.owner !== undefined) m.owner = c.owner;
  if (c.description !== undefined) m.description = c.description;
  if (c.image !== undefined) m.image = c.image;
  if (c.properties !== undefined && Object.keys(c.properties).length > 0) m.properties = { ...c.properties };
  return m;
}

function callOf(
  edge: DiscoveredEdge,
  target: DiscoveredComponent | undefined,
  source: CatalogSource,
  docker: DockerPinLevel,
): ServiceDecl {
  // A call to a component (or an entity) is a call to a service; a resource keeps its kind.
  const targetType = target ? nodeTypeOf(target) : undefined;
  const kind =
    targetType === 'resource'
      ? (target as DiscoveredComponent).kind
      : targetType !== undefined
        ? 'service'
        : (SERVICE_KINDS as readonly string[]).includes(edge.kind ?? '')
          ? (edge.kind as string)
          : 'service';
  const file = edge.file ?? source.file;
  const decl = serviceDecl(
    {
      name: edge.to,
      kind,
      evidence: edge.evidence,
      ...(edge.protocol ? { protocol: edge.protocol } : {}),
      ...(edge.api ? { api: edge.api } : {}),
      ...(edge.version ? { version: edge.version } : {}),
      ...(target?.url ? { url: target.url } : {}),
      ...(target?.image ? { image: target.image } : {}),
      ...(edge.line !== undefined ? { line: edge.line } : {}),
    },
    file,
    pos(edge.line),
    docker,
    // A catalog names no API version for most relations: nothing to pin, not an unpinned call.
    { discovered: true },
  );
  if (edge.critical) decl.critical = true;
  if (edge.properties !== undefined && Object.keys(edge.properties).length > 0)
    decl.properties = { ...edge.properties };
  return decl;
}
