/**
 * The time bar: a slider over the history's commits (the map after each), and "compare with",
 * a second slider for the earlier date of a diff. Hidden when the page has no history.
 */
import type { Model } from './model.js';
import type { ViewState } from './view.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Wires the bar to the view's state; returns what shows the state on it after each change. */
export function timeBar(model: Model, view: () => ViewState, apply: () => void): () => void {
  const slider = $<HTMLInputElement>('t');
  const compare = $<HTMLInputElement>('compare');
  const from = $<HTMLInputElement>('t0');
  const caption = $('t-caption');
  const history = model.history;
  if (!history) return () => undefined;
  $('time').hidden = false;
  for (const range of [slider, from]) {
    range.min = '0';
    range.max = String(model.now);
  }
  slider.addEventListener('input', () => {
    const state = view();
    state.time = Number(slider.value);
    if (state.compareFrom !== null && state.compareFrom >= state.time) state.compareFrom = Math.max(0, state.time - 1);
    apply();
  });
  from.addEventListener('input', () => {
    const state = view();
    state.compareFrom = Math.min(Number(from.value), Math.max(0, state.time - 1));
    apply();
  });
  compare.addEventListener('change', () => {
    const state = view();
    state.compareFrom = compare.checked ? Math.max(0, Math.min(state.time - 1, Number(from.value) || 0)) : null;
    apply();
  });
  return () => {
    const state = view();
    slider.value = String(state.time);
    compare.checked = state.compareFrom !== null;
    from.hidden = state.compareFrom === null;
    $('t-legend').hidden = state.compareFrom === null;
    if (state.compareFrom !== null) from.value = String(state.compareFrom);
    const at = (p: number) => (p >= model.now ? 'now' : `after ${history.captions[p]}`);
    caption.textContent =
      state.compareFrom === null ? at(state.time) : `${at(state.compareFrom)}  →  ${at(state.time)}`;
  };
}
