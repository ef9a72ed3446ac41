import type { Diagram } from './model.js';
import { DiagramBuilder, type ViewOptions } from './diagram-builder.js';
import type { GraphIndex } from './placement.js';

/** The whole organisation: every component and resource, one subgraph per system. */
export function architectureView(index: GraphIndex, options: ViewOptions = {}): Diagram {
  const b = new DiagramBuilder(index);
  for (const node of index.snapshot.nodes) if (node.type !== 'library') b.addNode(node);
  for (const edges of index.callsFrom.values()) for (const edge of edges) b.addCall(edge);
  if (options.libraries) b.addLibrariesOf([...b.nodes.keys()]);
  return b.build('architecture', 'architecture', 'Architecture');
}
