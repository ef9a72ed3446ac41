/**
 * What `depmap render` draws, as a pure function: a view of the graph, in a format, as one or
 * more named texts. Formats drawn from Mermaid are split to stay readable and under
 * Mermaid's limits; the others (DOT, JSON) have no such limits and always draw the view whole.
 */
import type { Snapshot } from '../graph/types.js';
import { architectureView } from './architecture-view.js';
import { DIAGRAM_FORMATS, type MermaidStyle } from './diagram-formats.js';
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
import { systemView } from './system-view.js';
import type { ViewName } from './view-names.js';

export interface ViewRequest {
  view: ViewName;
  /** A name of DIAGRAM_FORMATS. */
  format: string;
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
  /** One text per diagram: `name.extension`, before the format's steps (SVG: the Mermaid text to draw). */
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
  const format = DIAGRAM_FORMATS.get(request.format);
  const render = (diagram: Diagram) => format.render(diagram, { style: request.style });
  const output = (diagram: Diagram) => ({
    name: diagram.name,
    extension: format.extension,
    text: render(diagram),
    diagram,
  });
  if (!format.mermaid) return { outputs: [output(wholeView(snapshot, request))], notes: [] };
  const options: PlanOptions = {
    render,
    limits: MERMAID_LIMITS,
    budget: Math.min(request.maxEdges ?? READABLE_EDGES, MERMAID_LIMITS.maxEdges),
    libraries: request.libraries === true,
  };
  const plan = plannedView(snapshot, request, options);
  return { outputs: plan.diagrams.map(output), notes: plan.notes };
}
