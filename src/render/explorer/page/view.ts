/**
 * What the page shows for a state: which nodes and edges are drawn, dimmed or hidden, and how
 * each edge stands in a comparison of two dates. Pure over the model, so the renderer's
 * reducers, the counts in the status line and the tests all read the same answer.
 */
import { FLAG, OPEN } from '../types.js';
import type { Model, Provenance } from './model.js';

export type Level = 'systems' | 'components' | 'libraries';
export const PROVENANCES: readonly Provenance[] = ['declared', 'discovered', 'observed'];

export interface ViewState {
  focus: number | null;
  depth: number;
  system: string;
  kind: string;
  owner: string;
  pin: 'all' | 'unpinned' | 'pinned';
  provenance: Set<Provenance>;
  /** Libraries at every zoom, not only when zoomed in. */
  libraries: boolean;
  /** Slider position: 0 … model.now (now). */
  time: number;
  /** With a comparison: the earlier position; `time` is the later one. */
  compareFrom: number | null;
  level: Level;
}

export const NODE_HIDDEN = 0;
export const NODE_DIMMED = 1;
const NODE_SHOWN = 2;
export const EDGE_HIDDEN = 0;
const EDGE_SHOWN = 1;
export const EDGE_ADDED = 2;
export const EDGE_REMOVED = 3;
export const EDGE_CHANGED = 4;

export interface Computed {
  node: Uint8Array;
  edge: Uint8Array;
  shownNodes: number;
  shownEdges: number;
  added: number;
  removed: number;
  changed: number;
  /** Draw the system bubbles and their bundled edges instead of single edges. */
  bundles: boolean;
}

export function initialState(model: Model): ViewState {
  return {
    focus: null,
    depth: 1,
    system: '',
    kind: '',
    owner: '',
    pin: 'all',
    provenance: new Set(PROVENANCES),
    libraries: false,
    time: model.now,
    compareFrom: null,
    level: 'systems',
  };
}

/** Big graphs open on their systems; a small one shows everything at once. */
export function isSmall(model: Model): boolean {
  return model.n <= 400 || model.data.systems.length < 2;
}

export function computeView(model: Model, state: ViewState): Computed {
  const { n, m } = model;
  const small = isSmall(model);
  const nodeOk = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (state.system && model.system(i) !== state.system) continue;
    if (state.kind && model.kind(i) !== state.kind) continue;
    if (state.owner && model.owner(i) !== state.owner) continue;
    if (!state.provenance.has(model.nodeProvenance(i))) continue;
    nodeOk[i] = 1;
  }
  if (state.focus !== null) nodeOk[state.focus] = 1;
  // Time: which edges exist at the later date (b) and, comparing, at the earlier one (a).
  const b = state.time;
  const a = state.compareFrom;
  const aliveB = aliveAt(model, b);
  const aliveA = a === null ? undefined : aliveAt(model, a);
  const nodeAlive = nodesAlive(model, aliveB, b, aliveA, a);
  const focusSet = state.focus === null ? undefined : reach(model, state, nodeOk, aliveB, aliveA);
  const librariesOn = small || state.focus !== null || state.libraries || state.level === 'libraries';
  // The overview bundles calls per pair of systems; a focus or a filter shows the calls themselves.
  const filtered = state.system !== '' || state.kind !== '' || state.owner !== '';
  const bundles = !small && state.focus === null && !filtered && state.level === 'systems';

  const node = new Uint8Array(n);
  let shownNodes = 0;
  for (let i = 0; i < n; i++) {
    if (!nodeOk[i] || !nodeAlive[i]) continue;
    if (focusSet) node[i] = focusSet.has(i) ? NODE_SHOWN : NODE_DIMMED;
    else node[i] = model.type(i) === 'library' && !librariesOn ? NODE_HIDDEN : NODE_SHOWN;
    if (node[i] === NODE_SHOWN) shownNodes++;
  }
  const edge = new Uint8Array(m);
  let shownEdges = 0;
  let added = 0;
  let removed = 0;
  let changed = 0;
  for (let e = 0; e < m; e++) {
    const s = model.source[e] as number;
    const t = model.target[e] as number;
    if (node[s] !== NODE_SHOWN || node[t] !== NODE_SHOWN) continue;
    const inB = aliveB[e] === 1;
    const inA = aliveA ? aliveA[e] === 1 : inB;
    if (!inA && !inB) continue;
    if (!state.provenance.has(model.edgeProvenance(e))) continue;
    if (state.pin !== 'all') {
      const pinned = model.pinState(e) === 'n/a' || model.pinnedAt(e, inB ? b : (a as number));
      if ((state.pin === 'unpinned') === pinned) continue;
    }
    if (bundles && !aliveA) continue;
    let status = EDGE_SHOWN;
    if (aliveA) {
      if (inB && !inA) status = EDGE_ADDED;
      else if (inA && !inB) status = EDGE_REMOVED;
      else if (
        model.labelAt(e, a as number) !== model.labelAt(e, b) ||
        model.pinnedAt(e, a as number) !== model.pinnedAt(e, b)
      )
        status = EDGE_CHANGED;
    }
    edge[e] = status;
    shownEdges++;
    if (status === EDGE_ADDED) added++;
    else if (status === EDGE_REMOVED) removed++;
    else if (status === EDGE_CHANGED) changed++;
  }
  return { node, edge, shownNodes, shownEdges, added, removed, changed, bundles };
}

