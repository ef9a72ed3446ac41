/** A timeline as JSON: the periods, and every event with its changes and structured diff. */
import { safeJson } from '../../util/control-chars.js';
import type { Lineage, Stamp } from '../../history/lineage.js';
import type { HistoryEvent } from '../../history/types.js';
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

/**
 * The timeline as JSON text, in pieces: everything but the events in one, then one piece per
 * event. At 50,000 commits the whole text is ~100 MB; as one string (and the copies escaping
 * makes of it) it was most of the process's peak memory. The bytes are those of
 * `JSON.stringify(value, null, 2)` of the whole: each event is stringified two arrays deep,
 * which indents it as the whole would.
 */
export function* timelineJsonChunks(report: TimelineReport): Generator<string> {
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
    events: [],
    ...(report.lineage ? lineageJson(report.lineage) : {}),
  };
  const whole = JSON.stringify(value, null, 2);
  // Keys of the top object are the only lines indented by exactly two spaces.
  const mark = '\n  "events": []';
  const at = whole.indexOf(mark);
  const events = timeline.events;
  if (events.length === 0 || at < 0) {
    yield `${safeJson(whole)}\n`;
    return;
  }
  yield `${safeJson(whole.slice(0, at))}\n  "events": [`;
  for (let i = 0; i < events.length; i++) {
    const { time: _time, ...event } = events[i] as HistoryEvent;
    // Nested two arrays deep, the event is indented as in the whole; cut out of `[\n  [\n    …\n  ]\n]`.
    const text = JSON.stringify([[event]], null, 2);
    yield `${i === 0 ? '\n    ' : ',\n    '}${safeJson(text.slice(10, -6))}`;
  }
  yield `\n  ]${safeJson(whole.slice(at + mark.length))}\n`;
}

export function renderTimelineJson(report: TimelineReport): string {
  return [...timelineJsonChunks(report)].join('');
}
