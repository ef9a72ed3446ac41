import type { GraphNode } from '../graph/types.js';
import { DiagramBuilder } from './diagram-builder.js';
import { fileSlug } from './ids.js';
import type { Diagram, DiagramNode } from './model.js';
import { ecosystemKey, isUnpinned, type GraphIndex } from './placement.js';
import { plural } from './plural.js';

/** One component and its libraries, grouped by ecosystem, with versions and pin status. */
export function librariesView(index: GraphIndex, component: string, options: { transitive?: boolean } = {}): Diagram {
  const start = index.nodes.get(component);
  if (!start) throw new Error(`librariesView: no node ${component}`);
  const b = new DiagramBuilder(index);
  b.addNode(start, { group: null, focus: true });
  let transitive = 0;
  for (const edge of index.librariesOf.get(component) ?? []) {
    if (edge.transitive && !options.transitive) {
      transitive++;
      continue;
    }
    const lib = index.nodes.get(edge.target) as GraphNode;
    b.addNode(lib, { group: ecosystemKey(lib.ecosystem ?? lib.kind) });
    const item = b.nodes.get(lib.id) as DiagramNode;
    // The group already names the ecosystem.
    delete item.detail;
    if (isUnpinned(edge)) item.style = 'unpinned';
    b.addLibraryUse(edge);
  }
  const notes = transitive > 0 ? [`${plural(transitive, 'transitive library', 'transitive libraries')} left out`] : [];
  return b.build(`libraries-${fileSlug(start.id)}`, 'libraries', `Libraries of ${start.id}`, notes, 'LR');
}
