/**
 * A timeline as a Mermaid `timeline` diagram: a section per larger period, a time point per
 * period, an entry per change. A busy period is summarised (counts by kind of change, and
 * the components involved) instead of listing hundreds of entries, and a long history is
 * drawn at a coarser granularity, so the diagram stays readable and under Mermaid's limits.
 */
import type { ChangeLine } from '../../graph/diff-describe.js';
import { mermaidBareText } from '../escape/index.js';
import type { Granularity, HistoryEvent } from '../../history/types.js';
import { count, eventLines, groupByPeriod, type PeriodGroup, type TimelineReport } from './model.js';

/** Entries listed one by one in a period; above it the period is summarised. */
export const MAX_ENTRIES_PER_PERIOD = 6;
/** Time points drawn; above it the granularity is made coarser. */
const MAX_PERIODS = 24;
const MAX_ENTRY_CHARS = 90;
const COARSER: Record<Granularity, Granularity | undefined> = {
  commit: 'day',
  day: 'week',
  week: 'month',
  month: undefined,
};

/** Text of a timeline entry: `:` separates entries, so it and other syntax become look-alikes. */
export function timelineText(text: string): string {
  const clean = mermaidBareText(text, ':');
  return clean.length > MAX_ENTRY_CHARS ? `${clean.slice(0, MAX_ENTRY_CHARS - 1)}…` : clean;
}

function summarise(events: readonly HistoryEvent[]): string[] {
  const kinds = new Map<string, number>();
  const bump = (k: string) => kinds.set(k, (kinds.get(k) ?? 0) + 1);
  const components = new Set<string>();
  for (const e of events) {
    for (const c of e.changes) {
      components.add(c.component);
      bump(kindLabel(c));
    }
    for (let i = 0; i < e.invalid.length; i++) bump('invalid manifest');
    for (let i = 0; i < e.fixed.length; i++) bump('manifest fixed');
    for (let i = 0; i < (e.warnings?.length ?? 0); i++) bump('warning');
  }
  const repos = new Set(events.map((e) => e.repo));
  const names = [...components].sort();
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ` +${names.length - 5}` : '');
  const lines = [`${count(events.length, 'commit')} in ${count(repos.size, 'repo')}${shown ? ` (${shown})` : ''}`];
  for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5))
    lines.push(`${n} × ${kind}`);
  return lines;
}

function kindLabel(c: ChangeLine): string {
  if (c.kind === 'library-changed' || c.kind === 'service-changed') {
    if (/\bmajor upgrade\b/.test(c.text)) return 'major upgrade';
    if (/\bdowngrade\b/.test(c.text)) return 'downgrade';
    if (/\bupgrade\b/.test(c.text)) return 'upgrade';
    if (/no longer pinned/.test(c.text)) return 'pin lost';
    if (/now pinned/.test(c.text)) return 'pin gained';
  }
  if (c.kind === 'component-changed') {
    if (/: owner /.test(c.text)) return 'owner change';
    if (/: system /.test(c.text)) return 'system change';
    if (/provides /.test(c.text)) return 'provided api change';
  }
  return c.kind.replace('-', ' ');
}

/** Each change names its component; the repo is in the tables and the JSON. */
function entries(group: PeriodGroup): string[] {
  const all = group.events.flatMap((e) => eventLines(e).map((l) => `${l.sign} ${l.text}`));
  return all.length <= MAX_ENTRIES_PER_PERIOD ? all : summarise(group.events);
}

export function renderTimelineMermaid(report: TimelineReport): string {
  let granularity = report.granularity;
  let groups = groupByPeriod(report.timeline.events, granularity);
  while (groups.length > MAX_PERIODS && COARSER[granularity]) {
    granularity = COARSER[granularity] as Granularity;
    groups = groupByPeriod(report.timeline.events, granularity);
  }
  const title = `${report.title ?? 'Dependency timeline'}${granularity !== report.granularity ? ` (by ${granularity})` : ''}`;
  const out = ['timeline', `  title ${timelineText(title)}`];
  if (groups.length === 0) {
    out.push('  no changes : nothing changed in this range');
    return `${out.join('\n')}\n`;
  }
  // Too many periods even by month: the most recent ones, and a note of what is left out.
  if (groups.length > MAX_PERIODS) {
    const hidden = groups.slice(0, groups.length - MAX_PERIODS);
    groups = groups.slice(-MAX_PERIODS);
    out.push(
      `  earlier : ${timelineText(
        `${count(
          hidden.reduce((n, g) => n + g.events.length, 0),
          'commit',
        )} before ${groups[0]?.label ?? ''}`,
      )}`,
    );
  }
  let section: string | undefined;
  for (const group of groups) {
    if (group.section !== section && granularity !== 'month') {
      section = group.section;
      out.push(`  section ${timelineText(section)}`);
    }
    const lines = entries(group).map(timelineText);
    out.push(
      `    ${timelineText(granularity === 'commit' ? group.key.slice(11) : group.label)} : ${lines.join(' : ')}`,
    );
  }
  return `${out.join('\n')}\n`;
}
