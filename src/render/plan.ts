/**
 * Keeping Mermaid diagrams under Mermaid's limits. Mermaid refuses a flowchart with more than
 * 500 edges, and silently draws "Maximum text size in diagram exceeded" for a text over
 * 50,000 characters (GitHub uses the same defaults, and nobody can raise them there). So a
 * view that does not fit is split, never cut silently, and every split is said in a note:
 *
 *   organisation → an overview of systems + one diagram per system
 *   system       → neighbours from other systems collapsed into one node per system
 *                → then the system's components in parts (halves, recursively)
 *   anything     → as a last resort, edges left out, with a note saying how many
 *
 * Views are split well before Mermaid's limits, at READABLE_EDGES: a diagram Mermaid
 * accepts can still be a hairball nobody reads.
 */
import { architectureView } from './architecture-view.js';
import type { ViewOptions } from './diagram-builder.js';
import { focusView, type FocusViewOptions } from './focus-view.js';
import { librariesView } from './libraries-view.js';
import type { Diagram } from './model.js';
import { overviewView } from './overview-view.js';
import type { GraphIndex } from './placement.js';
import { systemMembers, systemView } from './system-view.js';

export interface Limits {
  maxEdges: number;
  maxTextSize: number;
}

/** Mermaid's defaults, which GitHub uses too: never exceeded. */
export const MERMAID_LIMITS: Limits = { maxEdges: 500, maxTextSize: 50_000 };

/**
 * Edges per diagram above which a view is split even though Mermaid would draw it: a
 * 400-edge flowchart renders, but nobody can read it. Measured on the generated large
 * organisation: a system part of 128 calls was a hairball even opened full size, parts of
 * 40–70 can be followed.
 */
export const READABLE_EDGES = 80;

export interface PlanOptions extends ViewOptions {
  limits?: Limits;
  /** Split views with more edges than this (default READABLE_EDGES). */
  budget?: number;
  /** The text the limits apply to (the Mermaid flowchart or architecture-beta). */
  render: (diagram: Diagram) => string;
}

export interface Plan {
  diagrams: Diagram[];
  /** What was split or left out, for the reader. */
  notes: string[];
}

const n = (value: number) => value.toLocaleString('en-US');

interface Size {
  edges: number;
  chars: number;
}

function measure(diagram: Diagram, options: PlanOptions): Size {
  return { edges: diagram.edges.length, chars: options.render(diagram).length };
}

/** Within Mermaid's limits. */
function fits(size: Size, options: PlanOptions): boolean {
  const limits = options.limits ?? MERMAID_LIMITS;
  return size.edges <= limits.maxEdges && size.chars <= limits.maxTextSize;
}

/** Within Mermaid's limits and small enough to read. */
function readable(size: Size, options: PlanOptions): boolean {
  return fits(size, options) && size.edges <= (options.budget ?? READABLE_EDGES);
}

function describe(size: Size, options: PlanOptions): string {
  const limits = options.limits ?? MERMAID_LIMITS;
  const budget = options.budget ?? READABLE_EDGES;
  const over: string[] = [];
  if (size.edges > limits.maxEdges) over.push(`${n(size.edges)} edges (Mermaid draws at most ${n(limits.maxEdges)})`);
  else if (size.edges > budget) over.push(`${n(size.edges)} edges (more than ${n(budget)} are hard to read)`);
  if (size.chars > limits.maxTextSize)
    over.push(`${n(size.chars)} characters (Mermaid reads at most ${n(limits.maxTextSize)})`);
  return over.join(' and ');
}

/**
 * Drops edges from the end (the order is deterministic) until the diagram fits Mermaid's
 * limits, then the nodes nothing is left connected to, except `keep` and the focus.
 */
