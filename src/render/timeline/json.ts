/** A timeline as JSON: the periods, and every event with its changes and structured diff. */
import { safeJson } from '../../util/control-chars.js';
import { countChanges, groupByPeriod, type TimelineReport } from './model.js';

const TIMELINE_FORMAT = 'depmap-timeline';
const TIMELINE_VERSION = 1;

export function renderTimelineJson(report: TimelineReport): string {
  const { timeline, granularity } = report;
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  const value = {
    format: TIMELINE_FORMAT,
    version: TIMELINE_VERSION,
    granularity,
    since: iso(timeline.since),
    until: iso(timeline.until),
    repos: timeline.repos,
    periods: groupByPeriod(timeline.events, granularity).map((g) => ({
      period: g.key,
      label: g.label,
      start: iso(g.start),
      commits: g.events.length,
      changes: countChanges(g.events),
    })),
    events: timeline.events.map(({ time: _time, ...event }) => event),
  };
  return `${safeJson(JSON.stringify(value, null, 2))}\n`;
}
