/** The formats of `depmap timeline`: pure functions of the report to text, SVG drawn in a step. */
import { outputRegistry, type OutputFormat } from '../output-format.js';
import { svgStep } from '../svg-step.js';
import { renderTimelineJson, timelineJsonChunks } from './json.js';
import { renderTimelineMarkdown } from './markdown.js';
import { renderTimelineMermaid } from './mermaid.js';
import type { TimelineReport } from './model.js';

export type { TimelineReport } from './model.js';

export const TIMELINE_FORMATS = outputRegistry<OutputFormat<TimelineReport, undefined>>([
  {
    format: 'markdown',
    extension: 'md',
    aliases: ['markdown', 'txt'],
    description: 'a table per period, a row per commit',
    render: renderTimelineMarkdown,
  },
  {
    format: 'json',
    extension: 'json',
    description: 'the periods, and every event with its changes',
    render: renderTimelineJson,
    chunks: timelineJsonChunks,
  },
  {
    format: 'mermaid',
    extension: 'mmd',
    aliases: ['mermaid'],
    description: 'a Mermaid timeline diagram',
    render: renderTimelineMermaid,
  },
  {
    format: 'svg',
    extension: 'svg',
    description: 'that diagram drawn by Chrome or Chromium',
    render: renderTimelineMermaid,
    steps: [svgStep({ newline: false })],
  },
]);
