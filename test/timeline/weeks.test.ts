/**
 * Week periods straddle months (2024-W09 runs Feb 26 – Mar 3): they are labelled with their
 * dates, and the diagram never files a change under a month it did not happen in.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { periodOf, sectionOf } from '../../src/history/dates.js';
import { gitRepo } from '../helpers/git.js';

const manifest = (version: string) =>
  `depmap: 1\nname: alpha\nkind: service\nlibraries:\n  - pkg:npm/lodash@${version}\n`;

describe('week periods', () => {
  const repo = gitRepo([
    { date: '2024-02-20T08:00:00Z', files: { 'depmap.yaml': manifest('4.17.19') } },
    { date: '2024-03-01T08:00:00Z', files: { 'depmap.yaml': manifest('4.17.20') } },
    { date: '2024-12-31T08:00:00Z', files: { 'depmap.yaml': manifest('4.17.21') } },
  ]);

  it('are labelled with their dates in Markdown', async () => {
    const r = await runCli(['timeline', repo.dir, '--granularity', 'week']);
    expect(r.code).toBe(0);
    const headings = r.stdout.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## 2024-W08 (Feb 19 – Feb 25)',
      '## 2024-W09 (Feb 26 – Mar 3)',
      '## 2025-W01 (Dec 30, 2024 – Jan 5, 2025)',
    ]);
  });

  it('are labelled with their dates in Mermaid, in sections they fit in whole', async () => {
    const r = await runCli(['timeline', repo.dir, '--granularity', 'week', '--format', 'mermaid']);
    const lines = r.stdout.split('\n');
    expect(lines).not.toContain('  section 2024-02');
    const sections = lines.filter((l) => l.startsWith('  section '));
    expect(sections).toEqual(['  section 2024', '  section 2025']);
    const march = lines.findIndex((l) => l.includes('4.17.19 → 4.17.20'));
    expect(lines[march]).toMatch(/^ {4}2024-W09 \(Feb 26 – Mar 3\) : /);
    expect(lines.find((l) => l.includes('4.17.20 → 4.17.21'))).toMatch(
      /^ {4}2025-W01 \(Dec 30, 2024 – Jan 5, 2025\) : /,
    );
  });

  it('keep their key in JSON, with the label beside it', async () => {
    const json = JSON.parse((await runCli(['timeline', repo.dir, '--granularity', 'week', '--format', 'json'])).stdout);
    expect(json.periods.map((p: { period: string; label: string }) => [p.period, p.label])).toEqual([
      ['2024-W08', '2024-W08 (Feb 19 – Feb 25)'],
      ['2024-W09', '2024-W09 (Feb 26 – Mar 3)'],
      ['2025-W01', '2025-W01 (Dec 30, 2024 – Jan 5, 2025)'],
    ]);
  });

  it('leave days, months and commits as they were', () => {
    const t = Date.parse('2024-03-01T08:00:00Z');
    expect(periodOf(t, 'day').label).toBe('2024-03-01');
    expect(periodOf(t, 'month').label).toBe('2024-03');
    expect(sectionOf(periodOf(t, 'day').start, 'day')).toBe('2024-03');
    expect(sectionOf(periodOf(t, 'week').start, 'week')).toBe('2024');
  });
});
