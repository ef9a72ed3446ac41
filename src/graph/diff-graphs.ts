/**
 * What changed between two graphs: nodes and edges added or removed, versions moved (with
 * direction and size), pins gained or lost, and changes of protocol, api, owner, system or
 * kind. Pure. Where something is declared (repo, file, line) is not part of the graph's
 * meaning: a manifest that moved, or whose entries moved into a lockfile it imports, shows
 * no change.
 */
import { classifyImages, classifyVersions, type VersionMove } from './diff-versions.js';
import type { GraphEdge, GraphNode, NodeType, ProvidedApi, Snapshot } from './types.js';

export interface NodeSummary {
  id: string;
  type: NodeType;
  kind: string;
  system?: string;
  owner?: string;
}

interface FieldChange {
  field: 'kind' | 'system' | 'owner' | 'protocol' | 'api' | 'scope' | 'url' | 'critical';
  from?: string;
  to?: string;
}

interface ProvidedChange {
  api: string;
  change: 'added' | 'removed' | 'changed';
  from?: ProvidedApi;
  to?: ProvidedApi;
  version?: VersionMove;
}

export interface NodeChange {
  id: string;
  type: NodeType;
  fields: FieldChange[];
  provides: ProvidedChange[];
}

export interface EdgeSummary {
  key: string;
  type: GraphEdge['type'];
  source: string;
  target: string;
  version?: string;
  protocol?: string;
  api?: string;
  scope?: string;
  image?: string;
  pinned: boolean;
  critical?: boolean;
}

interface PinChange {
  /** Which value's pin changed: the version, or a service's container image. */
  of: 'version' | 'image';
  from: boolean;
  to: boolean;
  /** Why the new value is not pinned. */
  reason?: string;
}

export interface EdgeChange {
  type: GraphEdge['type'];
  source: string;
  target: string;
  from: EdgeSummary;
  to: EdgeSummary;
  version?: VersionMove;
  image?: VersionMove;
  pin: PinChange[];
  fields: FieldChange[];
}

export interface GraphDiff {
  nodes: { added: NodeSummary[]; removed: NodeSummary[]; changed: NodeChange[] };
  edges: { added: EdgeSummary[]; removed: EdgeSummary[]; changed: EdgeChange[] };
}

export type GraphLike = Pick<Snapshot, 'nodes' | 'edges'>;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function isEmptyDiff(diff: GraphDiff): boolean {
  return (
    diff.nodes.added.length +
      diff.nodes.removed.length +
      diff.nodes.changed.length +
      diff.edges.added.length +
      diff.edges.removed.length +
      diff.edges.changed.length ===
    0
  );
}

interface GraphIndex {
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
}

/** A graph compared with its successor, then with its predecessor, is indexed once. */
const indexes = new WeakMap<GraphLike, GraphIndex>();

function indexOf(graph: GraphLike): GraphIndex {
  let index = indexes.get(graph);
  if (!index) {
    index = { nodes: new Map(graph.nodes.map((n) => [n.id, n])), edges: new Map(graph.edges.map((e) => [e.key, e])) };
    indexes.set(graph, index);
  }
  return index;
}

