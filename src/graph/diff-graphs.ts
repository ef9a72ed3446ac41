/**
 * What changed between two graphs: nodes and edges added or removed, versions moved (with
 * direction and size), pins gained or lost, and changes of protocol, api, owner, system or
 * kind. Pure. Where something is declared (repo, file, line) is not part of the graph's
 * meaning: a manifest that moved, or whose entries moved into a lockfile it imports, shows
 * no change.
 */
import type { VersionMove } from './diff-versions.js';
import { byText, diffEdge, diffNode, edgeSummary, nodeSummary } from './diff-entries.js';
import type { GraphEdge, GraphNode, NodeType, ProvidedApi, Snapshot } from './types.js';

export interface NodeSummary {
  id: string;
  type: NodeType;
  kind: string;
  system?: string;
  owner?: string;
}

export interface FieldChange {
  field: 'kind' | 'system' | 'owner' | 'protocol' | 'api' | 'scope' | 'url' | 'critical' | 'transitive';
  from?: string;
  to?: string;
}

export interface ProvidedChange {
  api: string;
  change: 'added' | 'removed' | 'changed';
  from?: ProvidedApi;
  to?: ProvidedApi;
  version?: VersionMove;
}

export interface NodeChange {
  id: string;
  type: NodeType;
  fields: FieldChange[];
  provides: ProvidedChange[];
}

export interface EdgeSummary {
  key: string;
  type: GraphEdge['type'];
  source: string;
  target: string;
  version?: string;
  protocol?: string;
  api?: string;
  scope?: string;
  image?: string;
  baseImage?: string;
  pinned: boolean;
  critical?: boolean;
  /** A library only a lockfile brings in, not one the component asks for. */
  transitive?: boolean;
  /** The file a library was imported from (a lockfile), when not written in a manifest. */
  importedFrom?: string;
}

export interface PinChange {
  /** Which value's pin changed: the version, or a service's container image. */
  of: 'version' | 'image';
  from: boolean;
  to: boolean;
  /** Why the new value is not pinned. */
  reason?: string;
}

export interface EdgeChange {
  type: GraphEdge['type'];
  source: string;
  target: string;
  from: EdgeSummary;
  to: EdgeSummary;
  version?: VersionMove;
  image?: VersionMove;
  baseImage?: VersionMove;
  pin: PinChange[];
  fields: FieldChange[];
}

export interface GraphDiff {
  nodes: { added: NodeSummary[]; removed: NodeSummary[]; changed: NodeChange[] };
  edges: { added: EdgeSummary[]; removed: EdgeSummary[]; changed: EdgeChange[] };
}

export type GraphLike = Pick<Snapshot, 'nodes' | 'edges'>;

export function isEmptyDiff(diff: GraphDiff): boolean {
  return (
    diff.nodes.added.length +
      diff.nodes.removed.length +
      diff.nodes.changed.length +
      diff.edges.added.length +
      diff.edges.removed.length +
      diff.edges.changed.length ===
    0
  );
}

interface GraphIndex {
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
}

/** A graph compared with its successor, then with its predecessor, is indexed once. */
const indexes = new WeakMap<GraphLike, GraphIndex>();

function indexOf(graph: GraphLike): GraphIndex {
  let index = indexes.get(graph);
  if (!index) {
    index = { nodes: new Map(graph.nodes.map((n) => [n.id, n])), edges: new Map(graph.edges.map((e) => [e.key, e])) };
    indexes.set(graph, index);
  }
  return index;
}

export function diffGraphs(before: GraphLike, after: GraphLike): GraphDiff {
  const diff: GraphDiff = {
    nodes: { added: [], removed: [], changed: [] },
    edges: { added: [], removed: [], changed: [] },
  };
  const { nodes: oldNodes, edges: oldEdges } = indexOf(before);
  const { nodes: newNodes, edges: newEdges } = indexOf(after);
  for (const [id, node] of oldNodes) {
    const next = newNodes.get(id);
    // A name called as a service before any component had it, then declared: a new component.
    if (!next || next.type !== node.type) diff.nodes.removed.push(nodeSummary(node));
    if (next && next.type !== node.type) diff.nodes.added.push(nodeSummary(next));
    else if (next) {
      const change = diffNode(node, next);
      if (change) diff.nodes.changed.push(change);
    }
  }
  for (const [id, node] of newNodes) if (!oldNodes.has(id)) diff.nodes.added.push(nodeSummary(node));

  const removed: GraphEdge[] = [];
  const added: GraphEdge[] = [];
  for (const [key, edge] of oldEdges) {
    const next = newEdges.get(key);
    if (!next) removed.push(edge);
    else {
      const change = diffEdge(edge, next);
      if (change) diff.edges.changed.push(change);
    }
  }
  for (const [key, edge] of newEdges) if (!oldEdges.has(key)) added.push(edge);

  // An edge whose api, protocol or scope changed has a new key: pair it with its old self.
  const addedByEnds = new Map<string, GraphEdge[]>();
  for (const edge of added) {
    const ends = `${edge.type}\0${edge.source}\0${edge.target}`;
    addedByEnds.set(ends, [...(addedByEnds.get(ends) ?? []), edge]);
  }
  const paired = new Set<GraphEdge>();
  for (const edge of removed) {
    const candidates = (addedByEnds.get(`${edge.type}\0${edge.source}\0${edge.target}`) ?? []).filter(
      (c) => !paired.has(c),
    );
    let best: GraphEdge | undefined;
    let bestScore = -1;
    for (const c of candidates) {
      const score =
        (c.api === edge.api ? 2 : 0) + (c.protocol === edge.protocol ? 1 : 0) + (c.scope === edge.scope ? 1 : 0);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (best) {
      paired.add(best);
      paired.add(edge);
      const change = diffEdge(edge, best);
      if (change) diff.edges.changed.push(change);
    }
  }
  for (const edge of removed) if (!paired.has(edge)) diff.edges.removed.push(edgeSummary(edge));
  for (const edge of added) if (!paired.has(edge)) diff.edges.added.push(edgeSummary(edge));

  diff.nodes.added.sort((a, b) => byText(a.id, b.id));
  diff.nodes.removed.sort((a, b) => byText(a.id, b.id));
  diff.nodes.changed.sort((a, b) => byText(a.id, b.id));
  diff.edges.added.sort((a, b) => byText(a.key, b.key));
  diff.edges.removed.sort((a, b) => byText(a.key, b.key));
  diff.edges.changed.sort((a, b) => byText(a.to.key, b.to.key));
  return diff;
}
