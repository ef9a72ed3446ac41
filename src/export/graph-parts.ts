/** The parts of a snapshot every export walks, in the snapshot's stable order. */
import type { GraphEdge, GraphNode, Snapshot } from '../graph/types.js';

export interface GraphParts {
  components: GraphNode[];
  resources: GraphNode[];
  libraries: Map<string, GraphNode>;
  /** calls-service edges. */
  calls: GraphEdge[];
  /** uses-library edges. */
  uses: GraphEdge[];
  node(id: string): GraphNode | undefined;
}

export function graphParts(snapshot: Snapshot): GraphParts {
  const byId = new Map(snapshot.nodes.map((node) => [node.id, node]));
  return {
    components: snapshot.nodes.filter((n) => n.type === 'component'),
    resources: snapshot.nodes.filter((n) => n.type === 'resource'),
    libraries: new Map(snapshot.nodes.filter((n) => n.type === 'library').map((n) => [n.id, n])),
    calls: snapshot.edges.filter((e) => e.type === 'calls-service' && e.source !== e.target),
    uses: snapshot.edges.filter((e) => e.type === 'uses-library'),
    node: (id) => byId.get(id),
  };
}

/** Options every exporter accepts. */
export interface ExportOptions {
  /** Name of the whole system (the BOM subject, the Structurizr workspace). */
  name?: string;
  /** Owner for entities whose node has none (Backstage requires one). */
  defaultOwner?: string;
  /** SPDX: the document's `created` time, `YYYY-MM-DDTHH:MM:SSZ` (SPDX allows no fractions); default the Unix epoch. */
  created?: string;
}
