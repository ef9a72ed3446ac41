/**
 * The views: which nodes and edges a diagram shows, grouped and marked. Pure functions of the
 * graph index; every list is sorted so the same graph always gives the same diagram.
 */
import type { GraphEdge, GraphNode } from '../graph/types.js';
import { diagramId, fileSlug } from './ids.js';
import type { Diagram, DiagramEdge, DiagramGroup, DiagramKind, DiagramNode, GroupStyle, LineStyle } from './model.js';
import {
  callLabel,
  EXTERNAL_GROUP,
  SHARED_GROUP,
  compareGroups,
  compareText,
  detailOf,
  ecosystemKey,
  groupFor,
  isUnpinned,
  labelOf,
  libraryLabel,
  LIBRARIES_GROUP,
  shapeOf,
  styleOf,
  systemKey,
  type GraphIndex,
} from './placement.js';

export const nodeId = (graphId: string) => diagramId('n', graphId);

const plural = (n: number, word: string, many = `${word}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;

/** Collects nodes, groups and edges, then sorts them into a diagram. */
class DiagramBuilder {
  readonly nodes = new Map<string, DiagramNode>();
  readonly groups = new Map<string, DiagramGroup>();
  readonly edges = new Map<string, DiagramEdge>();

  /** Label an aggregate of one call like the call itself, not "1 call". */
  singleAsCall = false;

  constructor(readonly index: GraphIndex) {}

  has(graphId: string): boolean {
    return this.nodes.has(graphId);
  }

  /** `group`: the group key, default the node's placement; null for no group. */
  addNode(node: GraphNode, options: { group?: string | null; groupStyle?: GroupStyle; ghost?: boolean; focus?: boolean } = {}): void {
    if (this.nodes.has(node.id)) return;
    const group = options.group === undefined ? this.index.groupOf.get(node.id) : options.group;
    const item: DiagramNode = {
      id: nodeId(node.id),
      key: node.id,
      label: labelOf(node),
      detail: detailOf(node),
      shape: shapeOf(node),
      style: options.ghost ? 'ghost' : styleOf(node),
      node,
    };
    if (options.focus) item.focus = true;
    if (group) {
      item.group = group;
      if (!this.groups.has(group)) this.groups.set(group, groupFor(group, options.groupStyle));
    }
    this.nodes.set(node.id, item);
  }

  /** A node that is not a graph node: an aggregate of a system in the overview. */
  addSynthetic(item: DiagramNode): void {
    if (!this.nodes.has(item.key)) this.nodes.set(item.key, item);
  }

  addCall(edge: GraphEdge, from = edge.source, to = edge.target): void {
    this.addEdge(`${edge.key}`, from, to, edge, callLabel(edge), lineOf(edge));
  }

  addLibraryUse(edge: GraphEdge): void {
    this.addEdge(edge.key, edge.source, edge.target, edge, libraryLabel(edge), 'normal');
  }

  /**
   * Adds `edge` to an aggregated edge between two keys (overview, collapsed neighbours).
   * With `ends`, an end is drawn at a group's box instead of the node, so that all the
   * members' calls to one collapsed node are one edge.
   */
  addToAggregate(from: string, to: string, edge: GraphEdge, ends: { sourceGroup?: string; targetGroup?: string } = {}): void {
    const key = `${ends.sourceGroup ?? from}\u0000${ends.targetGroup ?? to}`;
    const existing = this.edges.get(key);
    if (existing) {
      existing.edges.push(edge);
      // Red only when every call it stands for is unpinned; the label counts the others.
      existing.unpinned &&= isUnpinned(edge);
      return;
    }
    const sourceItem = this.nodes.get(from);
    const targetItem = this.nodes.get(to);
    if (!sourceItem || !targetItem) return;
    const item: DiagramEdge = { source: sourceItem.id, target: targetItem.id, line: 'normal', unpinned: isUnpinned(edge), edges: [edge] };
    if (ends.sourceGroup) item.sourceGroup = ends.sourceGroup;
    if (ends.targetGroup) item.targetGroup = ends.targetGroup;
    this.edges.set(key, item);
  }

  private addEdge(key: string, from: string, to: string, edge: GraphEdge, label: string, line: LineStyle): void {
    const sourceItem = this.nodes.get(from);
    const targetItem = this.nodes.get(to);
    if (!sourceItem || !targetItem || this.edges.has(key)) return;
    const item: DiagramEdge = { source: sourceItem.id, target: targetItem.id, line, unpinned: isUnpinned(edge), edges: [edge] };
    if (label) item.label = label;
    this.edges.set(key, item);
  }

  build(name: string, kind: DiagramKind, title: string, notes: string[] = [], direction: 'LR' | 'TB' = 'TB'): Diagram {
    const groupOrder = [...this.groups.keys()].sort(compareGroups);
    const rank = new Map(groupOrder.map((g, i) => [g, i]));
    const typeRank = (n: DiagramNode) => (n.node?.type === 'component' || !n.node ? 0 : n.node.type === 'resource' ? 1 : 2);
    const nodes = [...this.nodes.values()].sort(
      (a, b) =>
        (a.group === undefined ? -1 : (rank.get(a.group) as number)) - (b.group === undefined ? -1 : (rank.get(b.group) as number)) ||
        typeRank(a) - typeRank(b) ||
        compareText(a.label, b.label) ||
        compareText(a.key, b.key),
    );
    // Aggregated edges get their count label once all their edges are in.
    for (const edge of this.edges.values()) {
      if (edge.label !== undefined) continue;
      const only = edge.edges.length === 1 ? (edge.edges[0] as GraphEdge) : undefined;
      if (only && this.singleAsCall) {
        // One call: say which, as any other call.
        edge.label = callLabel(only);
        edge.line = lineOf(only);
      } else {
        edge.label = aggregateLabel(edge);
        edge.weight = edge.edges.length;
      }
    }
    const edges = [...this.edges.entries()]
      .sort(([ka, a], [kb, b]) => compareText(a.source, b.source) || compareText(a.target, b.target) || compareText(ka, kb))
      .map(([, e]) => e);
    protocolOnResources(nodes, edges);
    return {
      name,
      kind,
      title,
      direction,
      groups: groupOrder.map((g) => this.groups.get(g) as DiagramGroup),
      nodes,
      edges,
      notes,
    };
  }
}

/**
 * A resource every drawn caller reaches by the same protocol, with no version, says it once,
 * `queue · kafka`, and its edges keep only what is particular to them (`unpinned image`):
 * three "kafka" labels side by side tell nobody which line is which, and every label ELK
 * places pushes the others further from their edges.
 */
function protocolOnResources(nodes: DiagramNode[], edges: DiagramEdge[]): void {
  const into = new Map<string, DiagramEdge[]>();
  for (const edge of edges) into.set(edge.target, [...(into.get(edge.target) ?? []), edge]);
  for (const node of nodes) {
    const calls = into.get(node.id);
    if (node.node?.type !== 'resource' || node.node.unresolved || !calls) continue;
    const only = (e: DiagramEdge) => (e.edges.length === 1 && e.targetGroup === undefined ? e.edges[0] : undefined);
    const protocols = new Set(calls.map((e) => only(e)?.protocol));
    const protocol = protocols.size === 1 ? [...protocols][0] : undefined;
    if (!protocol || calls.some((e) => only(e)?.version !== undefined || !e.label?.startsWith(protocol))) continue;
    node.detail = node.detail ? `${node.detail} · ${protocol}` : protocol;
    for (const edge of calls) {
      const rest = (edge.label as string).slice(protocol.length).replace(/^ · /, '');
      if (rest) edge.label = rest;
      else delete edge.label;
    }
  }
}

function lineOf(edge: GraphEdge): LineStyle {
  if (edge.resolvedBy === 'unresolved') return 'dotted';
  return edge.critical ? 'thick' : 'normal';
}

function aggregateLabel(edge: DiagramEdge): string {
  const unpinned = edge.edges.filter(isUnpinned).length;
  return `${plural(edge.edges.length, 'call')}${unpinned > 0 ? ` · ${unpinned} unpinned` : ''}`;
}

export interface ViewOptions {
  /** Draw libraries too (off by default: they drown the services). */
  libraries?: boolean;
}

/** The whole organisation: every component and resource, one subgraph per system. */
export function architectureView(index: GraphIndex, options: ViewOptions = {}): Diagram {
  const b = new DiagramBuilder(index);
  for (const node of index.snapshot.nodes) if (node.type !== 'library') b.addNode(node);
  for (const edges of index.callsFrom.values()) for (const edge of edges) b.addCall(edge);
  if (options.libraries) addLibraries(b, index, [...b.nodes.keys()]);
  return b.build('architecture', 'architecture', 'Architecture');
}

function addLibraries(b: DiagramBuilder, index: GraphIndex, components: string[]): void {
  for (const id of components) {
    for (const edge of index.librariesOf.get(id) ?? []) {
      const lib = index.nodes.get(edge.target);
      if (!lib || edge.transitive) continue;
      b.addNode(lib, { group: LIBRARIES_GROUP });
      b.addLibraryUse(edge);
    }
  }
}

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
export const systemDiagramName = (system: string | null) => (system === null ? 'no-system' : `system-${fileSlug(system)}`);

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
  const aggregate = (key: string, id: string, label: string, detail: string): string => {
    b.addSynthetic({ id, key, label, detail, shape: 'rect', style: 'ghost' });
    return key;
  };
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
    if (part) return aggregate(part.key, diagramId('part', part.key), part.label, 'other part of this system');
    if (group && group !== ownKey) {
      const count = neighbourCount.get(group)?.size ?? 0;
      if (!options.collapseNeighbours && count <= collapseAbove) {
        b.addNode(node, { ghost: true, groupStyle: 'ghost' });
        return id;
      }
      const name = group.slice('system:'.length);
      return aggregate(group, diagramId('agg', name), name, `other system\n${plural(count, 'component')} involved`);
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
  if (options.libraries) addLibraries(b, index, [...members].filter((id) => index.nodes.get(id)?.type === 'component'));
  const title = system === null ? 'Components without a system' : `System ${system}`;
  return b.build(options.name ?? systemDiagramName(system), 'system', options.title ?? title);
}

const OVERVIEW_NONE = 'group:none';
const OVERVIEW_UNRESOLVED = 'group:unresolved';

/** Systems as nodes, with the number of calls between them. */
export function overviewView(index: GraphIndex): Diagram {
  const b = new DiagramBuilder(index);
  const keyOf = (node: GraphNode) => index.groupOf.get(node.id) ?? (node.unresolved ? OVERVIEW_UNRESOLVED : OVERVIEW_NONE);
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
    const counts = [components > 0 ? plural(components, 'component') : '', resources > 0 ? plural(resources, what) : ''].filter(Boolean);
    const internal = nodes.reduce((sum, n) => sum + (index.callsFrom.get(n.id) ?? []).filter((e) => keyOf(index.nodes.get(e.target) as GraphNode) === key).length, 0);
    const lines = [counts.join(', ')];
    if (internal > 0) lines.push(`${plural(internal, 'call')} inside`);
    const item: DiagramNode = { id: '', key, label: '', detail: lines.join('\n'), shape: 'rounded', style: 'system' };
    if (key === OVERVIEW_NONE) Object.assign(item, { id: 'grp_none', label: 'no system', style: 'ghost' });
    else if (key === OVERVIEW_UNRESOLVED) Object.assign(item, { id: 'grp_unresolved', label: 'unresolved services', style: 'unresolved', shape: 'stadium' });
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
  const inEdges = (id: string) => [...(index.callsTo.get(id) ?? []), ...(libraries ? (index.usersOf.get(id) ?? []) : [])];
  const outEdges = (id: string) => [...(index.callsFrom.get(id) ?? []), ...(libraries ? (index.librariesOf.get(id) ?? []) : [])];
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
            const key = systemKey(system);
            b.addSynthetic({ id: diagramId('agg', system), key, label: system, detail: 'components of this system', shape: 'rect', style: 'ghost' });
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
  const label = labelOf(start);
  return b.build(`focus-${fileSlug(start.id)}`, 'focus', `${label} and its neighbours (depth ${depth})`);
}

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
