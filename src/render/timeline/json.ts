/** A timeline as JSON: the periods, and every event with its changes and structured diff. */
import { safeJson } from '../../util/control-chars.js';
import type { Lineage, Stamp } from '../../history/lineage.js';
import { countChanges, groupByPeriod, type TimelineReport } from './model.js';

const TIMELINE_FORMAT = 'depmap-timeline';
const TIMELINE_VERSION = 1;

/** Edges and nodes with when they were first and last seen; their versions are `history export`'s. */
function lineageJson(lineage: Lineage) {
  const stamp = ({ time: _time, ...rest }: Stamp) => rest;
  const seen = <T extends { firstSeen: Stamp; lastSeen?: Stamp }>(line: T) => ({
    ...line,
    firstSeen: stamp(line.firstSeen),
    ...(line.lastSeen ? { lastSeen: stamp(line.lastSeen) } : {}),
  });
  return {
    edges: lineage.edges.map(({ versions, ...line }) => ({
      ...seen(line),
      version: versions.at(-1)?.version,
      versions: versions.length,
    })),
    nodes: lineage.nodes.map(seen),
  };
}

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
    ...(report.lineage ? lineageJson(report.lineage) : {}),
  };
  return `${safeJson(JSON.stringify(value, null, 2))}\n`;
}
