/**
 * Drawing the map: the graph sigma.js draws (every node and edge by its index, and for a big
 * map the systems' bubbles with their bundled calls), its colours, the renderer with the
 * reducers that read the computed view, and the 2D overlay that rings search hits and the
 * focus without a WebGL frame (software WebGL pays 0.1–1 s a frame; a few rings on a 2D
 * canvas next to nothing).
 */
import Graph from 'graphology';
import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeLineProgram, NodeCircleProgram, NodePointProgram } from 'sigma/rendering';
import { FLAG } from '../types.js';
import type { Model } from './model.js';
import type { Hit } from './search.js';
import {
  EDGE_ADDED,
  EDGE_CHANGED,
  EDGE_HIDDEN,
  EDGE_REMOVED,
  NODE_DIMMED,
  NODE_HIDDEN,
  unpinned,
  type Computed,
  type ViewState,
} from './view.js';

/** Calls between systems, bundled per pair: the largest this many are drawn in the overview. */
const MAX_BUNDLES = 60;

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
/** The colour of system `s` (its bubble, its components). */
const systemColour = (s: number): string => SYSTEM_COLOURS[s % SYSTEM_COLOURS.length] as string;

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

function nodeColour(model: Model, i: number): string {
  const flags = model.nodeFlags[i] as number;
  if (flags & FLAG.observedOnly) return COLOUR.observed;
  if (flags & FLAG.unresolved) return COLOUR.unresolved;
  const type = model.type(i);
  if (type === 'library') return COLOUR.library;
  const system = model.nodeSystem[i] as number;
  if (system >= 0) return systemColour(system);
  if (type === 'resource') return model.kind(i) === 'external' ? COLOUR.external : COLOUR.resource;
  return COLOUR.none;
}

/** An edge's colour; on a small map, where a few edges cross no others, drawn as darker as a focus. */
function edgeColour(model: Model, e: number, small: boolean): string {
  if (small) return focusColour(model, e);
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
  if (flags & FLAG.discovered) return '#64748b';
  return model.edgeKind(e) === 'uses-library' ? 'rgba(139,92,246,0.7)' : '#334155';
}

/** What the reducers and the overlay read at each refresh. */
export interface Look {
  state: ViewState;
  computed: Computed;
  hits: Hit[];
  active: number;
}

/** The graph sigma draws; `bundles` is how many system-to-system bundles it holds. */
export function buildGraph(model: Model, small: boolean): { graph: Graph; bundles: number } {
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
        label: `${model.data.systems[s]} · ${list.length}`,
        color: systemColour(s),
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
        label: `${model.data.systems[Number(a)]} → ${model.data.systems[Number(b)]}: ${count} call${count === 1 ? '' : 's'}`,
        color: 'rgba(51,65,85,0.45)',
        type: 'arrow',
        bundle: true,
      });
    }
    bundleCount = kept.length;
  }

  return { graph, bundles: bundleCount };
}

/** The renderer (throws when the browser gives no WebGL). */
export function createRenderer(
  container: HTMLElement,
  graph: Graph,
  model: Model,
  small: boolean,
  look: () => Look,
): Sigma {
  return new Sigma(graph, container, {
    nodeProgramClasses: { point: NodePointProgram, circle: NodeCircleProgram },
    edgeProgramClasses: { line: EdgeLineProgram, arrow: EdgeArrowProgram },
    defaultNodeType: 'point',
    // Arrows show direction; GL lines cost a fraction per edge in software WebGL, for big maps.
    defaultEdgeType: small ? 'arrow' : 'line',
    // A small map labels everything the label grid has room for; a big one its larger nodes.
    labelRenderedSizeThreshold: small ? 2 : 7,
    labelDensity: 0.6,
    hideEdgesOnMove: true,
    enableEdgeEvents: false,
    nodeReducer: (key, attrs) => {
      const { computed, state } = look();
      if (attrs.system) return computed.bundles ? attrs : { ...attrs, hidden: true };
      const i = Number(key);
      const shown = computed.node[i];
      if (shown === NODE_HIDDEN) return { ...attrs, hidden: true };
      if (shown === NODE_DIMMED) return { ...attrs, color: COLOUR.dimmed, label: '', zIndex: 0 };
      if (computed.bundles) return { ...attrs, label: '', size: Math.min(attrs.size as number, 3) };
      return i === state.focus ? { ...attrs, forceLabel: true } : attrs;
    },
    edgeReducer: (key, attrs) => {
      const { computed, state } = look();
      if (attrs.bundle) return computed.bundles ? attrs : { ...attrs, hidden: true };
      const e = Number(key);
      const shown = computed.edge[e];
      if (shown === EDGE_HIDDEN) return { ...attrs, hidden: true };
      if (shown === EDGE_ADDED) return { ...attrs, color: COLOUR.added, size: 2, type: 'arrow' };
      if (shown === EDGE_REMOVED) return { ...attrs, color: COLOUR.removed, size: 2, type: 'arrow' };
      if (shown === EDGE_CHANGED) return { ...attrs, color: COLOUR.changed, size: 2, type: 'arrow' };
      if (state.compareFrom !== null) return { ...attrs, color: COLOUR.faded };
      if (state.focus !== null) return { ...attrs, color: focusColour(model, e), size: 1.5, type: 'arrow' };
      return { ...attrs, color: edgeColour(model, e, small) };
    },
  });
}

/** Draws the rings of `look`'s search hits and focus on `canvas`, over the renderer's picture. */
export function ringOverlay(canvas: HTMLCanvasElement, renderer: Sigma, model: Model, look: () => Look): () => void {
  const ctx = canvas.getContext('2d');
  return () => {
    if (!ctx) return;
    const { hits, active, state } = look();
    const ratio = window.devicePixelRatio || 1;
    canvas.width = canvas.clientWidth * ratio;
    canvas.height = canvas.clientHeight * ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, canvas.clientWidth, canvas.clientHeight);
    ctx.lineWidth = 2;
    ctx.font = '12px system-ui, sans-serif';
    const ring = (i: number, colour: string, label: boolean) => {
      const p = renderer.graphToViewport({ x: model.xy[i * 2] as number, y: model.xy[i * 2 + 1] as number });
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
}
