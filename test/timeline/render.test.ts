import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/history/types.js';
import { MAX_ENTRIES_PER_PERIOD, renderTimelineMermaid, timelineText } from '../../src/render/timeline/mermaid.js';
import { renderTimelineMarkdown } from '../../src/render/timeline/markdown.js';
import { groupByPeriod } from '../../src/render/timeline/model.js';
import { isoWeek, parseDate, periodOf } from '../../src/history/dates.js';

const emptyDiff = { nodes: { added: [], removed: [], changed: [] }, edges: { added: [], removed: [], changed: [] } };

function event(day: string, repo: string, text: string, n = 0): HistoryEvent {
  const time = Date.parse(`${day}T12:00:00Z`) + n;
  return {
    repo,
    commit: (n.toString(16) + 'a'.repeat(40)).slice(0, 40),
    author: 'Ann',
    email: 'ann@example.com',
    date: new Date(time).toISOString(),
    time,
    authorDate: new Date(time).toISOString(),
    subject: `change ${n}`,
    merge: false,
    changes: [{ kind: 'library-changed', component: repo, target: 'pkg:npm/x', sign: '~', text }],
    invalid: [],
    fixed: [],
    diff: emptyDiff,
  };
}

const report = (events: HistoryEvent[], granularity: 'commit' | 'day' | 'week' | 'month' = 'day') => ({
  timeline: {
    repos: [...new Set(events.map((e) => e.repo))].map((id) => ({ id, commits: 1, shallow: false })),
    events,
  },
  granularity,
});

describe('timeline rendering', () => {
  it('escapes what Mermaid timeline syntax would read', () => {
    expect(timelineText('a: b # c; <d>')).toBe('a∶ b ＃ c； ‹d›');
    expect(timelineText('x'.repeat(200)).length).toBe(90);
  });

  it('summarises a busy period instead of listing hundreds of entries', () => {
    const events = Array.from({ length: 300 }, (_, i) =>
      event('2024-05-06', i % 2 ? 'a' : 'b', `pkg:npm/x 1.0.${i} → 1.0.${i + 1} (patch upgrade)`, i),
    );
    const mermaid = renderTimelineMermaid(report(events));
    const line = mermaid.split('\n').find((l) => l.includes('2024-05-06')) ?? '';
    expect(line).toContain('300 commits in 2 repos (a, b)');
    expect(line).toContain('300 × upgrade');
    expect(line.split(' : ').length).toBeLessThanOrEqual(MAX_ENTRIES_PER_PERIOD + 1);
  });

  it('draws long histories at a coarser granularity', () => {
    const events = Array.from({ length: 400 }, (_, i) =>
      event(new Date(Date.UTC(2020, 0, 1) + i * 86_400_000 * 3).toISOString().slice(0, 10), 'a', 'x', i),
    );
    const mermaid = renderTimelineMermaid(report(events, 'day'));
    expect(mermaid).toContain('(by month)');
    expect(mermaid.length).toBeLessThan(50_000);
  });

  it('groups by ISO week and month in UTC', () => {
    expect(isoWeek(Date.parse('2021-01-03T23:00:00Z'))).toMatchObject({ year: 2020, week: 53 });
    expect(periodOf(Date.parse('2024-12-30T10:00:00Z'), 'week').key).toBe('2025-W01');
    expect(periodOf(Date.parse('2024-02-29T10:00:00Z'), 'month').key).toBe('2024-02');
    const groups = groupByPeriod([event('2024-01-31', 'a', 'x', 1), event('2024-02-01', 'a', 'y', 2)], 'month');
    expect(groups.map((g) => g.key)).toEqual(['2024-01', '2024-02']);
  });

  it('reads dates as whole UTC days', () => {
    expect(new Date(parseDate('2024-03-01', 'start', 'x')).toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(new Date(parseDate('2024-03-01', 'end', 'x')).toISOString()).toBe('2024-03-01T23:59:59.999Z');
    expect(new Date(parseDate('2024-02', 'end', 'x')).toISOString()).toBe('2024-02-29T23:59:59.999Z');
    expect(new Date(parseDate('2024-03-01T10:00', 'end', 'x')).toISOString()).toBe('2024-03-01T10:00:00.000Z');
    expect(() => parseDate('2024-02-30', 'start', '--since')).toThrow(/--since "2024-02-30" is not a date/);
  });

  it('escapes table cells in Markdown', () => {
    const md = renderTimelineMarkdown(report([event('2024-01-02', 'a|b', 'x | y')], 'month'));
    expect(md).toContain('| a\\|b |');
    expect(md).toContain('x \\| y');
  });
});