/** 1 for each edge that exists at position p (now: every edge but the past ones). */
function aliveAt(model: Model, p: number): Uint8Array {
  const alive = new Uint8Array(model.m);
  for (let e = 0; e < model.m; e++) alive[e] = model.versionAt(e, p) === -1 ? 0 : 1;
  return alive;
}

/**
 * A component with its own lineage is there between its first and last commit; a library or a
 * resource while an edge to or from it is (or, when no edge of it has a history, as its own
 * lineage says, else always). At either date of a comparison counts.
 */
function nodesAlive(
  model: Model,
  aliveB: Uint8Array,
  b: number,
  aliveA: Uint8Array | undefined,
  a: number | null,
): Uint8Array {
  const alive = new Uint8Array(model.n);
  const h = model.history;
  const ownAlive = (i: number, p: number) => {
    const from = h?.nodeFrom[i] as number;
    const to = h?.nodeTo[i] as number;
    return p >= model.now ? to === OPEN : from <= p && (to === OPEN || p < to);
  };
  for (let i = 0; i < model.n; i++) {
    if (!h || (h.nodeFrom[i] === OPEN && b >= model.now && a === null)) {
      alive[i] = 1;
      continue;
    }
    const component = model.type(i) === 'component';
    if (h.nodeFrom[i] !== OPEN && component) {
      alive[i] = ownAlive(i, b) || (a !== null && ownAlive(i, a)) ? 1 : 0;
      continue;
    }
    // A library or resource is there while an edge to it is (its own lineage keeps only the
    // first and last time: a library dropped and taken again would look there all along).
    let tracked = false;
    let any = false;
    const visit = (list: Uint32Array, start: Uint32Array) => {
      for (let k = start[i] as number; k < (start[i + 1] as number) && !any; k++) {
        const e = list[k] as number;
        const hasHistory = (h.start[e] as number) < (h.start[e + 1] as number) || model.isPast(e);
        if (hasHistory) tracked = true;
        if (aliveB[e] || aliveA?.[e]) any = true;
      }
    };
    visit(model.outList, model.outStart);
    visit(model.inList, model.inStart);
    alive[i] =
      any || (!tracked && (h.nodeFrom[i] === OPEN || ownAlive(i, b) || (a !== null && ownAlive(i, a)))) ? 1 : 0;
  }
  return alive;
}

/** The focus and what it calls and what calls it, to the depth asked, over edges that pass the filters. */
function reach(
  model: Model,
  state: ViewState,
  nodeOk: Uint8Array,
  aliveB: Uint8Array,
  aliveA: Uint8Array | undefined,
): Set<number> {
  const start = state.focus as number;
  const seen = new Set<number>([start]);
  let ring = [start];
  for (let d = 0; d < state.depth && ring.length > 0; d++) {
    const next: number[] = [];
    for (const v of ring) {
      const walk = (list: Uint32Array, starts: Uint32Array, other: Uint32Array) => {
        for (let k = starts[v] as number; k < (starts[v + 1] as number); k++) {
          const e = list[k] as number;
          if (!aliveB[e] && !aliveA?.[e]) continue;
          const u = other[e] as number;
          if (!nodeOk[u] || seen.has(u)) continue;
          seen.add(u);
          next.push(u);
        }
      };
      walk(model.outList, model.outStart, model.target);
      walk(model.inList, model.inStart, model.source);
    }
    ring = next;
  }
  return seen;
}

/** Everything that depends on node i, transitively (callers and dependents): its blast radius. */
export function impactCount(model: Model, i: number): number {
  const seen = new Set<number>([i]);
  const stack = [i];
  while (stack.length > 0) {
    const v = stack.pop() as number;
    for (let k = model.inStart[v] as number; k < (model.inStart[v + 1] as number); k++) {
      const e = model.inList[k] as number;
      if (model.isPast(e)) continue;
      const u = model.source[e] as number;
      if (!seen.has(u)) (seen.add(u), stack.push(u));
    }
  }
  return seen.size - 1;
}

/** True when edge e is worth a warning colour: an unpinned version or image. */
export function unpinned(model: Model, e: number): boolean {
  return model.pinState(e) === 'unpinned' || ((model.edgeFlags[e] as number) & FLAG.imageUnpinned) !== 0;
}