export function truncate(diagram: Diagram, options: PlanOptions, keep: ReadonlySet<string> = new Set()): Diagram {
  const limits = options.limits ?? MERMAID_LIMITS;
  const total = diagram.edges.length;
  const attempt = (count: number): Diagram => {
    const edges = diagram.edges.slice(0, count);
    const used = new Set(edges.flatMap((e) => [e.source, e.target]));
    const nodes = diagram.nodes.filter((node) => used.has(node.id) || keep.has(node.key) || node.focus);
    const groups = diagram.groups.filter((g) => nodes.some((node) => node.group === g.key));
    const note = `${n(total - count)} of ${n(total)} edges left out to stay under Mermaid's limits`;
    return { ...diagram, nodes, groups, edges, notes: [...diagram.notes, note] };
  };
  // The most edges that fit: binary search, each step renders the text once.
  let low = 0;
  let high = Math.min(total, limits.maxEdges);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(measure(attempt(mid), options), options)) low = mid;
    else high = mid - 1;
  }
  return attempt(low);
}

/** One diagram that must stay one (overview, focus, libraries): cut only when Mermaid would refuse it. */
function fitOne(diagram: Diagram, options: PlanOptions): Plan {
  const size = measure(diagram, options);
  if (fits(size, options)) return { diagrams: [diagram], notes: [] };
  const cut = truncate(diagram, options);
  return { diagrams: [cut], notes: [`${diagram.title}: ${describe(size, options)}; ${cut.notes.at(-1) as string}`] };
}

/**
 * Components in an order where neighbours stay close (breadth-first over the calls inside
 * the system), so that cutting the list into parts cuts few calls.
 */
function cohesiveOrder(index: GraphIndex, components: readonly string[]): string[] {
  const inside = new Set(components);
  const neighbours = new Map<string, string[]>();
  for (const id of components) {
    const set = new Set<string>();
    for (const e of index.callsFrom.get(id) ?? []) if (inside.has(e.target) && e.target !== id) set.add(e.target);
    for (const e of index.callsTo.get(id) ?? []) if (inside.has(e.source) && e.source !== id) set.add(e.source);
    neighbours.set(id, [...set].sort());
  }
  const degree = (id: string) => (neighbours.get(id) as string[]).length;
  // Start from the best connected component: the core of the system.
  const starts = [...components].sort((a, b) => degree(b) - degree(a) || (a < b ? -1 : a > b ? 1 : 0));
  const order: string[] = [];
  const seen = new Set<string>();
  for (const start of starts) {
    if (seen.has(start)) continue;
    seen.add(start);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i] as string;
      order.push(id);
      for (const next of neighbours.get(id) as string[]) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
  }
  return order;
}

/** One system: whole, or with neighbours collapsed, or in parts. */
export function planSystem(index: GraphIndex, system: string | null, options: PlanOptions): Plan {
  const libraries = options.libraries === true;
  const whole = systemView(index, system, { libraries });
  const size = measure(whole, options);
  if (readable(size, options)) return { diagrams: [whole], notes: [] };
  const label = system === null ? 'components without a system' : `system ${system}`;
  const collapsed = systemView(index, system, { libraries, collapseNeighbours: true });
  if (readable(measure(collapsed, options), options)) {
    collapsed.notes.push('components of other systems are drawn as one node per system');
    return {
      diagrams: [collapsed],
      notes: [`${label}: ${describe(size, options)}; other systems drawn as one node each`],
    };
  }
  const own = systemMembers(index, system);
  const partView = (parts: readonly string[][], i: number): Diagram => {
    const components = parts[i] as string[];
    const otherParts = new Map<string, { key: string; label: string }>();
    parts.forEach((list, j) => {
      if (j !== i) for (const id of list) otherParts.set(id, { key: `part:${j + 1}`, label: `part ${j + 1}` });
    });
    return systemView(index, system, {
      libraries,
      collapseNeighbours: true,
      components,
      otherParts,
      name: `${collapsed.name}-part-${i + 1}`,
      title: `${collapsed.title}, part ${i + 1} of ${parts.length}`,
    });
  };
  // Halve the parts that are still too big until all are readable (a part's size depends on
  // how the others are cut, so each round measures the real diagrams).
  let parts: string[][] = [cohesiveOrder(index, own.components)];
  let views: Diagram[] = [];
  for (let round = 0; round < 20; round++) {
    views = parts.map((_, i) => partView(parts, i));
    const next: string[][] = [];
    parts.forEach((components, i) => {
      if (components.length <= 1 || readable(measure(views[i] as Diagram, options), options)) next.push(components);
      else
        next.push(
          components.slice(0, Math.ceil(components.length / 2)),
          components.slice(Math.ceil(components.length / 2)),
        );
    });
    if (next.length === parts.length) break;
    parts = next;
  }
  const diagrams = views.map((view, i) => {
    const components = parts[i] as string[];
    view.notes.push(
      `part ${i + 1} of ${parts.length}: ${components.length} of the system's ${own.components.length} components; ` +
        'the other parts and other systems are drawn as one node each',
    );
    if (fits(measure(view, options), options)) return view;
    return truncate(view, options, new Set(components));
  });
  const notes = [`${label}: ${describe(size, options)}; split into ${parts.length} parts`];
  for (const d of diagrams)
    if (d.notes.some((note) => note.includes('left out'))) notes.push(`${d.title}: ${d.notes.at(-1) as string}`);
  return { diagrams, notes };
}