export function diffGraphs(before: GraphLike, after: GraphLike): GraphDiff {
  const diff: GraphDiff = {
    nodes: { added: [], removed: [], changed: [] },
    edges: { added: [], removed: [], changed: [] },
  };
  const { nodes: oldNodes, edges: oldEdges } = indexOf(before);
  const { nodes: newNodes, edges: newEdges } = indexOf(after);
  for (const [id, node] of oldNodes) {
    const next = newNodes.get(id);
    // A name called as a service before any component had it, then declared: a new component.
    if (!next || next.type !== node.type) diff.nodes.removed.push(nodeSummary(node));
    if (next && next.type !== node.type) diff.nodes.added.push(nodeSummary(next));
    else if (next) {
      const change = diffNode(node, next);
      if (change) diff.nodes.changed.push(change);
    }
  }
  for (const [id, node] of newNodes) if (!oldNodes.has(id)) diff.nodes.added.push(nodeSummary(node));

  const removed: GraphEdge[] = [];
  const added: GraphEdge[] = [];
  for (const [key, edge] of oldEdges) {
    const next = newEdges.get(key);
    if (!next) removed.push(edge);
    else {
      const change = diffEdge(edge, next);
      if (change) diff.edges.changed.push(change);
    }
  }
  for (const [key, edge] of newEdges) if (!oldEdges.has(key)) added.push(edge);

  // An edge whose api, protocol or scope changed has a new key: pair it with its old self.
  const addedByEnds = new Map<string, GraphEdge[]>();
  for (const edge of added) {
    const ends = `${edge.type}\0${edge.source}\0${edge.target}`;
    addedByEnds.set(ends, [...(addedByEnds.get(ends) ?? []), edge]);
  }
  const paired = new Set<GraphEdge>();
  for (const edge of removed) {
    const candidates = (addedByEnds.get(`${edge.type}\0${edge.source}\0${edge.target}`) ?? []).filter(
      (c) => !paired.has(c),
    );
    let best: GraphEdge | undefined;
    let bestScore = -1;
    for (const c of candidates) {
      const score =
        (c.api === edge.api ? 2 : 0) + (c.protocol === edge.protocol ? 1 : 0) + (c.scope === edge.scope ? 1 : 0);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (best) {
      paired.add(best);
      paired.add(edge);
      const change = diffEdge(edge, best);
      if (change) diff.edges.changed.push(change);
    }
  }
  for (const edge of removed) if (!paired.has(edge)) diff.edges.removed.push(edgeSummary(edge));
  for (const edge of added) if (!paired.has(edge)) diff.edges.added.push(edgeSummary(edge));

  diff.nodes.added.sort((a, b) => byText(a.id, b.id));
  diff.nodes.removed.sort((a, b) => byText(a.id, b.id));
  diff.nodes.changed.sort((a, b) => byText(a.id, b.id));
  diff.edges.added.sort((a, b) => byText(a.key, b.key));
  diff.edges.removed.sort((a, b) => byText(a.key, b.key));
  diff.edges.changed.sort((a, b) => byText(a.to.key, b.to.key));
  return diff;
}

function nodeSummary(node: GraphNode): NodeSummary {
  const s: NodeSummary = { id: node.id, type: node.type, kind: node.kind };
  if (node.system !== undefined) s.system = node.system;
  if (node.owner !== undefined) s.owner = node.owner;
  return s;
}

function edgeSummary(edge: GraphEdge): EdgeSummary {
  const s: EdgeSummary = {
    key: edge.key,
    type: edge.type,
    source: edge.source,
    target: edge.target,
    pinned: edge.pin.pinned && edge.imagePin?.pinned !== false,
  };
  if (edge.version !== undefined) s.version = edge.version;
  if (edge.protocol !== undefined) s.protocol = edge.protocol;
  if (edge.api !== undefined) s.api = edge.api;
  if (edge.scope !== undefined) s.scope = edge.scope;
  if (edge.image !== undefined) s.image = edge.image;
  if (edge.critical) s.critical = true;
  return s;
}

function field(
  fields: FieldChange[],
  name: FieldChange['field'],
  from: string | undefined,
  to: string | undefined,
): void {
  if (from === to) return;
  const change: FieldChange = { field: name };
  if (from !== undefined) change.from = from;
  if (to !== undefined) change.to = to;
  fields.push(change);
}

function diffNode(a: GraphNode, b: GraphNode): NodeChange | undefined {
  if (sameNode(a, b)) return undefined;
  const fields: FieldChange[] = [];
  if (a.type !== 'library') field(fields, 'kind', a.kind, b.kind);
  field(fields, 'system', a.system, b.system);
  field(fields, 'owner', a.owner, b.owner);
  const provides: ProvidedChange[] = [];
  const oldApis = new Map((a.provides ?? []).map((p) => [`${p.api}\0${p.version}`, p]));
  const newApis = new Map((b.provides ?? []).map((p) => [`${p.api}\0${p.version}`, p]));
  const gone = [...oldApis].filter(([k]) => !newApis.has(k)).map(([, p]) => p);
  const came = [...newApis].filter(([k]) => !oldApis.has(k)).map(([, p]) => p);
  for (const [key, p] of oldApis) {
    const q = newApis.get(key);
    if (q && q.protocol !== p.protocol) provides.push({ api: p.api, change: 'changed', from: p, to: q });
  }
  // One version of an api replaced by another is a move; several at once stay added/removed.
  for (const p of gone) {
    const sameApiGone = gone.filter((g) => g.api === p.api);
    const sameApiCame = came.filter((c) => c.api === p.api);
    if (sameApiGone.length === 1 && sameApiCame.length === 1) {
      const q = sameApiCame[0] as ProvidedApi;
      provides.push({ api: p.api, change: 'changed', from: p, to: q, version: classifyVersions(p.version, q.version) });
    } else {
      provides.push({ api: p.api, change: 'removed', from: p });
    }
  }
  for (const q of came) {
    const moved = gone.filter((g) => g.api === q.api).length === 1 && came.filter((c) => c.api === q.api).length === 1;
    if (!moved) provides.push({ api: q.api, change: 'added', to: q });
  }
  provides.sort((x, y) => byText(x.api, y.api) || byText(x.change, y.change));
  if (fields.length === 0 && provides.length === 0) return undefined;
  return { id: a.id, type: b.type, fields, provides };
}

/** Compared before anything is allocated: most edges of two versions are the same. */
function sameEdge(a: GraphEdge, b: GraphEdge): boolean {
  return (
    a.version === b.version &&
    a.image === b.image &&
    a.pin.pinned === b.pin.pinned &&
    (a.imagePin?.pinned ?? true) === (b.imagePin?.pinned ?? true) &&
    a.protocol === b.protocol &&
    a.api === b.api &&
    a.scope === b.scope &&
    a.url === b.url &&
    Boolean(a.critical) === Boolean(b.critical)
  );
}

function sameNode(a: GraphNode, b: GraphNode): boolean {
  if ((a.type !== 'library' && a.kind !== b.kind) || a.system !== b.system || a.owner !== b.owner) return false;
  const x = a.provides ?? [];
  const y = b.provides ?? [];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const p = x[i] as ProvidedApi;
    const q = y[i] as ProvidedApi;
    if (p.api !== q.api || p.version !== q.version || p.protocol !== q.protocol) return false;
  }
  return true;
}

