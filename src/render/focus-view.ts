import type { GraphNode } from '../graph/types.js';
import { DiagramBuilder, type ViewOptions } from './diagram-builder.js';
import { diagramId, fileSlug } from './ids.js';
import type { Diagram } from './model.js';
import { labelOf, LIBRARIES_GROUP, systemKey, type GraphIndex } from './placement.js';

export interface FocusViewOptions extends ViewOptions {
  depth?: number;
  /** Draw the components around the focus as one node per system (a hub's hundreds of callers). */
  collapse?: boolean;
}

/**
 * The neighbourhood of one node: its callers and their callers, its callees and theirs, up
 * to `depth` steps each way. A library's neighbourhood follows library edges.
 */
export function focusView(index: GraphIndex, focus: string, options: FocusViewOptions = {}): Diagram {
  const depth = options.depth ?? 1;
  const start = index.nodes.get(focus);
  if (!start) throw new Error(`focusView: no node ${focus}`);
  const libraries = options.libraries === true || start.type === 'library';
  const b = new DiagramBuilder(index);
  b.addNode(start, { focus: true });
  const inEdges = (id: string) => [
    ...(index.callsTo.get(id) ?? []),
    ...(libraries ? (index.usersOf.get(id) ?? []) : []),
  ];
  const outEdges = (id: string) => [
    ...(index.callsFrom.get(id) ?? []),
    ...(libraries ? (index.librariesOf.get(id) ?? []) : []),
  ];
  const walk = (direction: 'in' | 'out') => {
    const seen = new Set([focus]);
    let frontier = [focus];
    for (let step = 0; step < depth && frontier.length > 0; step++) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const edge of direction === 'in' ? inEdges(id) : outEdges(id)) {
          if (edge.transitive) continue;
          const otherId = direction === 'in' ? edge.source : edge.target;
          const other = index.nodes.get(otherId) as GraphNode;
          const system = options.collapse && other.type === 'component' && otherId !== focus ? other.system : undefined;
          if (system !== undefined) {
            // Collapsed: the edge goes to the system's node, and the walk stops there.
            const key = b.addCollapsed(
              systemKey(system),
              diagramId('agg', system),
              system,
              'components of this system',
            );
            if (direction === 'in') b.addToAggregate(key, edge.target, edge);
            else b.addToAggregate(edge.source, key, edge);
            continue;
          }
          b.addNode(other, other.type === 'library' ? { group: LIBRARIES_GROUP } : {});
          if (edge.type === 'uses-library') b.addLibraryUse(edge);
          else b.addCall(edge);
          if (!seen.has(otherId)) {
            seen.add(otherId);
            next.push(otherId);
          }
        }
      }
      frontier = next.sort();
    }
  };
  b.singleAsCall = true;
  walk('in');
  walk('out');
  return b.build(`focus-${fileSlug(start.id)}`, 'focus', `${labelOf(start)} and its neighbours (depth ${depth})`);
}