/**
 * The whole organisation: one diagram when it fits, otherwise an overview of the systems and
 * one diagram per system (plus one for components without a system).
 */
export function planArchitecture(index: GraphIndex, options: PlanOptions): Plan {
  const whole = architectureView(index, { libraries: options.libraries === true });
  const size = measure(whole, options);
  if (readable(size, options)) return { diagrams: [whole], notes: [] };
  const overview = fitOverview(overviewView(index), options);
  const diagrams = [...overview.diagrams];
  const notes = [
    `the organisation diagram has ${describe(size, options)}: drawn as an overview of the systems and one diagram per system`,
    ...overview.notes,
  ];
  const systems: (string | null)[] = [...index.systems];
  if (systemMembers(index, null).components.length > 0) systems.push(null);
  for (const system of systems) {
    const plan = planSystem(index, system, options);
    diagrams.push(...plan.diagrams);
    notes.push(...plan.notes);
  }
  return { diagrams, notes };
}

/** A focus view; too many neighbours to read are drawn as one node per system. */
export function planFocus(index: GraphIndex, focus: string, options: PlanOptions & FocusViewOptions): Plan {
  const view = focusView(index, focus, { depth: options.depth ?? 1, libraries: options.libraries === true });
  const size = measure(view, options);
  if (readable(size, options)) return { diagrams: [view], notes: [] };
  const collapsed = focusView(index, focus, {
    depth: options.depth ?? 1,
    libraries: options.libraries === true,
    collapse: true,
  });
  collapsed.notes.push('the components around it are drawn as one node per system');
  const plan = fitOne(collapsed, options);
  return {
    diagrams: plan.diagrams,
    notes: [`${view.title}: ${describe(size, options)}; neighbours drawn as one node per system`, ...plan.notes],
  };
}

export function planLibraries(index: GraphIndex, component: string, options: PlanOptions): Plan {
  return fitOne(librariesView(index, component), options);
}

export function planOverview(index: GraphIndex, options: PlanOptions): Plan {
  return fitOverview(overviewView(index), options);
}

/**
 * The overview has one edge per pair of systems that call each other, its count on it. Past
 * the edge budget it keeps the heaviest pairs (the order of the rest is kept) and says how
 * many it left out: those calls are drawn on each system's own diagram.
 */
function fitOverview(diagram: Diagram, options: PlanOptions): Plan {
  const budget = options.budget ?? READABLE_EDGES;
  if (diagram.edges.length <= budget) return fitOne(diagram, options);
  const heaviest = new Set(
    diagram.edges
      .map((edge, i) => ({ edge, i }))
      .sort((a, b) => (b.edge.weight ?? 1) - (a.edge.weight ?? 1) || a.i - b.i)
      .slice(0, budget)
      .map((e) => e.edge),
  );
  const left = diagram.edges.filter((e) => !heaviest.has(e));
  const calls = left.reduce((sum, e) => sum + (e.weight ?? 1), 0);
  const note = `${n(left.length)} of ${n(diagram.edges.length)} system-to-system edges left out to stay readable (the lightest, ${n(calls)} calls in all): each system's diagram draws them`;
  const kept = { ...diagram, edges: diagram.edges.filter((e) => heaviest.has(e)), notes: [...diagram.notes, note] };
  const plan = fitOne(kept, options);
  return { diagrams: plan.diagrams, notes: [`${diagram.title}: ${note}`, ...plan.notes] };
}
