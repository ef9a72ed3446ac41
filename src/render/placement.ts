/**
 * Where each node is drawn and how it looks. Components sit in their system; a resource sits
 * in the system of its callers when they all share one (a database owned by one system),
 * in "shared" when several systems use it (a shared queue), and third parties in "external".
 * Unresolved services stay outside every group: nobody knows where they belong.
 */
import type { GraphEdge, GraphNode, Snapshot } from '../graph/types.js';
import { diagramId } from './ids.js';
import type { DiagramGroup, GroupStyle, NodeStyle, Shape } from './model.js';
import { plural } from './plural.js';

export const SHARED_GROUP = 'group:shared';
export const EXTERNAL_GROUP = 'group:external';
export const LIBRARIES_GROUP = 'group:libraries';
export const systemKey = (system: string) => `system:${system}`;
export const ecosystemKey = (ecosystem: string) => `ecosystem:${ecosystem}`;

/** The graph with the lookups every view needs, built once per snapshot. */
export interface GraphIndex {
  snapshot: Snapshot;
  nodes: Map<string, GraphNode>;
  /** calls-service edges by source and by target, in snapshot (key) order. */
  callsFrom: Map<string, GraphEdge[]>;
  callsTo: Map<string, GraphEdge[]>;
  librariesOf: Map<string, GraphEdge[]>;
  usersOf: Map<string, GraphEdge[]>;
  /** Group key of every component and resource (absent: drawn outside any group). */
  groupOf: Map<string, string>;
  systems: string[];
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export function indexGraph(input: Snapshot): GraphIndex {
  // Snapshots are sorted when depmap writes them; hand-made or merged ones may not be, and
  // the output must not depend on it.
  const snapshot: Snapshot = {
    ...input,
    nodes: [...input.nodes].sort((a, b) => compareText(a.id, b.id)),
    edges: [...input.edges].sort((a, b) => compareText(a.key, b.key)),
  };
  const nodes = new Map(snapshot.nodes.map((n) => [n.id, n]));
  const callsFrom = new Map<string, GraphEdge[]>();
  const callsTo = new Map<string, GraphEdge[]>();
  const librariesOf = new Map<string, GraphEdge[]>();
  const usersOf = new Map<string, GraphEdge[]>();
  for (const edge of snapshot.edges) {
    if (!nodes.has(edge.source) || !nodes.has(edge.target)) continue;
    if (edge.type === 'calls-service') {
      push(callsFrom, edge.source, edge);
      push(callsTo, edge.target, edge);
    } else {
      push(librariesOf, edge.source, edge);
      push(usersOf, edge.target, edge);
    }
  }
  const groupOf = new Map<string, string>();
  const systems = new Set<string>();
  for (const node of snapshot.nodes) {
    if (node.type === 'component' && node.system !== undefined) {
      groupOf.set(node.id, systemKey(node.system));
      systems.add(node.system);
    }
  }
  for (const node of snapshot.nodes) {
    if (node.type !== 'resource' || node.unresolved) continue;
    if (node.kind === 'external') {
      groupOf.set(node.id, EXTERNAL_GROUP);
      continue;
    }
    const callerGroups = new Set<string>();
    let ungroupedCaller = false;
    for (const edge of callsTo.get(node.id) ?? []) {
      const group = groupOf.get(edge.source);
      if (group) callerGroups.add(group);
      else ungroupedCaller = true;
    }
    if (callerGroups.size === 1 && !ungroupedCaller) groupOf.set(node.id, [...callerGroups][0] as string);
    else if (callerGroups.size > 0) groupOf.set(node.id, SHARED_GROUP);
  }
  return {
    snapshot,
    nodes,
    callsFrom,
    callsTo,
    librariesOf,
    usersOf,
    groupOf,
    systems: [...systems].sort(compareText),
  };
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function groupFor(key: string, style?: GroupStyle): DiagramGroup {
  if (key === SHARED_GROUP) return { id: 'grp_shared', key, label: 'shared infrastructure', style: style ?? 'shared' };
  if (key === EXTERNAL_GROUP)
    return { id: 'grp_external', key, label: 'external services', style: style ?? 'external' };
  if (key === LIBRARIES_GROUP) return { id: 'grp_libraries', key, label: 'libraries', style: style ?? 'shared' };
  if (key.startsWith('ecosystem:')) {
    const ecosystem = key.slice('ecosystem:'.length);
    return { id: diagramId('eco', ecosystem), key, label: ecosystem, style: style ?? 'shared' };
  }
  const name = key.slice('system:'.length);
  return {
    id: diagramId('sys', name),
    key,
    label: style === 'ghost' ? `${name} (other system)` : name,
    style: style ?? 'system',
  };
}

/** Groups in drawing order: systems by name, then shared, external and libraries. */
export function compareGroups(a: string, b: string): number {
  const rank = (k: string) => (k === SHARED_GROUP ? 1 : k === EXTERNAL_GROUP ? 2 : k === LIBRARIES_GROUP ? 3 : 0);
  return rank(a) - rank(b) || compareText(a, b);
}

const COMPONENT_SHAPES: Record<string, Shape> = {
  frontend: 'trapezoid',
  mobile: 'trapezoid',
  job: 'subroutine',
  worker: 'subroutine',
  function: 'subroutine',
  pipeline: 'subroutine',
  cli: 'subroutine',
  library: 'rect',
};

const RESOURCE_SHAPES: Record<string, Shape> = {
  database: 'cylinder',
  storage: 'cylinder',
  search: 'cylinder',
  cache: 'hexagon',
  queue: 'parallelogram',
  stream: 'parallelogram',
  external: 'stadium',
  identity: 'stadium',
  email: 'stadium',
};

export function shapeOf(node: GraphNode): Shape {
  if (node.type === 'library') return 'rect';
  if (node.type === 'component') return COMPONENT_SHAPES[node.kind] ?? 'rounded';
  if (node.unresolved) return 'stadium';
  return RESOURCE_SHAPES[node.kind] ?? 'stadium';
}

export function styleOf(node: GraphNode): NodeStyle {
  if (node.type === 'library') return 'library';
  // Before unresolved: a name only traces know is not a finding of the manifests.
  if (node.observedOnly) return 'observed';
  if (node.type === 'component') return node.kind === 'frontend' || node.kind === 'mobile' ? 'frontend' : 'component';
  if (node.unresolved) return 'unresolved';
  return node.kind === 'external' ? 'external' : 'resource';
}

/** The small second line of a node: its kind, and what is wrong with it. */
export function detailOf(node: GraphNode): string {
  if (node.type === 'library') return node.ecosystem ?? node.kind;
  if (node.observedOnly) return `${node.kind} · observed only`;
  if (node.unresolved) return 'unresolved: no manifest';
  return node.kind;
}

export function labelOf(node: GraphNode): string {
  if (node.type === 'library') return node.name ?? node.id;
  return node.id;
}

/**
 * Not pinned: its version, or its image. An unversioned call (discovered, no version anywhere)
 * is not, nor is a call only observations show: nobody declared a version to pin.
 */
export function isUnpinned(edge: GraphEdge): boolean {
  if (edge.presence === 'observed-only') return false;
  return (!edge.pin.pinned && !edge.pin.unversioned) || edge.imagePin?.pinned === false;
}

/** Drawn red: unpinned and declared. A discovered map is drawn in its own style, never red. */
export function isDrawnUnpinned(edge: GraphEdge): boolean {
  return isUnpinned(edge) && edge.discovered !== true;
}

/**
 * `grpc 3.2.0`: the protocol and the API version; `unpinned` when it is not pinned. A call
 * discovered without a version says nothing of it: the legend says where it comes from.
 * An observed call adds what the observations counted, `· 1,204 calls · 3 errors`; a call
 * only they show has no version or pin to tell, only its protocol and counts.
 */
export function callLabel(edge: GraphEdge): string {
  const parts: string[] = [];
  if (edge.presence === 'observed-only') {
    const protocol = edge.protocol ?? edge.observed?.protocol;
    if (protocol) parts.push(protocol);
  } else {
    if (edge.protocol) parts.push(edge.protocol);
    if (edge.version) parts.push(edge.version);
    if (!edge.pin.pinned && !edge.pin.unversioned) parts.push('· unpinned');
    else if (edge.imagePin?.pinned === false) parts.push('· unpinned image');
  }
  const counts = observedCounts(edge.observed);
  if (counts) parts.push(parts.length > 0 ? `· ${counts}` : counts);
  return parts.join(' ');
}

/** `1,204 calls · 3 errors`: what observations counted of one or several calls; '' for none. */
export function observedCounts(observed: { calls: number; errors: number } | undefined, noun = 'call'): string {
  if (!observed) return '';
  const parts = [plural(observed.calls, noun)];
  if (observed.errors > 0) parts.push(plural(observed.errors, 'error'));
  return parts.join(' · ');
}

/** `4.19.2` or `^4.17.21 · unpinned`, with the scope when not runtime. */
export function libraryLabel(edge: GraphEdge): string {
  const parts: string[] = [edge.version ?? 'no version'];
  if (edge.scope && edge.scope !== 'runtime') parts.push(`(${edge.scope})`);
  if (!edge.pin.pinned) parts.push('· unpinned');
  return parts.join(' ');
}
