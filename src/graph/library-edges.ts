/**
 * A component's library uses as graph nodes and edges, and where a declaration is (the
 * manifest's line, or the lockfile line an imported entry came from): what buildSnapshot makes
 * of each manifest, and history's graph change of a version that changed library entries only.
 */
import type { LibraryDecl, Manifest } from '../manifest/types.js';
import type { Declared, GraphEdge, GraphNode, RepoEntry, Snapshot } from './types.js';

export const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
export const byKey = (a: GraphEdge, b: GraphEdge) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Library nodes and edges of some of one manifest's libraries, as buildSnapshot makes them of
 * that manifest alone, without its component's node: the graph change of a version that
 * changed library entries only is that of those entries (history/graph-change.ts).
 */
export function libraryEntriesGraph(
  repoId: string,
  manifest: Manifest,
  libraries: readonly LibraryDecl[],
): Pick<Snapshot, 'nodes' | 'edges'> {
  const repo: RepoEntry = { id: repoId, source: repoId, manifests: [manifest], problems: [], status: 'ok' };
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  for (const lib of libraries) addLibrary(nodes, edges, repo, manifest, manifest.name, lib, false);
  return { nodes: [...nodes.values()].sort(byId), edges: [...edges.values()].sort(byKey) };
}

export function addLibrary(
  nodes: Map<string, GraphNode>,
  edges: Map<string, GraphEdge>,
  repo: RepoEntry,
  manifest: Manifest,
  source: string,
  lib: LibraryDecl,
  discovered: boolean,
): void {
  if (!nodes.has(lib.purl)) {
    const node: GraphNode = {
      id: lib.purl,
      type: 'library',
      kind: lib.ecosystem,
      ecosystem: lib.ecosystem,
      name: lib.name,
    };
    if (discovered) node.discovered = true;
    if (lib.properties !== undefined) node.properties = { ...lib.properties };
    nodes.set(lib.purl, node);
  }
  const edge: GraphEdge = {
    key: `${source} -> ${lib.purl}${lib.scope ? ` [${lib.scope}]` : ''}`,
    type: 'uses-library',
    source,
    target: lib.purl,
    pin: lib.pin,
    declared: declarationOf(repo, manifest, lib.pos.line, lib.pos.col, lib.importedFrom),
  };
  if (lib.version !== undefined) edge.version = lib.version;
  if (lib.scope !== undefined) edge.scope = lib.scope;
  if (lib.transitive) edge.transitive = true;
  if (lib.importedFrom) edge.importedFrom = lib.importedFrom.file;
  if (discovered) edge.discovered = true;
  const known = edges.get(edge.key);
  if (!known) {
    edges.set(edge.key, edge);
    return;
  }
  // A lockfile may hold a package at several versions (a nested copy under another package):
  // each is an edge of its own, so that no version is lost to who-runs-what questions.
  if (lib.transitive && known.version !== edge.version && edge.version !== undefined) {
    edge.key = `${edge.key} @${edge.version}`;
    if (!edges.has(edge.key)) edges.set(edge.key, edge);
  }
}

export function declaredAt(repo: RepoEntry, manifest: Manifest, line: number, col: number): Declared {
  return { repo: repo.id, file: manifest.file, line, col };
}

/** Imported entries point at the line of the lockfile or compose file they came from. */
export function declarationOf(
  repo: RepoEntry,
  manifest: Manifest,
  line: number,
  col: number,
  importedFrom?: { file: string; line?: number },
): Declared {
  if (importedFrom) return { repo: repo.id, file: importedFrom.file, line: importedFrom.line ?? 1, col: 1 };
  return declaredAt(repo, manifest, line, col);
}
