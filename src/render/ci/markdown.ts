/**
 * A Markdown summary for pull requests and the GitHub job summary: the verdict, then a table
 * of new violations (capped, so a huge report stays under the summary's size limit), then
 * stale baseline entries folded away, then (with --base) the picture of what the change does
 * to the architecture, cropped to the room a PR comment has left.
 */
import { isEmptyDiff } from '../../graph/diff-graphs.js';
import type { CheckReport } from '../../policy/report.js';
import { COMMENT_LIMIT, pictureMarkdown } from '../diff/markdown.js';
import type { DiffReport } from '../diff/model.js';
import { markdownCell, markdownCode } from '../escape/index.js';
import { plural, summarySentence, verdict } from './words.js';

const MAX_ROWS = 500;

/** Table cell text: shown as it is, no pipes, line breaks, links or HTML. */
const cell = markdownCell;
const code = markdownCode;

export function renderMarkdown(report: CheckReport, options: { change?: DiffReport } = {}): string {
  const out: string[] = ['## depmap check', ''];
  const icon = report.summary.failed ? '❌' : report.violations.length > 0 ? '⚠️' : '✅';
  out.push(`${icon} ${summarySentence(report)}; ${verdict(report)}.`);
  if (report.base) out.push('', `New dependencies are judged against ${code(report.base)}.`);
  for (const n of report.notes) out.push('', `> ℹ️ ${code(n.path ?? n.file)}: ${cell(n.message)}`);
  if (report.violations.length > 0) {
    out.push('', '| Severity | Rule | Location | Message | Fix |', '| --- | --- | --- | --- | --- |');
    for (const v of report.violations.slice(0, MAX_ROWS)) {
      const severity = v.severity === 'error' ? '🔴 error' : '🟡 warning';
      out.push(
        `| ${severity} | ${code(v.rule)} | ${code(`${v.path}:${v.line}:${v.col}`)} | ${cell(v.message)} | ${cell(v.hint ?? '')} |`,
      );
    }
    const more = report.violations.length - MAX_ROWS;
    if (more > 0)
      out.push('', `…and ${plural(more, 'more violation')}: see the text, JSON or SARIF report for all of them.`);
  }
  if (report.stale.length > 0) {
    out.push(
      '',
      `<details><summary>${plural(report.stale.length, 'baseline entry no longer occurs', 'baseline entries no longer occur')}: drop ${report.stale.length === 1 ? 'it' : 'them'} with <code>depmap check --update-baseline</code></summary>`,
      '',
    );
    out.push('| Rule | File | Subject |', '| --- | --- | --- |');
    for (const s of report.stale) out.push(`| ${code(s.rule)} | ${code(s.path)} | ${cell(s.subject)} |`);
    out.push('', '</details>');
  }
  if (options.change) out.push('', ...changeSection(options.change, out.join('\n').length));
  return `${out.join('\n')}\n`;
}

function changeSection(change: DiffReport, used: number): string[] {
  const out = [`### The architecture against ${code(change.from)}`, ''];
  if (isEmptyDiff(change.diff)) return [...out, 'No change to the dependency graph.'];
  const room = COMMENT_LIMIT - used - out.join('\n').length - 4;
  return [...out, ...pictureMarkdown(change, room, `depmap diff ${change.from} lists every change`)];
}
