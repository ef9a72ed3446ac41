/** The timeline renderers by format name (SVG is the Mermaid diagram drawn by src/render/svg.ts). */
import { renderTimelineJson } from './json.js';
import { renderTimelineMarkdown } from './markdown.js';
import { renderTimelineMermaid } from './mermaid.js';
import type { TimelineReport } from './model.js';

export type { TimelineReport } from './model.js';

export const TIMELINE_FORMATS = ['markdown', 'json', 'mermaid', 'svg'] as const;
export type TimelineFormat = (typeof TIMELINE_FORMATS)[number];

export const TIMELINE_RENDERERS: Record<Exclude<TimelineFormat, 'svg'>, (report: TimelineReport) => string> = {
  markdown: renderTimelineMarkdown,
  json: renderTimelineJson,
  mermaid: renderTimelineMermaid,
};

/** The format an `--out` file's extension names, when `--format` is not given. */
export const TIMELINE_EXTENSIONS: Readonly<Record<string, TimelineFormat>> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'markdown',
  '.json': 'json',
  '.mmd': 'mermaid',
  '.mermaid': 'mermaid',
  '.svg': 'svg',
};
