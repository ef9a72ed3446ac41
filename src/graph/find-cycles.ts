/**
 * Service call cycles: strongly connected components of the calls-service edges (Tarjan,
 * iterative so that deep graphs cannot overflow the stack), each with one concrete cycle.
 */
import type { QueryGraph } from './query-graph.js';

export interface Cycle {
  /** Members of the strongly connected component, sorted. */
  members: string[];
  /** One cycle through the first member, closed: [a, b, c, a]. */
  example: string[];
}

function callees(graph: QueryGraph, node: string): string[] {
  const out = new Set<string>();
  graph.forEachOutEdge(node, (_e, attrs, _s, target) => {
    if (attrs.type === 'calls-service') out.add(target);
  });
  return [...out].sort();
}

/** `graph`: the edge index of query-graph.ts (or a graphology graph, which answers the same). */
export function findCycles(graph: QueryGraph): Cycle[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const sccs: string[][] = [];
  let counter = 0;
  const nodes = graph.filterNodes((_, a) => a.type !== 'library').sort();
  const adjacency = new Map(nodes.map((n) => [n, callees(graph, n)]));

  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; next: number };
      const succ = adjacency.get(frame.node) ?? [];
      if (frame.next < succ.length) {
        const w = succ[frame.next++] as string;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(w) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          scc.push(w);
        } while (w !== frame.node);
        const selfLoop = scc.length === 1 && (adjacency.get(scc[0] as string) ?? []).includes(scc[0] as string);
        if (scc.length > 1 || selfLoop) sccs.push(scc.sort());
      }
    }
  }
  return sccs
    .map((members) => ({ members, example: exampleCycle(adjacency, members) }))
    .sort((a, b) => (a.members[0] as string).localeCompare(b.members[0] as string));
}

/** Shortest cycle through the first member, staying inside the component. */
function exampleCycle(adjacency: Map<string, string[]>, members: string[]): string[] {
  const start = members[0] as string;
  const inside = new Set(members);
  const parent = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as string;
    for (const next of adjacency.get(node) ?? []) {
      if (!inside.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let cur = node; cur !== start; cur = parent.get(cur) as string) path.splice(1, 0, cur);
        return [...path, start];
      }
      if (!parent.has(next)) {
        parent.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}
