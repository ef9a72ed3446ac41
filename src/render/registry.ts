/**
 * The text renderers by format: each turns a diagram into a string. SVG is not here: it is
 * the Mermaid text drawn by a browser (svg.ts).
 */
import { renderDot } from './dot.js';
import { renderJson } from './json.js';
import { renderArchitecture } from './mermaid-architecture.js';
import { renderFlowchart } from './mermaid-flowchart.js';
import type { Diagram } from './model.js';

export type TextFormat = 'mermaid' | 'dot' | 'json';
export type MermaidStyle = 'flowchart' | 'architecture';

export interface Renderer {
  /** File extension, without the dot. */
  extension: string;
  render(diagram: Diagram, options: { style: MermaidStyle }): string;
}

export const RENDERERS: ReadonlyMap<TextFormat, Renderer> = new Map<TextFormat, Renderer>([
  [
    'mermaid',
    { extension: 'mmd', render: (d, o) => (o.style === 'architecture' ? renderArchitecture(d) : renderFlowchart(d)) },
  ],
  ['dot', { extension: 'dot', render: (d) => renderDot(d) }],
  ['json', { extension: 'json', render: (d) => renderJson(d) }],
]);

export function mermaidFor(style: MermaidStyle): (diagram: Diagram) => string {
  return style === 'architecture' ? renderArchitecture : renderFlowchart;
}
