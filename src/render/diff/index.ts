/** The diff renderers by format name. */
import { renderDiffJson } from './json.js';
import { renderDiffMarkdown } from './markdown.js';
import { renderDiffMermaid } from './mermaid.js';
import type { DiffReport } from './model.js';
import { renderDiffText } from './text.js';

export type { DiffReport } from './model.js';

export const DIFF_FORMATS = ['text', 'json', 'markdown', 'mermaid'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export const DIFF_RENDERERS: Record<DiffFormat, (report: DiffReport) => string> = {
  text: renderDiffText,
  json: renderDiffJson,
  markdown: renderDiffMarkdown,
  mermaid: renderDiffMermaid,
};
