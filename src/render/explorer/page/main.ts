/**
 * The explorer page: reads the data embedded in the HTML, draws it with sigma.js (WebGL) at the
 * positions laid out in Node, and wires search, focus, filters, details, the time slider and
 * the address's hash. Bundled by scripts/build.mjs into dist/explorer-page.js, inlined into
 * every explorer.html: the page loads nothing from the network.
 *
 * Headless and software WebGL pay per primitive drawn, so: GL lines for edges and points for
 * nodes, the overview draws system bubbles with bundled edges instead of 50,000 lines, and
 * search hits are ringed on a 2D canvas above the graph instead of redrawing it.
 */
import type Sigma from 'sigma';
import type { ExplorerData } from '../types.js';
import { renderDetails } from './details.js';
import { buildGraph, createRenderer, ringOverlay, type Look } from './draw.js';
import { timeBar } from './time-bar.js';
import { Model } from './model.js';
import { SearchIndex, type Hit } from './search.js';
import { dateOf, readHash, writeHash } from './url-state.js';
import { computeView, initialState, isSmall, PROVENANCES, type Computed, type Level, type ViewState } from './view.js';

/** Camera ratios where the picture changes: systems above, libraries below. */
const SYSTEMS_ABOVE = 0.45;
const LIBRARIES_BELOW = 0.12;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function start(): void {
  const started = performance.now();
  const marks: Record<string, number> = {};
  const mark = (name: string) => (marks[name] = performance.now());
  const data = JSON.parse(($('depmap-data') as HTMLScriptElement).textContent ?? '{}') as ExplorerData;
  mark('parsed');
  const model = new Model(data);
  mark('decoded');
  const index = new SearchIndex(model);
  mark('indexed');
  const small = isSmall(model);
  let state: ViewState = initialState(model);
  if (small) state.level = 'components';
  let query = '';
  let computed: Computed;
  let hits: Hit[] = [];
  let active = 0;

  const { graph, bundles: bundleCount } = buildGraph(model, small);
  const look = (): Look => ({ state, computed, hits, active });

  const status = $('status');
  const box = $('details');
  const apply = (writeUrl = true) => {
    computed = computeView(model, state);
    renderer?.refresh();
    const diff =
      state.compareFrom !== null
        ? ` · ${computed.added} added, ${computed.removed} removed, ${computed.changed} changed`
        : '';
    const links = computed.bundles ? ` · ${bundleCount} system links (the largest)` : '';
    status.textContent = `${computed.shownNodes} nodes · ${computed.shownEdges} edges shown${links}${diff}${small ? '' : ` · zoom: ${state.level}`}`;
    if (writeUrl) history.replaceState(null, '', `#${writeHash(model, { state, query })}`);
    showTime();
  };

  mark('graph');
  computed = computeView(model, state);
  mark('view');
  let renderer: Sigma | undefined;
  const notice = $('notice');
  try {
    renderer = createRenderer($('graph'), graph, model, small, look);
    // The time bar covers the bottom of the page: the map starts a little further out.
    if (model.history) renderer.getCamera().setState({ ratio: 1.2 });
  } catch (error) {
    renderer = undefined;
    notice.textContent = `This browser gives the page no WebGL, so the map is not drawn; search, filters and details still work. (${error instanceof Error ? error.message : String(error)})`;
    notice.hidden = false;
  }
  mark('sigma');
  // Search hits and the focus ringed on a 2D canvas: no WebGL frame for a keystroke.
  const drawRings = renderer ? ringOverlay($<HTMLCanvasElement>('overlay'), renderer, model, look) : () => undefined;
  renderer?.on('afterRender', drawRings);
  renderer?.on('clickNode', ({ node }) => {
    if (node.startsWith('s')) {
      const s = Number(node.slice(1));
      setFilter('system', data.systems[s] ?? '');
      zoomTo(s);
      return;
    }
    choose({ kind: 'node', node: Number(node), text: model.ids[Number(node)] as string });
  });
  renderer?.getCamera().on('updated', ({ ratio }) => {
    if (small) return;
    const level: Level = ratio > SYSTEMS_ABOVE ? 'systems' : ratio < LIBRARIES_BELOW ? 'libraries' : 'components';
    if (level !== state.level) {
      state.level = level;
      apply(false);
    }
  });

  const centre = (x: number, y: number, ratio: number) => {
    if (!renderer) return;
    const framed = renderer.viewportToFramedGraph(renderer.graphToViewport({ x, y }));
    renderer.getCamera().setState({ x: framed.x, y: framed.y, ratio });
  };
  const zoomTo = (s: number) => {
    const node = graph.getNodeAttributes(`s${s}`);
    centre(node.x as number, node.y as number, 0.3);
  };

  // Search box and its completion list.
  const input = $<HTMLInputElement>('q');
  const list = $('hits');
  const showHits = () => {
    const found = index.lookup(query);
    hits = found.hits;
    active = 0;
    list.replaceChildren(
      ...hits.map((h, k) => {
        const li = document.createElement('li');
        li.setAttribute('role', 'option');
        li.id = `hit-${k}`;
        li.textContent = h.kind === 'node' ? `${h.text} (${model.kind(h.node)})` : `${h.text} (${h.count})`;
        li.addEventListener('mousedown', (ev) => {
          ev.preventDefault();
          choose(h);
        });
        return li;
      }),
    );
    if (found.total > hits.length) {
      const more = document.createElement('li');
      more.className = 'muted';
      more.textContent = `${found.total - hits.length} more; type more of the name`;
      list.append(more);
    }
    markActive();
    drawRings();
  };
  const markActive = () => {
    list.querySelectorAll('li[role=option]').forEach((li, k) => li.setAttribute('aria-selected', String(k === active)));
    drawRings();
  };
  input.addEventListener('input', () => {
    query = input.value;
    showHits();
    history.replaceState(null, '', `#${writeHash(model, { state, query })}`);
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (hits.length > 0) active = (active + (ev.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
      markActive();
    } else if (ev.key === 'Enter') {
      const hit = hits[active];
      if (hit) choose(hit);
    } else if (ev.key === 'Escape') {
      input.value = query = '';
      showHits();
    }
  });

  function choose(hit: Hit): void {
    if (hit.kind === 'owner') return setFilter('owner', hit.owner);
    if (hit.kind === 'system') return setFilter('system', hit.system);
    state.focus = hit.node;
    renderDetails(box, model, hit.node, state.time, (node) =>
      choose({ kind: 'node', node, text: model.ids[node] as string }),
    );
    box.hidden = false;
    apply();
    centre(model.xy[hit.node * 2] as number, model.xy[hit.node * 2 + 1] as number, small ? 0.6 : 0.15);
  }

  // Filters: systems, kinds and owners offered as they are in the data.
  const fill = (id: string, values: Iterable<string>, all: string) => {
    const select = $<HTMLSelectElement>(id);
    select.replaceChildren(new Option(all, ''), ...[...new Set(values)].sort().map((v) => new Option(v, v)));
  };
  fill('f-system', data.systems, 'all systems');
  fill('f-kind', Array.from({ length: model.n }, (_, i) => model.kind(i)).filter(Boolean), 'all kinds');
  fill('f-owner', Array.from({ length: model.n }, (_, i) => model.owner(i) ?? '').filter(Boolean), 'all owners');
  const setFilter = (which: 'system' | 'kind' | 'owner', value: string) => {
    state[which] = value;
    syncControls();
    apply();
  };
  for (const which of ['system', 'kind', 'owner'] as const) {
    $<HTMLSelectElement>(`f-${which}`).addEventListener('change', (ev) =>
      setFilter(which, (ev.target as HTMLSelectElement).value),
    );
  }
  $<HTMLSelectElement>('f-pin').addEventListener('change', (ev) => {
    state.pin = (ev.target as HTMLSelectElement).value as ViewState['pin'];
    apply();
  });
  for (const p of PROVENANCES) {
    const check = $<HTMLInputElement>(`f-${p}`);
    check.addEventListener('change', () => {
      if (check.checked) state.provenance.add(p);
      else state.provenance.delete(p);
      apply();
    });
  }
  $('f-observed-label').hidden = !data.observed;
  $<HTMLInputElement>('f-libraries').addEventListener('change', (ev) => {
    state.libraries = (ev.target as HTMLInputElement).checked;
    apply();
  });
  $<HTMLSelectElement>('depth').addEventListener('change', (ev) => {
    state.depth = Number((ev.target as HTMLSelectElement).value);
    apply();
  });
  $('clear').addEventListener('click', () => {
    state.focus = null;
    box.hidden = true;
    apply();
  });

  // Time: a slider over the history's commits, and a second one to compare with.
  const showTime = timeBar(
    model,
    () => state,
    () => apply(),
  );

  const syncControls = () => {
    input.value = query;
    $<HTMLSelectElement>('f-system').value = state.system;
    $<HTMLSelectElement>('f-kind').value = state.kind;
    $<HTMLSelectElement>('f-owner').value = state.owner;
    $<HTMLSelectElement>('f-pin').value = state.pin;
    $<HTMLSelectElement>('depth').value = String(state.depth);
    $<HTMLInputElement>('f-libraries').checked = state.libraries;
    for (const p of PROVENANCES) $<HTMLInputElement>(`f-${p}`).checked = state.provenance.has(p);
  };
  const fromHash = () => {
    const read = readHash(model, location.hash, { state, query });
    state = { ...read.state, level: state.level };
    query = read.query;
    syncControls();
    if (state.focus !== null) {
      renderDetails(box, model, state.focus, state.time, (node) =>
        choose({ kind: 'node', node, text: model.ids[node] as string }),
      );
      box.hidden = false;
    }
    apply(false);
    if (query) showHits();
    if (state.focus !== null)
      centre(model.xy[state.focus * 2] as number, model.xy[state.focus * 2 + 1] as number, small ? 0.6 : 0.15);
  };
  window.addEventListener('hashchange', fromHash);
  document.addEventListener('keydown', (ev) => {
    if (ev.key === '/' && document.activeElement !== input) {
      ev.preventDefault();
      input.focus();
    }
  });
  fromHash();

  // What tests and the bench read: counts, not pixels.
  const hook = {
    ready: false,
    firstFrameMs: 0,
    startedMs: started,
    marks,
    webgl: renderer !== undefined,
    counts: () => ({
      nodes: computed.shownNodes,
      edges: computed.shownEdges,
      added: computed.added,
      removed: computed.removed,
      changed: computed.changed,
      level: state.level,
    }),
    hits: () => hits.map((h) => h.text),
    hash: () => location.hash,
    date: () => dateOf(model, state.time),
    positions: () => (model.history ? model.history.times.length : 0),
    zoom: (ratio: number) => renderer?.getCamera().setState({ ratio }),
  };
  (window as unknown as { __depmap__: typeof hook }).__depmap__ = hook;
  // Sigma drew synchronously in its constructor; two frames later that frame is on screen.
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      hook.firstFrameMs = performance.now();
      hook.ready = true;
      document.documentElement.dataset.ready = '1';
    }),
  );
}

start();
