/**
 * The page's model: the embedded data decoded into typed arrays once, with the adjacency the
 * focus, details and time slider walk. Nothing here touches the DOM or the renderer.
 */
import { EDGE_TYPES, FLAG, NODE_TYPES, OPEN, PIN_STATES, type ExplorerData } from '../types.js';

/** Typed arrays from base64; '' is an array of defaults (0, or -1 for signed indexes) `length` long. */
function decode<T>(text: string, make: (buffer: ArrayBuffer) => T): T {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return make(bytes.buffer);
}
const u8 = (s: string, length: number) => (s ? decode(s, (b) => new Uint8Array(b)) : new Uint8Array(length));
const u16 = (s: string, length: number) => (s ? decode(s, (b) => new Uint16Array(b)) : new Uint16Array(length));
const i16 = (s: string, length: number) => (s ? decode(s, (b) => new Int16Array(b)) : new Int16Array(length).fill(-1));
const u32 = (s: string, length: number) => (s ? decode(s, (b) => new Uint32Array(b)) : new Uint32Array(length));
const i32 = (s: string, length: number) => (s ? decode(s, (b) => new Int32Array(b)) : new Int32Array(length).fill(-1));
const f32 = (s: string, length: number) => (s ? decode(s, (b) => new Float32Array(b)) : new Float32Array(length));

export interface History {
  times: number[];
  captions: string[];
  start: Uint32Array;
  from: Uint16Array;
  to: Uint16Array;
  label: Int32Array;
  pinned: Uint8Array;
  nodeFrom: Uint16Array;
  nodeTo: Uint16Array;
}

export class Model {
  readonly data: ExplorerData;
  readonly n: number;
  readonly m: number;
  readonly strings: string[];
  readonly ids: string[];
  readonly nodeType: Uint8Array;
  readonly nodeKind: Int32Array;
  readonly nodeSystem: Int16Array;
  readonly nodeOwner: Int32Array;
  readonly nodeFlags: Uint8Array;
  readonly xy: Float32Array;
  readonly nodeFile: Int32Array;
  readonly nodeLine: Uint32Array;
  readonly nodeRepo: Int32Array;
  readonly nodeDescription: Int32Array;
  readonly nodeImage: Int32Array;
  readonly source: Uint32Array;
  readonly target: Uint32Array;
  readonly edgeType: Uint8Array;
  readonly pin: Uint8Array;
  readonly edgeFlags: Uint8Array;
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
    const idIndex = u32(N.id, this.n);
    this.ids = Array.from(idIndex, (i) => data.strings[i] as string);
    this.ids.forEach((id, i) => this.byId.set(id, i));
    this.nodeType = u8(N.type, this.n);
    this.nodeKind = i32(N.kind, this.n);
    this.nodeSystem = i16(N.system, this.n);
    this.nodeOwner = i32(N.owner, this.n);
    this.nodeFlags = u8(N.flags, this.n);
    this.xy = f32(N.xy, this.n * 2);
    this.nodeFile = i32(N.file, this.n);
    this.nodeLine = u32(N.line, this.n);
    this.nodeRepo = i32(N.repo, this.n);
    this.nodeDescription = i32(N.description, this.n);
    this.nodeImage = i32(N.image, this.n);
    this.source = u32(E.source, this.m);
    this.target = u32(E.target, this.m);
    this.edgeType = u8(E.type, this.m);
    this.pin = u8(E.pin, this.m);
    this.edgeFlags = u8(E.flags, this.m);
    this.version = i32(E.version, this.m);
    this.protocol = i32(E.protocol, this.m);
    this.api = i32(E.api, this.m);
    this.scope = i32(E.scope, this.m);
    this.edgeFile = i32(E.file, this.m);
    this.edgeLine = u32(E.line, this.m);
    this.edgeRepo = i32(E.repo, this.m);
    this.calls = u32(E.calls, this.m);
    this.errors = u32(E.errors, this.m);
    const H = data.history;
    if (H) {
      const start = u32(H.start, this.m + 1);
      const versions = start[this.m] as number;
      this.history = {
        times: H.times,
        captions: H.captions,
        start,
        from: u16(H.from, versions),
        to: u16(H.to, versions),
        label: i32(H.label, versions),
        pinned: u8(H.pinned, versions),
        nodeFrom: u16(H.nodeFrom, this.n),
        nodeTo: u16(H.nodeTo, this.n),
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
  pinnedAt(e: number, p: number): boolean {
    const v = this.versionAt(e, p);
    return v >= 0 ? this.history?.pinned[v] === 1 : this.pinState(e) !== 'unpinned';
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
