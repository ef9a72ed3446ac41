/**
 * The page's model: the embedded data decoded into typed arrays once, with the adjacency the
 * focus, details and time slider walk. Nothing here touches the DOM or the renderer.
 */
import { EDGE_TYPES, FLAG, NODE_TYPES, OPEN, PIN_STATES, type ExplorerData } from '../types.js';

function bytes(text: string): ArrayBuffer {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
}

/** The items of a column (see explorer-data.ts): its width's letter and base64; '' is all defaults. */
function items(text: string): ArrayLike<number> | undefined {
  if (text === '') return undefined;
  const buffer = bytes(text.slice(1));
  const code = text[0];
  return code === 'b' ? new Uint8Array(buffer) : code === 'h' ? new Uint16Array(buffer) : new Uint32Array(buffer);
}
/** An unsigned column (0 by default). */
const unsigned = (text: string, length: number): Uint32Array => {
  const values = items(text);
  return values ? Uint32Array.from(values) : new Uint32Array(length);
};
/** A signed column of string indexes (-1, none, by default). */
const signed = (text: string, length: number): Int32Array => {
  const values = items(text);
  const out = new Int32Array(length).fill(-1);
  if (values) for (let i = 0; i < length; i++) out[i] = (values[i] as number) - 1;
  return out;
};
const floats = (text: string): Float32Array => new Float32Array(bytes(text.slice(1)));

export interface History {
  times: number[];
  captions: string[];
  start: Uint32Array;
  from: Uint32Array;
  to: Uint32Array;
  label: Int32Array;
  pinned: Uint32Array;
  nodeFrom: Uint32Array;
  nodeTo: Uint32Array;
}

export class Model {
  readonly data: ExplorerData;
  readonly n: number;
  readonly m: number;
  readonly strings: string[];
  readonly ids: string[];
  readonly nodeType: Uint32Array;
  readonly nodeKind: Int32Array;
  readonly nodeSystem: Int32Array;
  readonly nodeOwner: Int32Array;
  readonly nodeFlags: Uint32Array;
  readonly xy: Float32Array;
  readonly nodeFile: Int32Array;
  readonly nodeLine: Uint32Array;
  readonly nodeRepo: Int32Array;
  readonly nodeDescription: Int32Array;
  readonly nodeImage: Int32Array;
  readonly source: Uint32Array;
  readonly target: Uint32Array;
  readonly edgeType: Uint32Array;
  readonly pin: Uint32Array;
  readonly edgeFlags: Uint32Array;
  readonly version: Int32Array;
  readonly protocol: Int32Array;
  readonly api: Int32Array;
  readonly scope: Int32Array;
  readonly edgeFile: Int32Array;
  readonly edgeLine: Uint32Array;
  readonly edgeRepo: Int32Array;
  readonly calls: Uint32Array;
  readonly errors: Uint32Array;
  readonly history: History | undefined = undefined;
  /** Out- and in-edges of each node, CSR: edges of node i are outList[outStart[i]..outStart[i+1]]. */
  readonly outStart: Uint32Array;
  readonly outList: Uint32Array;
  readonly inStart: Uint32Array;
  readonly inList: Uint32Array;
  readonly byId = new Map<string, number>();

  constructor(data: ExplorerData) {
    this.data = data;
    this.strings = data.strings;
    const N = data.nodes;
    const E = data.edges;
    this.n = N.count;
    this.m = E.count;
    const idIndex = unsigned(N.id, this.n);
    this.ids = Array.from(idIndex, (i) => data.strings[i] as string);
    this.ids.forEach((id, i) => this.byId.set(id, i));
    this.nodeType = unsigned(N.type, this.n);
    this.nodeKind = signed(N.kind, this.n);
    this.nodeSystem = signed(N.system, this.n);
    this.nodeOwner = signed(N.owner, this.n);
    this.nodeFlags = unsigned(N.flags, this.n);
    this.xy = floats(N.xy);
    this.nodeFile = signed(N.file, this.n);
    this.nodeLine = unsigned(N.line, this.n);
    this.nodeRepo = signed(N.repo, this.n);
    this.nodeDescription = signed(N.description, this.n);
    this.nodeImage = signed(N.image, this.n);
    this.source = unsigned(E.source, this.m);
    this.target = unsigned(E.target, this.m);
    this.edgeType = unsigned(E.type, this.m);
    this.pin = unsigned(E.pin, this.m);
    this.edgeFlags = unsigned(E.flags, this.m);
    this.version = signed(E.version, this.m);
    this.protocol = signed(E.protocol, this.m);
    this.api = signed(E.api, this.m);
    this.scope = signed(E.scope, this.m);
    this.edgeFile = signed(E.file, this.m);
    this.edgeLine = unsigned(E.line, this.m);
    this.edgeRepo = signed(E.repo, this.m);
    this.calls = unsigned(E.calls, this.m);
    this.errors = unsigned(E.errors, this.m);
    const H = data.history;
    if (H) {
      const start = unsigned(H.start, this.m + 1);
      const versions = start[this.m] as number;
      this.history = {
        times: H.times,
        captions: H.captions,
        start,
        from: unsigned(H.from, versions),
        to: unsigned(H.to, versions),
        label: signed(H.label, versions),
        pinned: unsigned(H.pinned, versions),
        nodeFrom: unsigned(H.nodeFrom, this.n),
        nodeTo: unsigned(H.nodeTo, this.n),
      };
    }
    [this.outStart, this.outList] = csr(this.n, this.source);
    [this.inStart, this.inList] = csr(this.n, this.target);
  }

