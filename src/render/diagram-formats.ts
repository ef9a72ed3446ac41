/**
 * The formats of `depmap render`: each turns a diagram into text. Formats drawn from Mermaid
 * (Mermaid itself, and SVG: the Mermaid text drawn by a browser in a step) are split to stay
 * under Mermaid's limits and written in the --style syntax; DOT and JSON draw a view whole.
 */
import { renderDot } from './dot.js';
import { renderJson } from './json.js';
import { renderArchitecture } from './mermaid-architecture.js';
import { renderFlowchart } from './mermaid-flowchart.js';
import type { Diagram } from './model.js';
import { outputRegistry, type OutputFormat } from './output-format.js';
import { svgStep } from './svg-step.js';

export const MERMAID_STYLES = ['flowchart', 'architecture'] as const;
export type MermaidStyle = (typeof MERMAID_STYLES)[number];

export interface DiagramFormat extends OutputFormat<Diagram, { style: MermaidStyle }> {
  /** Its text is Mermaid: split under Mermaid's limits, in the syntax --style names. */
  readonly mermaid: boolean;
}

function renderMermaid(diagram: Diagram, options: { style: MermaidStyle }): string {
  return options.style === 'architecture' ? renderArchitecture(diagram) : renderFlowchart(diagram);
}

export const DIAGRAM_FORMATS = outputRegistry<DiagramFormat>([
  {
    format: 'mermaid',
    extension: 'mmd',
    description: 'Mermaid: a flowchart, or architecture-beta with --style architecture',
    mermaid: true,
    render: renderMermaid,
  },
  {
    format: 'svg',
    extension: 'svg',
    description: 'the Mermaid diagram drawn by Chrome or Chromium',
    mermaid: true,
    render: renderMermaid,
    steps: [svgStep({ newline: true })],
  },
  { format: 'dot', extension: 'dot', description: 'Graphviz DOT', mermaid: false, render: renderDot },
  {
    format: 'json',
    extension: 'json',
    description: 'what the diagram draws, with the graph data behind it',
    mermaid: false,
    render: renderJson,
  },
]);
