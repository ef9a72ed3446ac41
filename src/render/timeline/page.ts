/** The timeline page of the architecture docs: the diagram first, then the tables. */
import { summaryText, timelineTables } from './markdown.js';
import { renderTimelineMermaid } from './mermaid.js';
import type { TimelineReport } from './model.js';

export function renderTimelinePage(report: TimelineReport): string {
  const title = report.title ?? 'Timeline of dependency changes';
  return [
    `# ${title}`,
    '',
    summaryText(report),
    '',
    'Each repo is read along its main line (first parents): a merge shows what it brought to the branch, on the date it was committed.',
    '',
    '```mermaid',
    renderTimelineMermaid({ ...report, title }).trimEnd(),
    '```',
    '',
    timelineTables(report, 2),
  ].join('\n');
}
