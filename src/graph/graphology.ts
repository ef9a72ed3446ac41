/** The snapshot as a graphology multigraph, for traversals. */
import { MultiDirectedGraph } from 'graphology';
import type { GraphEdge, GraphNode, Snapshot } from './types.js';

export type OrgGraph = MultiDirectedGraph<GraphNode, GraphEdge>;

export function toGraphology(snapshot: Snapshot): OrgGraph {
  const graph: OrgGraph = new MultiDirectedGraph<GraphNode, GraphEdge>({ allowSelfLoops: true });
  for (const node of snapshot.nodes) graph.addNode(node.id, node);
  for (const edge of snapshot.edges) {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
    graph.addEdgeWithKey(edge.key, edge.source, edge.target, edge);
  }
  return graph;
}
