/**
 * How one node or edge of a graph diff is told: its summary when it was added or removed, and
 * what moved when it is in both graphs. Pure; diff-graphs.ts pairs the nodes and edges.
 */
import { classifyImages, classifyVersions } from './diff-versions.js';
import type {
  EdgeChange,
  EdgeSummary,
  FieldChange,
  NodeChange,
  NodeSummary,
  PinChange,
  ProvidedChange,
} from './diff-graphs.js';
import type { GraphEdge, GraphNode, ProvidedApi } from './types.js';

export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function nodeSummary(node: GraphNode): NodeSummary {
  const s: NodeSummary = { id: node.id, type: node.type, kind: node.kind };
  if (node.system !== undefined) s.system = node.system;
  if (node.owner !== undefined) s.owner = node.owner;
  return s;
}

export function edgeSummary(edge: GraphEdge): EdgeSummary {
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
  if (edge.baseImage !== undefined) s.baseImage = edge.baseImage;
  if (edge.critical) s.critical = true;
  if (edge.transitive) s.transitive = true;
  if (edge.importedFrom !== undefined) s.importedFrom = edge.importedFrom;
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

export function diffNode(a: GraphNode, b: GraphNode): NodeChange | undefined {
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
    a.baseImage === b.baseImage &&
    a.pin.pinned === b.pin.pinned &&
    (a.imagePin?.pinned ?? true) === (b.imagePin?.pinned ?? true) &&
    a.protocol === b.protocol &&
    a.api === b.api &&
    a.scope === b.scope &&
    a.url === b.url &&
    Boolean(a.critical) === Boolean(b.critical) &&
    Boolean(a.transitive) === Boolean(b.transitive)
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

export function diffEdge(a: GraphEdge, b: GraphEdge): EdgeChange | undefined {
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
  if (a.baseImage !== b.baseImage) change.baseImage = classifyImages(a.baseImage, b.baseImage);
  if (a.pin.pinned !== b.pin.pinned) change.pin.push(pinChange('version', a.pin.pinned, b.pin.pinned, b.pin.reason));
  const imageA = a.imagePin?.pinned ?? true;
  const imageB = b.imagePin?.pinned ?? true;
  if (imageA !== imageB) change.pin.push(pinChange('image', imageA, imageB, b.imagePin?.reason));
  field(change.fields, 'protocol', a.protocol, b.protocol);
  field(change.fields, 'api', a.api, b.api);
  field(change.fields, 'scope', a.scope, b.scope);
  field(change.fields, 'url', a.url, b.url);
  field(change.fields, 'critical', a.critical ? 'true' : undefined, b.critical ? 'true' : undefined);
  // A package a lockfile held for others that the component now asks for itself, or the reverse.
  if (a.type === 'uses-library')
    field(change.fields, 'transitive', a.transitive ? 'transitive' : 'direct', b.transitive ? 'transitive' : 'direct');
  if (!change.version && !change.image && !change.baseImage && change.pin.length === 0 && change.fields.length === 0)
    return undefined;
  return change;
}

function pinChange(of: PinChange['of'], from: boolean, to: boolean, reason: string | undefined): PinChange {
  const p: PinChange = { of, from, to };
  if (!to && reason) p.reason = reason;
  return p;
}
