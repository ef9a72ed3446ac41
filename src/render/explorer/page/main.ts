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
import Graph from 'graphology';
import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeLineProgram, NodeCircleProgram, NodePointProgram } from 'sigma/rendering';
import { FLAG, type ExplorerData } from '../types.js';
import { renderDetails } from './details.js';
import { Model } from './model.js';
import { SearchIndex, type Hit } from './search.js';
import { dateOf, readHash, writeHash } from './url-state.js';
import {
  computeView,
  EDGE_ADDED,
  EDGE_CHANGED,
  EDGE_HIDDEN,
  EDGE_REMOVED,
  initialState,
  isSmall,
  NODE_DIMMED,
  NODE_HIDDEN,
  PROVENANCES,
  unpinned,
  type Computed,
  type Level,
  type ViewState,
} from './view.js';

/** A colour per system: none of them red (unresolved, unpinned), teal (observed), purple-grey (libraries) or grey. */
const SYSTEM_COLOURS = [
  '#2563eb',
  '#ca8a04',
  '#16a34a',
  '#9333ea',
  '#0891b2',
  '#b45309',
  '#db2777',
  '#4d7c0f',
  '#7c3aed',
  '#0f766e',
  '#0369a1',
  '#1d4ed8',
  '#a16207',
  '#be185d',
  '#15803d',
  '#6d28d9',
  '#0e7490',
  '#854d0e',
  '#4338ca',
  '#65a30d',
];
const COLOUR = {
  library: '#a78bfa',
  resource: '#94a3b8',
  external: '#334155',
  unresolved: '#dc2626',
  observed: '#0d9488',
  none: '#3b82f6',
  dimmed: '#e2e8f0',
  call: 'rgba(71,85,105,0.45)',
  library_edge: 'rgba(139,92,246,0.22)',
  discovered: 'rgba(100,116,139,0.5)',
  unpinned: 'rgba(220,38,38,0.75)',
  added: '#16a34a',
  removed: '#dc2626',
  changed: '#d97706',
  faded: 'rgba(148,163,184,0.2)',
};

/** Camera ratios where the picture changes: systems above, libraries below. */
const SYSTEMS_ABOVE = 0.45;
/** Calls between systems, bundled per pair: the largest this many are drawn in the overview. */
const MAX_BUNDLES = 60;
const LIBRARIES_BELOW = 0.12;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function nodeColour(model: Model, i: number): string {
  const flags = model.nodeFlags[i] as number;
  if (flags & FLAG.observedOnly) return COLOUR.observed;
  if (flags & FLAG.unresolved) return COLOUR.unresolved;
  const type = model.type(i);
  if (type === 'library') return COLOUR.library;
  const system = model.nodeSystem[i] as number;
  if (system >= 0) return SYSTEM_COLOURS[system % SYSTEM_COLOURS.length] as string;
  if (type === 'resource') return model.kind(i) === 'external' ? COLOUR.external : COLOUR.resource;
  return COLOUR.none;
}

function edgeColour(model: Model, e: number): string {
  const flags = model.edgeFlags[e] as number;
  if (flags & FLAG.observedOnly) return COLOUR.observed;
  if (unpinned(model, e)) return COLOUR.unpinned;
  if (flags & FLAG.discovered) return COLOUR.discovered;
  return model.edgeKind(e) === 'uses-library' ? COLOUR.library_edge : COLOUR.call;
}

