/** The registry of CI reporters: a format name → a pure function of the report to text. */
import type { CheckReport } from '../../policy/report.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export const CI_FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'markdown'] as const;

export type CiFormat = (typeof CI_FORMATS)[number];

export type CiRenderer = (report: CheckReport, options: { color?: boolean }) => string;

export const CI_RENDERERS: Readonly<Record<CiFormat, CiRenderer>> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  github: renderGithub,
  markdown: renderMarkdown,
};

export function isCiFormat(name: string): name is CiFormat {
  return (CI_FORMATS as readonly string[]).includes(name);
}
