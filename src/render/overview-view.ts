import type { GraphNode } from '../graph/types.js';
import { DiagramBuilder } from './diagram-builder.js';
import type { Diagram, DiagramNode } from './model.js';
import { compareGroups, EXTERNAL_GROUP, groupFor, SHARED_GROUP, type GraphIndex } from './placement.js';
import { plural } from './plural.js';

const OVERVIEW_NONE = 'group:none';
const OVERVIEW_UNRESOLVED = 'group:unresolved';

/** Systems as nodes, with the number of calls between them. */
export function overviewView(index: GraphIndex): Diagram {
  const b = new DiagramBuilder(index);
  const keyOf = (node: GraphNode) =>
    index.groupOf.get(node.id) ?? (node.unresolved ? OVERVIEW_UNRESOLVED : OVERVIEW_NONE);
  const members = new Map<string, GraphNode[]>();
  for (const node of index.snapshot.nodes) {
    if (node.type === 'library') continue;
    const key = keyOf(node);
    const list = members.get(key);
    if (list) list.push(node);
    else members.set(key, [node]);
  }
  const keys = [...members.keys()].sort(compareGroups);
  for (const key of keys) {
    const nodes = members.get(key) as GraphNode[];
    const components = nodes.filter((n) => n.type === 'component').length;
    const resources = nodes.length - components;
    const what = key === OVERVIEW_UNRESOLVED || key === EXTERNAL_GROUP ? 'service' : 'resource';
    const counts = [
      components > 0 ? plural(components, 'component') : '',
      resources > 0 ? plural(resources, what) : '',
    ].filter(Boolean);
    const internal = nodes.reduce(
      (sum, n) =>
        sum +
        (index.callsFrom.get(n.id) ?? []).filter((e) => keyOf(index.nodes.get(e.target) as GraphNode) === key).length,
      0,
    );
    const lines = [counts.join(', ')];
    if (internal > 0) lines.push(`${plural(internal, 'call')} inside`);
    const item: DiagramNode = { id: '', key, label: '', detail: lines.join('\n'), shape: 'rounded', style: 'system' };
    if (key === OVERVIEW_NONE) Object.assign(item, { id: 'grp_none', label: 'no system', style: 'ghost' });
    else if (key === OVERVIEW_UNRESOLVED)
      Object.assign(item, {
        id: 'grp_unresolved',
        label: 'unresolved services',
        style: 'unresolved',
        shape: 'stadium',
      });
    else {
      const group = groupFor(key);
      Object.assign(item, { id: group.id, label: group.label });
      if (group.style === 'external') Object.assign(item, { style: 'external', shape: 'stadium' });
      if (group.style === 'shared') Object.assign(item, { style: 'resource', shape: 'cylinder' });
    }
    b.addSynthetic(item);
  }
  // Calls into shared, external and unresolved services are counted in those nodes, not
  // drawn: from every system they would cross the whole picture and hide how the systems
  // depend on each other.
  const sinks = new Map<string, Set<string>>();
  for (const edges of index.callsFrom.values()) {
    for (const edge of edges) {
      const from = keyOf(index.nodes.get(edge.source) as GraphNode);
      const to = keyOf(index.nodes.get(edge.target) as GraphNode);
      if (from === to) continue;
      if (to === SHARED_GROUP || to === EXTERNAL_GROUP || to === OVERVIEW_UNRESOLVED) {
        const callers = sinks.get(to) ?? new Set<string>();
        callers.add(from);
        sinks.set(to, callers);
      } else b.addToAggregate(from, to, edge);
    }
  }
  for (const [key, callers] of sinks) {
    const item = b.nodes.get(key) as DiagramNode;
    item.detail = `${item.detail ?? ''}\nused by ${plural(callers.size, 'system')}`;
  }
  return b.build('overview', 'overview', 'Systems overview');
}