  str(i: number): string | undefined {
    return i < 0 ? undefined : this.strings[i];
  }
  type(i: number): (typeof NODE_TYPES)[number] {
    return NODE_TYPES[this.nodeType[i] as number] ?? 'component';
  }
  kind(i: number): string {
    return this.str(this.nodeKind[i] as number) ?? '';
  }
  system(i: number): string | undefined {
    const s = this.nodeSystem[i] as number;
    return s < 0 ? undefined : this.data.systems[s];
  }
  owner(i: number): string | undefined {
    return this.str(this.nodeOwner[i] as number);
  }
  edgeKind(e: number): (typeof EDGE_TYPES)[number] {
    return EDGE_TYPES[this.edgeType[e] as number] ?? 'calls-service';
  }
  pinState(e: number): (typeof PIN_STATES)[number] {
    return PIN_STATES[this.pin[e] as number] ?? 'n/a';
  }
  isPast(e: number): boolean {
    return ((this.edgeFlags[e] as number) & FLAG.past) !== 0;
  }
  /** Declared, discovered or observed: where the node or edge comes from. */
  nodeProvenance(i: number): Provenance {
    const f = this.nodeFlags[i] as number;
    return f & FLAG.observedOnly ? 'observed' : f & FLAG.discovered ? 'discovered' : 'declared';
  }
  edgeProvenance(e: number): Provenance {
    const f = this.edgeFlags[e] as number;
    return f & FLAG.observedOnly ? 'observed' : f & FLAG.discovered ? 'discovered' : 'declared';
  }
  /** The last position of the slider: now (the graph as it is, past edges hidden). */
  get now(): number {
    return this.history ? this.history.times.length : 0;
  }

  /** The version index of edge e that holds at position p, or -1; at `now`, whether it exists now. */
  versionAt(e: number, p: number): number {
    const h = this.history;
    if (!h || p >= this.now) return this.isPast(e) ? -1 : -2;
    const start = h.start[e] as number;
    const end = h.start[e + 1] as number;
    if (start === end) return this.isPast(e) ? -1 : -2; // no history: it has always been there
    for (let v = start; v < end; v++) {
      const to = h.to[v] as number;
      if ((h.from[v] as number) <= p && (to === OPEN || p < to)) return v;
    }
    return -1;
  }
  /** The version string of edge e at position p. */
  labelAt(e: number, p: number): string | undefined {
    const v = this.versionAt(e, p);
    if (v === -1) return undefined;
    return v === -2 ? this.str(this.version[e] as number) : this.str(this.history?.label[v] ?? -1);
  }
  /** Pinned at position p: the version and, for a call to infrastructure, its image (as the history says it). */
  pinnedAt(e: number, p: number): boolean {
    const v = this.versionAt(e, p);
    if (v >= 0) return this.history?.pinned[v] === 1;
    return this.pinState(e) !== 'unpinned' && ((this.edgeFlags[e] as number) & FLAG.imageUnpinned) === 0;
  }
}

export type Provenance = 'declared' | 'discovered' | 'observed';

function csr(n: number, ends: Uint32Array): [Uint32Array, Uint32Array] {
  const start = new Uint32Array(n + 1);
  for (const end of ends) start[end + 1] = (start[end + 1] as number) + 1;
  for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const list = new Uint32Array(ends.length);
  const fill = start.slice(0, n);
  ends.forEach((end, e) => {
    list[fill[end] as number] = e;
    fill[end] = (fill[end] as number) + 1;
  });
  return [start, list];
}
