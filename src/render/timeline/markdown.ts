/** A timeline as Markdown: a table per period, one row per commit with its changes. */
import { dayOf } from '../../history/dates.js';
import type { HistoryEvent } from '../../history/types.js';
import { markdownText as mdText } from '../escape/index.js';
import { count, countChanges, eventLines, groupByPeriod, rangeText, type TimelineReport } from './model.js';

const SIGN: Record<string, string> = { '+': '➕', '-': '➖', '~': '✏️', '!': '⚠️', '✓': '✅' };

function row(e: HistoryEvent): string {
  const subject = e.subject.length > 72 ? `${e.subject.slice(0, 71)}…` : e.subject;
  const commit = `\`${e.commit.slice(0, 7)}\`${e.merge ? ' (merge)' : ''} ${mdText(subject)}`;
  const changes = eventLines(e)
    .map((l) => `${SIGN[l.sign] ?? l.sign} ${mdText(l.text)}`)
    .join('<br>');
  return `| ${dayOf(e.time)} | ${mdText(e.repo)} | ${commit} | ${mdText(e.author)} | ${changes} |`;
}

const HEADER = ['| Date (UTC) | Repo | Commit | Author | Changes |', '|---|---|---|---|---|'];

/** The tables without a title, for embedding in another page. */
export function timelineTables(report: TimelineReport, headingLevel = 2): string {
  const { timeline, granularity } = report;
  if (timeline.events.length === 0) return 'No changes in this range.\n';
  const out: string[] = [];
  if (granularity === 'commit') {
    out.push(...HEADER, ...timeline.events.map(row));
  } else {
    for (const group of groupByPeriod(timeline.events, granularity)) {
      if (out.length > 0) out.push('');
      out.push(
        `${'#'.repeat(headingLevel)} ${group.label}`,
        '',
        `${count(countChanges(group.events), 'change')} in ${count(group.events.length, 'commit')}.`,
        '',
        ...HEADER,
      );
      out.push(...group.events.map(row));
    }
  }
  return `${out.join('\n')}\n`;
}

export function summaryText(report: TimelineReport): string {
  const { timeline } = report;
  const repos = timeline.repos.length;
  const range = rangeText(timeline);
  const parts = [
    `${count(countChanges(timeline.events), 'change')} in ${count(timeline.events.length, 'commit')} of ${count(repos, 'repo')}`,
  ];
  if (range) parts.push(range);
  const shallow = timeline.repos.filter((r) => r.shallow).map((r) => r.id);
  let text = `${parts.join(', ')} (by ${report.granularity}).`;
  if (shallow.length > 0)
    text += `\n\n> Shallow clone${shallow.length > 1 ? 's' : ''}: ${shallow.map(mdText).join(', ')}: history before the clone's first commit is missing.`;
  return text;
}

export function renderTimelineMarkdown(report: TimelineReport): string {
  return `# ${report.title ?? 'Dependency timeline'}\n\n${summaryText(report)}\n\n${timelineTables(report)}`;
}
