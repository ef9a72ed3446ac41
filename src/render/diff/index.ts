/** The formats of `depmap diff`: pure functions of the report to text, SVG drawn in a step. */
import { outputRegistry, type OutputFormat } from '../output-format.js';
import { svgStep } from '../svg-step.js';
import { renderDiffJson } from './json.js';
import { renderDiffMarkdown } from './markdown.js';
import { renderDiffMermaid } from './mermaid.js';
import type { DiffReport } from './model.js';
import { renderDiffText } from './text.js';

export type { DiffReport, InvalidSide } from './model.js';

export const DIFF_FORMATS = outputRegistry<OutputFormat<DiffReport, undefined>>([
  { format: 'text', extension: 'txt', description: 'one line per change, grouped', render: renderDiffText },
  { format: 'json', extension: 'json', description: 'counts, lines and the structured diff', render: renderDiffJson },
  {
    format: 'markdown',
    extension: 'md',
    aliases: ['markdown'],
    description: 'counts, then a list per section (a pull request comment)',
    render: renderDiffMarkdown,
  },
  {
    format: 'mermaid',
    extension: 'mmd',
    aliases: ['mermaid'],
    description: 'a flowchart of the affected part of the graph',
    render: renderDiffMermaid,
  },
  {
    format: 'svg',
    extension: 'svg',
    description: 'that flowchart drawn by Chrome or Chromium',
    render: renderDiffMermaid,
    steps: [svgStep({ newline: false })],
  },
]);
