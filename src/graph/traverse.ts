/**
 * Breadth-first walks for `impact` (who depends on X, following edges backwards) and `deps`
 * (what X depends on, forwards). Each reached node keeps its depth and one shortest path.
 */
import type { QueryGraph } from './query-graph.js';
import type { EdgeType, GraphEdge } from './types.js';

export interface Reached {
  id: string;
  depth: number;
  /** From the start node to this one (impact: from this node to the start, in call order). */
  path: string[];
  /** The edge that reached this node at its depth. */
  via: GraphEdge;
}

export interface WalkOptions {
  maxDepth?: number;
  edgeTypes?: ReadonlySet<EdgeType>;
}

function walk(graph: QueryGraph, start: string, direction: 'in' | 'out', options: WalkOptions): Reached[] {
  const maxDepth = options.maxDepth ?? Infinity;
  const parent = new Map<string, { from: string; edge: GraphEdge; depth: number }>();
  parent.set(start, { from: '', edge: undefined as unknown as GraphEdge, depth: 0 });
  let frontier = [start];
  const order: string[] = [];
  for (let depth = 1; frontier.length > 0 && depth <= maxDepth; depth++) {
    const next: string[] = [];
    for (const node of frontier) {
      const visit = (_edge: string, attrs: GraphEdge, source: string, target: string) => {
        if (options.edgeTypes && !options.edgeTypes.has(attrs.type)) return;
        const other = direction === 'in' ? source : target;
        if (parent.has(other)) return;
        parent.set(other, { from: node, edge: attrs, depth });
        next.push(other);
        order.push(other);
      };
      if (direction === 'in') graph.forEachInEdge(node, visit);
      else graph.forEachOutEdge(node, visit);
    }
    next.sort();
    frontier = next;
  }
  return order
    .map((id) => {
      const path: string[] = [];
      for (let cur = id; cur !== ''; cur = (parent.get(cur) as { from: string }).from) path.push(cur);
      // impact: path from the dependent down to the start, in the direction of the calls
      const entry = parent.get(id) as { edge: GraphEdge; depth: number };
      return { id, depth: entry.depth, path: direction === 'in' ? path : path.reverse(), via: entry.edge };
    })
    .sort((a, b) => a.depth - b.depth || (a.id < b.id ? -1 : 1));
}

/** Everything that depends on `start`, transitively: its blast radius. */
export function impactOf(graph: QueryGraph, start: string, options: WalkOptions = {}): Reached[] {
  return walk(graph, start, 'in', options);
}

/** Everything `start` depends on, transitively. */
export function dependenciesOf(graph: QueryGraph, start: string, options: WalkOptions = {}): Reached[] {
  return walk(graph, start, 'out', options);
}

/**
 * Dependency paths from `from` to `to` (simple paths, shortest first), bounded so that a
 * dense graph cannot make the search explode.
 */
export function pathsBetween(
  graph: QueryGraph,
  from: string,
  to: string,
  options: { maxPaths?: number; maxDepth?: number } = {},
): string[][] {
  const maxPaths = options.maxPaths ?? 20;
  const maxDepth = options.maxDepth ?? 12;
  // Only nodes that can reach `to` are worth entering.
  const canReach = new Set<string>([to]);
  for (const queue = [to]; queue.length > 0;) {
    graph.forEachInNeighbor(queue.pop() as string, (n) => {
      if (!canReach.has(n)) {
        canReach.add(n);
        queue.push(n);
      }
    });
  }
  if (!canReach.has(from)) return [];
  const results: string[][] = [];
  const stack: string[] = [from];
  const onPath = new Set<string>([from]);
  let steps = 0;
  const dfs = (node: string) => {
    if (results.length >= maxPaths * 5 || ++steps > 200_000) return;
    if (node === to) {
      results.push([...stack]);
      return;
    }
    if (stack.length > maxDepth) return;
    const next = [...new Set(graph.outNeighbors(node))].filter((n) => canReach.has(n) && !onPath.has(n)).sort();
    for (const n of next) {
      stack.push(n);
      onPath.add(n);
      dfs(n);
      onPath.delete(n);
      stack.pop();
    }
  };
  dfs(from);
  return results.sort((a, b) => a.length - b.length || a.join('>').localeCompare(b.join('>'))).slice(0, maxPaths);
}
