/**
 * The view in the address's hash, so a link shows the same view: focus and depth, filters,
 * the date (and the date compared with), the search. Dates are ISO 8601 in UTC: a link stays
 * right when the history it was made from grows.
 */
import type { Model, Provenance } from './model.js';
import { PROVENANCES, type ViewState } from './view.js';

export interface HashState {
  state: ViewState;
  query: string;
}

/** The position of a date on the slider: the last event at or before it (-1 before the first: 0). */
function positionOf(model: Model, iso: string | null): number | undefined {
  if (iso === null || !model.history) return undefined;
  if (iso === 'now') return model.now;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  const times = model.history.times;
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

export function dateOf(model: Model, position: number): string {
  const t = model.history?.times[position];
  return t === undefined ? 'now' : new Date(t).toISOString().replace(/\.000Z$/, 'Z');
}

export function writeHash(model: Model, { state, query }: HashState): string {
  const p = new URLSearchParams();
  if (state.focus !== null) p.set('focus', model.ids[state.focus] as string);
  if (state.focus !== null && state.depth !== 1) p.set('depth', String(state.depth));
  if (state.system) p.set('system', state.system);
  if (state.kind) p.set('kind', state.kind);
  if (state.owner) p.set('owner', state.owner);
  if (state.pin !== 'all') p.set('pin', state.pin);
  if (state.provenance.size !== PROVENANCES.length) p.set('from', [...state.provenance].join(','));
  if (state.libraries) p.set('libraries', '1');
  if (model.history && state.time !== model.now) p.set('date', dateOf(model, state.time));
  if (model.history && state.compareFrom !== null) p.set('compare', dateOf(model, state.compareFrom));
  if (query) p.set('q', query);
  return p.toString();
}

/** Reads a hash over `base`; what does not parse (an unknown node, a bad date) is left as it was. */
export function readHash(model: Model, hash: string, base: HashState): HashState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const state: ViewState = { ...base.state, provenance: new Set(base.state.provenance) };
  const focus = p.get('focus');
  state.focus = focus === null ? null : (model.byId.get(focus) ?? null);
  const depth = Number(p.get('depth') ?? '1');
  state.depth = depth >= 1 && depth <= 3 ? Math.floor(depth) : 1;
  state.system = p.get('system') ?? '';
  state.kind = p.get('kind') ?? '';
  state.owner = p.get('owner') ?? '';
  const pin = p.get('pin');
  state.pin = pin === 'unpinned' || pin === 'pinned' ? pin : 'all';
  const from = p.get('from');
  state.provenance = new Set(
    from === null ? PROVENANCES : from.split(',').filter((x): x is Provenance => (PROVENANCES as string[]).includes(x)),
  );
  state.libraries = p.get('libraries') === '1';
  state.time = positionOf(model, p.get('date')) ?? model.now;
  const compare = positionOf(model, p.get('compare'));
  state.compareFrom = compare === undefined || compare >= state.time ? null : compare;
  return { state, query: p.get('q') ?? '' };
}
