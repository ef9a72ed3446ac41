/** The timeline's JSON written in pieces is the text of one JSON.stringify of the whole. */
import { describe, expect, it } from 'vitest';
import { lineageOf } from '../../src/history/lineage.js';
import { readOrgTimeline } from '../../src/history/org-history.js';
import { renderTimelineJson, timelineJsonChunks } from '../../src/render/timeline/json.js';
import { safeJson } from '../../src/util/control-chars.js';
import { gitRepo } from '../helpers/git.js';

const manifest = (version: string, owner: string) =>
  `depmap: 1\nname: alpha\nkind: service\nowner: "${owner}"\nlibraries:\n  - pkg:npm/lodash@${version}\n`;

/** What the renderer wrote before it wrote in pieces. */
function whole(report: Parameters<typeof renderTimelineJson>[0], events: unknown[]): string {
  const text = renderTimelineJson(report);
  const value = JSON.parse(text) as { events: unknown[] };
  expect(value.events).toEqual(events);
  return `${safeJson(JSON.stringify(value, null, 2))}\n`;
}

describe('timeline JSON in pieces', () => {
  const repo = gitRepo([
    {
      date: '2024-01-01T08:00:00Z',
      message: 'start ##[error] \u2028',
      files: { 'depmap.yaml': manifest('4.17.20', 'a') },
    },
    {
      date: '2024-01-09T08:00:00Z',
      message: 'bump\n\nbody',
      files: { 'depmap.yaml': manifest('4.17.21', 'team "b"\u202e') },
    },
  ]);

  it('is byte for byte one JSON.stringify of the whole, with and without events', async () => {
    const timeline = await readOrgTimeline([{ id: 'alpha', dir: repo.dir, display: repo.dir }]);
    const report = { timeline, granularity: 'week' as const, lineage: lineageOf(timeline) };
    const events = timeline.events.map(({ time: _time, ...e }) => e);
    expect(events.length).toBe(2);
    const pieces = [...timelineJsonChunks(report)];
    expect(pieces.length).toBe(4);
    expect(pieces.join('')).toBe(whole(report, JSON.parse(JSON.stringify(events))));
    const empty = { timeline: { ...timeline, events: [] }, granularity: 'week' as const };
    expect([...timelineJsonChunks(empty)].join('')).toBe(whole(empty, []));
  });
});