/** In a focus the few edges drawn are drawn darker, so direction and colour read. */
function focusColour(model: Model, e: number): string {
  const flags = model.edgeFlags[e] as number;
  if (flags & FLAG.observedOnly) return COLOUR.observed;
  if (unpinned(model, e)) return '#dc2626';
  return model.edgeKind(e) === 'uses-library' ? '#8b5cf6' : '#334155';
}

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

  // The graph sigma draws: nodes and edges by index, then the systems' bubbles and bundles.
  const graph = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
  const degree = new Uint32Array(model.n);
  for (let e = 0; e < model.m; e++) degree[model.target[e] as number]!++;
  for (let i = 0; i < model.n; i++) {
    const library = model.type(i) === 'library';
    graph.addNode(String(i), {
      x: model.xy[i * 2] as number,
      y: model.xy[i * 2 + 1] as number,
      size: Math.min(
        14,
        (library ? 1.5 : 3) * (small ? 2 : 1) + Math.sqrt(degree[i] as number) * (library ? 0.3 : 0.6),
      ),
      label: model.ids[i],
      color: nodeColour(model, i),
    });
  }
  for (let e = 0; e < model.m; e++) graph.addEdgeWithKey(String(e), String(model.source[e]), String(model.target[e]));
  let bundleCount = 0;
  const members = new Map<number, number[]>();
  for (let i = 0; i < model.n; i++) {
    const s = model.nodeSystem[i] as number;
    if (s >= 0) members.set(s, [...(members.get(s) ?? []), i]);
  }
  if (!small) {
    for (const [s, list] of members) {
      let x = 0;
      let y = 0;
      for (const i of list) ((x += model.xy[i * 2] as number), (y += model.xy[i * 2 + 1] as number));
      graph.addNode(`s${s}`, {
        x: x / list.length,
        y: y / list.length,
        size: Math.min(40, 6 + Math.sqrt(list.length)),
        label: `${data.systems[s]} · ${list.length}`,
        color: SYSTEM_COLOURS[s % SYSTEM_COLOURS.length],
        type: 'circle',
        forceLabel: true,
        system: true,
      });
    }
    const bundles = new Map<string, number>();
    for (let e = 0; e < model.m; e++) {
      if (model.edgeKind(e) !== 'calls-service' || model.isPast(e)) continue;
      const a = model.nodeSystem[model.source[e] as number] as number;
      const b = model.nodeSystem[model.target[e] as number] as number;
      if (a < 0 || b < 0 || a === b) continue;
      bundles.set(`${a} ${b}`, (bundles.get(`${a} ${b}`) ?? 0) + 1);
    }
    // The largest bundles only: every pair of 20 systems is 380 lines, a grey fog.
    const kept = [...bundles].sort((x, y) => y[1] - x[1]).slice(0, MAX_BUNDLES);
    for (const [pair, count] of kept) {
      const [a, b] = pair.split(' ');
      graph.addEdgeWithKey(`b${a}-${b}`, `s${a}`, `s${b}`, {
        size: 1 + Math.log2(count),
        label: `${data.systems[Number(a)]} → ${data.systems[Number(b)]}: ${count} call${count === 1 ? '' : 's'}`,
        color: 'rgba(51,65,85,0.45)',
        type: 'arrow',
        bundle: true,
      });
    }
    bundleCount = kept.length;
  }

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
    renderer = new Sigma(graph, $('graph'), {
      nodeProgramClasses: { point: NodePointProgram, circle: NodeCircleProgram },
      edgeProgramClasses: { line: EdgeLineProgram, arrow: EdgeArrowProgram },
      defaultNodeType: 'point',
      defaultEdgeType: 'line',
      // A small map labels everything the label grid has room for; a big one its larger nodes.
      labelRenderedSizeThreshold: small ? 2 : 7,
      labelDensity: 0.6,
      hideEdgesOnMove: true,
      enableEdgeEvents: false,
      nodeReducer: (key, attrs) => {
        if (attrs.system) return computed.bundles ? attrs : { ...attrs, hidden: true };
        const i = Number(key);
        const shown = computed.node[i];
        if (shown === NODE_HIDDEN) return { ...attrs, hidden: true };
        if (shown === NODE_DIMMED) return { ...attrs, color: COLOUR.dimmed, label: '', zIndex: 0 };
        if (computed.bundles) return { ...attrs, label: '', size: Math.min(attrs.size as number, 3) };
        return i === state.focus ? { ...attrs, forceLabel: true } : attrs;
      },
      edgeReducer: (key, attrs) => {
        if (attrs.bundle) return computed.bundles ? attrs : { ...attrs, hidden: true };
        const e = Number(key);
        const shown = computed.edge[e];
        if (shown === EDGE_HIDDEN) return { ...attrs, hidden: true };
        if (shown === EDGE_ADDED) return { ...attrs, color: COLOUR.added, size: 2, type: 'arrow' };
        if (shown === EDGE_REMOVED) return { ...attrs, color: COLOUR.removed, size: 2, type: 'arrow' };
        if (shown === EDGE_CHANGED) return { ...attrs, color: COLOUR.changed, size: 2, type: 'arrow' };
        if (state.compareFrom !== null) return { ...attrs, color: COLOUR.faded };
        if (state.focus !== null) return { ...attrs, color: focusColour(model, e), size: 1.5, type: 'arrow' };
        return { ...attrs, color: edgeColour(model, e) };
      },
    });
  } catch (error) {
    renderer = undefined;
    notice.textContent = `This browser gives the page no WebGL, so the map is not drawn; search, filters and details still work. (${error instanceof Error ? error.message : String(error)})`;
    notice.hidden = false;
  }

  mark('sigma');
  // Search hits and the focus ringed on a 2D canvas: no WebGL frame for a keystroke.
  const overlay = $<HTMLCanvasElement>('overlay');
  const ctx = overlay.getContext('2d');
  const drawRings = () => {
    if (!renderer || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    overlay.width = overlay.clientWidth * ratio;
    overlay.height = overlay.clientHeight * ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, overlay.clientWidth, overlay.clientHeight);
    ctx.lineWidth = 2;
    ctx.font = '12px system-ui, sans-serif';
    const ring = (i: number, colour: string, label: boolean) => {
      const p = renderer!.graphToViewport({ x: model.xy[i * 2] as number, y: model.xy[i * 2 + 1] as number });
      ctx.strokeStyle = colour;
      ctx.beginPath();
      ctx.arc(p.x, p.y, 9, 0, 2 * Math.PI);
      ctx.stroke();
      if (label) {
        ctx.fillStyle = '#0f172a';
        ctx.fillText(model.ids[i] as string, p.x + 12, p.y - 8);
      }
    };
    hits.forEach((h, k) => h.kind === 'node' && ring(h.node, k === active ? '#dc2626' : '#f97316', true));
    if (state.focus !== null) ring(state.focus, '#0f172a', false);
  };
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
  const timeBar = $('time');
  const slider = $<HTMLInputElement>('t');
  const compare = $<HTMLInputElement>('compare');
  const from = $<HTMLInputElement>('t0');
  const caption = $('t-caption');
  const showTime = () => {
    if (!model.history) return;
    slider.value = String(state.time);
    compare.checked = state.compareFrom !== null;
    from.hidden = state.compareFrom === null;
    $('t-legend').hidden = state.compareFrom === null;
    if (state.compareFrom !== null) from.value = String(state.compareFrom);
    const at = (p: number) => (p >= model.now ? 'now' : `after ${model.history!.captions[p]}`);
    caption.textContent =
      state.compareFrom === null ? at(state.time) : `${at(state.compareFrom)}  →  ${at(state.time)}`;
  };
  if (model.history) {
    timeBar.hidden = false;
    for (const range of [slider, from]) {
      range.min = '0';
      range.max = String(model.now);
    }
    slider.addEventListener('input', () => {
      state.time = Number(slider.value);
      if (state.compareFrom !== null && state.compareFrom >= state.time)
        state.compareFrom = Math.max(0, state.time - 1);
      apply();
    });
    from.addEventListener('input', () => {
      state.compareFrom = Math.min(Number(from.value), Math.max(0, state.time - 1));
      apply();
    });
    compare.addEventListener('change', () => {
      state.compareFrom = compare.checked ? Math.max(0, Math.min(state.time - 1, Number(from.value) || 0)) : null;
      apply();
    });
  }

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
