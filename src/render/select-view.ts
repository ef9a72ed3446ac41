/**
 * What `depmap render` draws, as a pure function: a view of the graph, in a format, as one or
 * more named texts. Mermaid views are split to stay readable and under Mermaid's limits;
 * DOT and JSON have no such limits and always draw the view whole.
 */
import type { Snapshot } from '../graph/types.js';
import { architectureView } from './architecture-view.js';
import { focusView } from './focus-view.js';
import { librariesView } from './libraries-view.js';
import type { Diagram } from './model.js';
import { overviewView } from './overview-view.js';
import { indexGraph } from './placement.js';
import {
  MERMAID_LIMITS,
  READABLE_EDGES,
  planArchitecture,
  planFocus,
  planLibraries,
  planOverview,
  planSystem,
  type Plan,
  type PlanOptions,
} from './plan.js';
import { mermaidFor, RENDERERS, type MermaidStyle, type TextFormat } from './registry.js';
import { systemView } from './system-view.js';

export const VIEWS = ['architecture', 'overview', 'system', 'focus', 'libraries'] as const;
export type ViewName = (typeof VIEWS)[number];

export interface ViewRequest {
  view: ViewName;
  /** Text format; SVG is the Mermaid text drawn by a browser. */
  format: TextFormat | 'svg';
  style: MermaidStyle;
  /** Graph id of the node (focus, libraries). */
  focus?: string;
  system?: string;
  depth?: number;
  libraries?: boolean;
  /** Split Mermaid diagrams with more edges than this (capped at Mermaid's 500). */
  maxEdges?: number;
}

export interface RenderedView {
  /** One text per diagram: `name.extension`. SVG requests hold the Mermaid text to draw. */
  outputs: { name: string; extension: string; text: string; diagram: Diagram }[];
  notes: string[];
}

function wholeView(snapshot: Snapshot, request: ViewRequest): Diagram {
  const index = indexGraph(snapshot);
  const libraries = request.libraries === true;
  switch (request.view) {
    case 'overview':
      return overviewView(index);
    case 'system':
      return systemView(index, request.system as string, { libraries });
    case 'focus':
      return focusView(index, request.focus as string, { depth: request.depth ?? 1, libraries });
    case 'libraries':
      return librariesView(index, request.focus as string);
    default:
      return architectureView(index, { libraries });
  }
}

function plannedView(snapshot: Snapshot, request: ViewRequest, options: PlanOptions): Plan {
  const index = indexGraph(snapshot);
  switch (request.view) {
    case 'overview':
      return planOverview(index, options);
    case 'system':
      return planSystem(index, request.system as string, options);
    case 'focus':
      return planFocus(index, request.focus as string, { ...options, depth: request.depth ?? 1 });
    case 'libraries':
      return planLibraries(index, request.focus as string, options);
    default:
      return planArchitecture(index, options);
  }
}

export function renderView(snapshot: Snapshot, request: ViewRequest): RenderedView {
  if (request.format === 'dot' || request.format === 'json') {
    const renderer = RENDERERS.get(request.format);
    const diagram = wholeView(snapshot, request);
    return {
      outputs: [
        {
          name: diagram.name,
          extension: renderer?.extension ?? request.format,
          text: renderer?.render(diagram, { style: request.style }) ?? '',
          diagram,
        },
      ],
      notes: [],
    };
  }
  const render = mermaidFor(request.style);
  const options: PlanOptions = {
    render,
    limits: MERMAID_LIMITS,
    budget: Math.min(request.maxEdges ?? READABLE_EDGES, MERMAID_LIMITS.maxEdges),
    libraries: request.libraries === true,
  };
  const plan = plannedView(snapshot, request, options);
  const extension = request.format === 'svg' ? 'svg' : 'mmd';
  return {
    outputs: plan.diagrams.map((d) => ({ name: d.name, extension, text: render(d), diagram: d })),
    notes: plan.notes,
  };
}
