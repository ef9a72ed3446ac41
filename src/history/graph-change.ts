/**
 * The graph change between two sets of manifests of one repo, computed on the components they
 * declare rather than on the whole repo, and on a manifest's changed entries alone when it
 * was parsed from them.
 */
import { buildSnapshot } from '../graph/build-graph.js';
import { libraryEntriesGraph } from '../graph/library-edges.js';
import { diffGraphs, type GraphDiff, type GraphLike } from '../graph/diff-graphs.js';
import type { GraphEdge, GraphNode, RepoEntry } from '../graph/types.js';
import type { Manifest } from '../manifest/types.js';
import { changeFrom } from './parse-cache.js';

export class GraphChanges {
  /** Each manifest's own nodes and edges, built once per version of it. */
  private readonly graphs = new WeakMap<Manifest, GraphLike>();
  /**
   * A side of several manifests, merged once: a walk passes the list it diffed as the new side
   * as the next commit's old side (discovered histories, every component of the repo), and
   * the diff's index of that graph is kept with it (diff-graphs.ts), so only the new side is
   * merged and indexed again.
   */
  private readonly merged = new WeakMap<readonly Manifest[], GraphLike>();

  /** `partial: false` always diffs whole graphs (tests compare both ways). */
  constructor(private readonly partial = true) {}

  diff(repo: string, oldSide: readonly Manifest[], newSide: readonly Manifest[]): GraphDiff {
    return (
      this.partialDiff(repo, oldSide, newSide) ?? diffGraphs(this.graphOf(repo, oldSide), this.graphOf(repo, newSide))
    );
  }

  /**
   * When a version was made from the previous one by changing a few entries, the graph
   * change is that of those entries: both sides are built from them alone (with the same
   * header and provided APIs), not from the whole manifest.
   */
  private partialDiff(repo: string, oldSide: readonly Manifest[], newSide: readonly Manifest[]): GraphDiff | undefined {
    if (!this.partial || oldSide.length !== 1 || newSide.length !== 1) return undefined;
    const next = newSide[0] as Manifest;
    const change = changeFrom(next);
    if (!change || change.base !== oldSide[0]) return undefined;
    const base = change.base;
    if (change.section === 'libraries') {
      // Library entries make library nodes and edges only: no need to build the rest.
      return diffGraphs(
        libraryEntriesGraph(repo, base, change.removed as Manifest['libraries']),
        libraryEntriesGraph(repo, next, change.added as Manifest['libraries']),
      );
    }
    const only = (m: Manifest, entries: readonly unknown[]): Manifest => ({
      ...m,
      libraries: [],
      services: change.section === 'services' ? (entries as Manifest['services']) : [],
    });
    return diffGraphs(manifestGraph(repo, only(base, change.removed)), manifestGraph(repo, only(next, change.added)));
  }

  private graphOf(repo: string, manifests: readonly Manifest[]): GraphLike {
    const known = this.merged.get(manifests);
    if (known) return known;
    const parts = manifests.map((m) => {
      let graph = this.graphs.get(m);
      if (!graph) {
        const { nodes, edges } = manifestGraph(repo, m);
        graph = { nodes, edges };
        this.graphs.set(m, graph);
      }
      return graph;
    });
    if (parts.length === 1) return parts[0] as GraphLike;
    const nodes = new Map<string, GraphNode>();
    const edges = new Map<string, GraphEdge>();
    for (const part of parts) {
      for (const n of part.nodes) if (!nodes.has(n.id) || n.type === 'component') nodes.set(n.id, n);
      for (const e of part.edges) if (!edges.has(e.key)) edges.set(e.key, e);
    }
    const graph = { nodes: [...nodes.values()], edges: [...edges.values()] };
    // Without shortcuts every side is merged anew: the reference the tests compare against.
    if (this.partial) this.merged.set(manifests, graph);
    return graph;
  }
}

/** The graph of one manifest alone, as a repo of its own (its nodes and edges; its problems are not read). */
function manifestGraph(repo: string, manifest: Manifest) {
  const entry: RepoEntry = { id: repo, source: repo, manifests: [manifest], problems: [], status: 'ok' };
  return buildSnapshot([entry], '', { hints: false });
}
