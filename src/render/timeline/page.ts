/** The timeline page of the architecture docs: the diagram first, then the tables. */
import { summaryText, timelineTables } from './markdown.js';
import { renderTimelineMermaid } from './mermaid.js';
import type { TimelineReport } from './model.js';

/**
 * `embed` turns the Mermaid diagram into Markdown; by default a mermaid block, which GitHub
 * draws. The docs pass their own, which shows the SVG drawn next to the page.
 */
export function renderTimelinePage(report: TimelineReport, embed?: (mermaid: string) => string): string {
  const title = report.title ?? 'Timeline of dependency changes';
  const mermaid = renderTimelineMermaid({ ...report, title }).trimEnd();
  return [
    `# ${title}`,
    '',
    summaryText(report),
    '',
    'Each repo is read along its main line (first parents): a merge shows what it brought to the branch, on the date it was committed.',
    '',
    embed ? embed(mermaid) : ['```mermaid', mermaid, '```'].join('\n'),
    '',
    timelineTables(report, 2),
  ].join('\n');
}
