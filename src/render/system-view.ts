import type { GraphNode } from '../graph/types.js';
import { DiagramBuilder, type ViewOptions } from './diagram-builder.js';
import { diagramId, fileSlug } from './ids.js';
import type { Diagram } from './model.js';
import { groupFor, systemKey, type GraphIndex } from './placement.js';
import { plural } from './plural.js';

/** Components of a system, and the resources drawn in it; null: those of no system. */
export function systemMembers(index: GraphIndex, system: string | null): { components: string[]; resources: string[] } {
  const key = system === null ? undefined : systemKey(system);
  const components: string[] = [];
  const resources: string[] = [];
  for (const node of index.snapshot.nodes) {
    if (node.type === 'library' || node.unresolved || index.groupOf.get(node.id) !== key) continue;
    (node.type === 'component' ? components : resources).push(node.id);
  }
  return { components, resources };
}

/** File name of a system's diagram (and docs page). */
const systemDiagramName = (system: string | null) => (system === null ? 'no-system' : `system-${fileSlug(system)}`);

export interface SystemViewOptions extends ViewOptions {
  /** Draw only these components of the system (a part of a split system). */
  components?: string[];
  /** Collapse the components of other systems into one node per system. */
  collapseNeighbours?: boolean;
  /**
   * Collapse another system anyway when more than this many of its components are
   * neighbours (default 3): a row of faded boxes says less than "platform, 12 components".
   */
  collapseAbove?: number;
  /** Components of this system drawn as one node per part (the other parts of a split). */
  otherParts?: ReadonlyMap<string, { key: string; label: string }>;
  name?: string;
  title?: string;
}

/**
 * One system in detail, with what it talks to: components of other systems are drawn faded
 * in their own subgraph, shared and external resources as they are.
 */
export function systemView(index: GraphIndex, system: string | null, options: SystemViewOptions = {}): Diagram {
  const b = new DiagramBuilder(index);
  const own = systemMembers(index, system);
  const members = new Set(options.components ?? [...own.components, ...own.resources]);
  const ownKey = system === null ? undefined : systemKey(system);
  for (const id of [...members].sort()) b.addNode(index.nodes.get(id) as GraphNode);
  const neighbourCount = new Map<string, Set<string>>();
  for (const id of members) {
    for (const e of [...(index.callsFrom.get(id) ?? []), ...(index.callsTo.get(id) ?? [])]) {
      const other = e.source === id ? e.target : e.source;
      const group = index.groupOf.get(other);
      if (members.has(other) || index.nodes.get(other)?.type !== 'component' || !group || group === ownKey) continue;
      const set = neighbourCount.get(group) ?? new Set<string>();
      set.add(other);
      neighbourCount.set(group, set);
    }
  }
  const collapseAbove = options.collapseAbove ?? 3;
  // Returns the key the neighbour is drawn as: itself, or the node it is collapsed into.
  const neighbour = (id: string): string | undefined => {
    const node = index.nodes.get(id);
    if (!node) return undefined;
    const group = index.groupOf.get(id);
    if (node.type !== 'component') {
      b.addNode(node);
      return id;
    }
    const part = options.otherParts?.get(id);
    if (part) return b.addCollapsed(part.key, diagramId('part', part.key), part.label, 'other part of this system');
    if (group && group !== ownKey) {
      const count = neighbourCount.get(group)?.size ?? 0;
      if (!options.collapseNeighbours && count <= collapseAbove) {
        b.addNode(node, { ghost: true, groupStyle: 'ghost' });
        return id;
      }
      const name = group.slice('system:'.length);
      return b.addCollapsed(
        group,
        diagramId('agg', name),
        name,
        `other system\n${plural(count, 'component')} involved`,
      );
    }
    // A component of this system drawn in another part, or one without a system.
    b.addNode(node, { ghost: true });
    return id;
  };
  b.singleAsCall = true;
  // Calls between the system and a collapsed node are drawn from the system's box: one edge
  // per collapsed node and direction instead of one per member.
  const ownGroup = ownKey === undefined ? undefined : groupFor(ownKey).id;
  const boxed = (member: string) => ownGroup !== undefined && index.groupOf.get(member) === ownKey;
  for (const id of [...members].sort()) {
    for (const edge of index.callsFrom.get(id) ?? []) {
      const other = members.has(edge.target) ? edge.target : neighbour(edge.target);
      if (!other) continue;
      if (other === edge.target) b.addCall(edge);
      else b.addToAggregate(edge.source, other, edge, boxed(edge.source) ? { sourceGroup: ownGroup as string } : {});
    }
    for (const edge of index.callsTo.get(id) ?? []) {
      if (members.has(edge.source)) continue;
      const other = neighbour(edge.source);
      if (!other) continue;
      if (other === edge.source) b.addCall(edge);
      else b.addToAggregate(other, edge.target, edge, boxed(edge.target) ? { targetGroup: ownGroup as string } : {});
    }
  }
  if (options.libraries) b.addLibrariesOf([...members].filter((id) => index.nodes.get(id)?.type === 'component'));
  const title = system === null ? 'Components without a system' : `System ${system}`;
  return b.build(options.name ?? systemDiagramName(system), 'system', options.title ?? title);
}