function diffEdge(a: GraphEdge, b: GraphEdge): EdgeChange | undefined {
  if (sameEdge(a, b)) return undefined;
  const change: EdgeChange = {
    type: b.type,
    source: b.source,
    target: b.target,
    from: edgeSummary(a),
    to: edgeSummary(b),
    pin: [],
    fields: [],
  };
  if (a.version !== b.version) change.version = classifyVersions(a.version, b.version);
  if (a.image !== b.image) change.image = classifyImages(a.image, b.image);
  if (a.pin.pinned !== b.pin.pinned) change.pin.push(pinChange('version', a.pin.pinned, b.pin.pinned, b.pin.reason));
  const imageA = a.imagePin?.pinned ?? true;
  const imageB = b.imagePin?.pinned ?? true;
  if (imageA !== imageB) change.pin.push(pinChange('image', imageA, imageB, b.imagePin?.reason));
  field(change.fields, 'protocol', a.protocol, b.protocol);
  field(change.fields, 'api', a.api, b.api);
  field(change.fields, 'scope', a.scope, b.scope);
  field(change.fields, 'url', a.url, b.url);
  field(change.fields, 'critical', a.critical ? 'true' : undefined, b.critical ? 'true' : undefined);
  if (!change.version && !change.image && change.pin.length === 0 && change.fields.length === 0) return undefined;
  return change;
}

function pinChange(of: PinChange['of'], from: boolean, to: boolean, reason: string | undefined): PinChange {
  const p: PinChange = { of, from, to };
  if (!to && reason) p.reason = reason;
  return p;
}
