/** The diff renderers by format name (SVG is the Mermaid diagram drawn by src/render/svg.ts). */
import { renderDiffJson } from './json.js';
import { renderDiffMarkdown } from './markdown.js';
import { renderDiffMermaid } from './mermaid.js';
import type { DiffReport } from './model.js';
import { renderDiffText } from './text.js';

export type { DiffReport, InvalidSide } from './model.js';

export const DIFF_FORMATS = ['text', 'json', 'markdown', 'mermaid', 'svg'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export const DIFF_RENDERERS: Record<Exclude<DiffFormat, 'svg'>, (report: DiffReport) => string> = {
  text: renderDiffText,
  json: renderDiffJson,
  markdown: renderDiffMarkdown,
  mermaid: renderDiffMermaid,
};

/** The format an `--out` file's extension names, when `--format` is not given. */
export const DIFF_EXTENSIONS: Readonly<Record<string, DiffFormat>> = {
  '.txt': 'text',
  '.json': 'json',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mmd': 'mermaid',
  '.mermaid': 'mermaid',
  '.svg': 'svg',
};
