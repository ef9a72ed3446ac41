/** What a timeline report shows, grouped by period. */
import { periodOf, sectionOf } from '../../history/dates.js';
import type { Lineage } from '../../history/lineage.js';
import type { OrgTimeline } from '../../history/org-history.js';
import type { Granularity, HistoryEvent } from '../../history/types.js';

export interface TimelineReport {
  timeline: OrgTimeline;
  granularity: Granularity;
  title?: string;
  /** Every edge and node of the whole history with firstSeen and lastSeen (the JSON shows it). */
  lineage?: Lineage;
}

export interface PeriodGroup {
  key: string;
  start: number;
  /** The key as headings and diagrams show it (a week with its dates). */
  label: string;
  /** The larger period a diagram puts this one under. */
  section: string;
  events: HistoryEvent[];
}

export function groupByPeriod(events: readonly HistoryEvent[], granularity: Granularity): PeriodGroup[] {
  const groups = new Map<string, PeriodGroup>();
  for (const event of events) {
    const period = periodOf(event.time, granularity, event.commit);
    let group = groups.get(period.key);
    if (!group) {
      group = {
        key: period.key,
        start: period.start,
        label: period.label,
        section: sectionOf(period.start, granularity),
        events: [],
      };
      groups.set(period.key, group);
    }
    group.events.push(event);
  }
  return [...groups.values()].sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : 1));
}

/** Each line of an event: the graph changes, then validity. */
export function eventLines(event: HistoryEvent): { sign: string; text: string }[] {
  const lines: { sign: string; text: string }[] = event.changes.map((c) => ({ sign: c.sign, text: c.text }));
  for (const i of event.invalid)
    lines.push({
      sign: '!',
      text: `invalid at ${event.commit.slice(0, 7)}: ${i.file}:${i.line}:${i.col} ${i.message}`,
    });
  for (const f of event.fixed) lines.push({ sign: '✓', text: `${f} valid again` });
  for (const w of event.warnings ?? []) lines.push({ sign: '!', text: `warning: ${w.file}: ${w.message}` });
  return lines;
}

export function countChanges(events: readonly HistoryEvent[]): number {
  return events.reduce((n, e) => n + e.changes.length + e.invalid.length + e.fixed.length, 0);
}

export function rangeText(timeline: OrgTimeline): string {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const first = timeline.events[0];
  const last = timeline.events[timeline.events.length - 1];
  const from = timeline.since !== undefined ? day(timeline.since) : first ? day(first.time) : undefined;
  const to = timeline.until !== undefined ? day(timeline.until) : last ? day(last.time) : undefined;
  return from && to ? `${from} → ${to}` : '';
}

export { count } from '../../util/words.js';
