import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { timelinePage } from '../../src/cli/commands/timeline.js';
import { findBrowser } from '../../src/render/svg.js';
import { bareClone, gitRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/fs.js';

const manifest = (name: string, version: string) =>
  `depmap: 1\nname: ${name}\nkind: service\nlibraries:\n  - pkg:npm/lodash@${version}\n`;

describe('depmap timeline', () => {
  const root = tempDir();
  const a = gitRepo(
    [
      {
        date: '2024-01-01T08:00:00Z',
        author: 'Ann <ann@example.com>',
        message: 'a: start',
        files: { 'depmap.yaml': manifest('alpha', '4.17.20') },
      },
      {
        date: '2024-01-09T08:00:00Z',
        author: 'Ann <ann@example.com>',
        message: 'a: bump | pipe',
        files: { 'depmap.yaml': manifest('alpha', '4.17.21') },
      },
      {
        date: '2024-02-20T08:00:00Z',
        author: 'Ann <ann@example.com>',
        message: 'a: broken',
        files: { 'depmap.yaml': 'depmap: 1\nname: alpha\n' },
      },
    ],
    path.join(root, 'alpha'),
  );
  const b = gitRepo(
    [
      {
        date: '2024-01-05T08:00:00Z',
        author: 'Bo <bo@example.com>',
        message: 'b: start',
        files: { 'depmap.yaml': manifest('beta', '3.0.0') },
      },
      {
        date: '2024-02-02T08:00:00Z',
        author: 'Bo <bo@example.com>',
        message: 'b: down',
        files: { 'depmap.yaml': manifest('beta', '2.0.0') },
      },
    ],
    path.join(root, 'beta'),
  );

  it('prints a Markdown table per period, repos merged in date order', async () => {
    const r = await runCli(['timeline', a.dir, b.dir, '--granularity', 'month']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# Dependency timeline');
    expect(r.stdout).toContain('## 2024-01');
    expect(r.stdout).toContain('## 2024-02');
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('| 2024'));
    expect(rows.map((l) => l.split('|')[2]?.trim())).toEqual(['alpha', 'beta', 'alpha', 'beta', 'alpha']);
    expect(r.stdout).toContain('a: bump \\| pipe');
    expect(r.stdout).toContain('pkg:npm/lodash 4.17.20 → 4.17.21 (patch upgrade)');
    expect(r.stdout).toMatch(/⚠️ invalid at [0-9a-f]{7}: depmap\.yaml/);
  });

  it('filters by --since and --until and writes JSON', async () => {
    const r = await runCli([
      'timeline',
      a.dir,
      b.dir,
      '--since',
      '2024-01-05',
      '--until',
      '2024-02-02',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.format).toBe('depmap-timeline');
    expect(json.events.map((e: { subject: string }) => e.subject)).toEqual(['b: start', 'a: bump | pipe', 'b: down']);
    expect(json.events[2]).toMatchObject({
      repo: 'beta',
      author: 'Bo',
      changes: [{ kind: 'library-changed', sign: '~' }],
    });
    expect(json.events[2].changes[0].text).toContain('(major downgrade)');
    expect(json.periods.map((p: { period: string }) => p.period)).toEqual(['2024-W01', '2024-W02', '2024-W05']);
  });

  it('draws a Mermaid timeline with a section per month', async () => {
    const r = await runCli(['timeline', a.dir, b.dir, '--format', 'mermaid', '--granularity', 'day']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('timeline');
    expect(lines).toContain('  section 2024-01');
    expect(r.stdout).toMatch(/2024-01-09 : ~ alpha∶ pkg∶npm\/lodash 4\.17\.20 → 4\.17\.21 \(patch upgrade\)/);
  });

  it('writes to --out and reads sources from a glob', async () => {
    const out = path.join(tempDir(), 'timeline.md');
    const r = await runCli(['timeline', path.join(root, '*'), '--out', out, '--granularity', 'commit']);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('| Date (UTC) | Repo | Commit | Author | Changes |');
  });

  it('reports a repo it cannot read, shows the others, and exits 1', async () => {
    const notGit = tempDir();
    const empty = tempDir();
    execFileSync('git', ['init', '-q', empty]);
    const r = await runCli(['timeline', a.dir, notGit, empty, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: .*not a git repository/);
    const json = JSON.parse(r.stdout);
    expect(json.events.length).toBe(3);
    expect(json.repos.find((x: { id: string }) => x.id === path.basename(empty))).toMatchObject({ commits: 0 });
    const alone = await runCli(['timeline', notGit]);
    expect(alone.code).toBe(2);
  });

  it('clones a git URL with its history into the cache, and updates it the next time', async () => {
    const cacheDir = tempDir();
    const url = `file://${bareClone(a.dir)}`;
    const first = await runCli(['timeline', url, '--format', 'json', '--cache-dir', cacheDir]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).events.map((e: { subject: string }) => e.subject)).toEqual([
      'a: start',
      'a: bump | pipe',
      'a: broken',
    ]);
    const again = await runCli(['timeline', url, '--format', 'json', '--cache-dir', cacheDir, '--since', '2024-02-01']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).events.length).toBe(1);
  });

  it('rejects bad dates and granularities with exit 2', async () => {
    expect((await runCli(['timeline', a.dir, '--since', 'yesterday'])).code).toBe(2);
    expect((await runCli(['timeline', a.dir, '--granularity', 'hour'])).code).toBe(2);
    expect((await runCli(['timeline', a.dir, '--since', '2024-03-01', '--until', '2024-01-01'])).stderr).toMatch(
      /after --until/,
    );
  });

  it('shows no progress when stderr is not a terminal, and progress when it is', async () => {
    const plain = await runCli(['timeline', a.dir, '--format', 'json']);
    expect(plain.stderr).toBe('');
    const tty = await runCli(['timeline', a.dir, '--format', 'json'], { stderrIsTTY: true });
    expect(tty.stderr).toContain('reading history');
    const quiet = await runCli(['timeline', a.dir, '--format', 'json', '-q'], { stderrIsTTY: true });
    expect(quiet.stderr).toBe('');
  });

  // Through the built CLI: vitest rewrites the dynamic import that svg.ts hands to the browser.
  it.skipIf(!findBrowser() || !existsSync(path.resolve('dist/depmap.js')))('draws the timeline as SVG', () => {
    const svg = execFileSync(
      'node',
      [path.resolve('bin/depmap.js'), 'timeline', a.dir, b.dir, '--format', 'svg', '--granularity', 'month'],
      { encoding: 'utf8' },
    );
    expect(svg).toMatch(/^<svg[^>]*aria-roledescription="timeline"/);
    expect(svg).toContain('2024-02');
    expect(svg).not.toContain('Maximum text size');
  });

  it('gives the docs a timeline page with the diagram embedded', async () => {
    const page = await timelinePage(
      [
        { id: 'alpha', dir: a.dir, display: 'alpha' },
        { id: 'beta', dir: b.dir, display: 'beta' },
      ],
      { granularity: 'month' },
    );
    expect(page).toMatch(/^# Timeline of dependency changes/);
    expect(page).toContain('```mermaid\ntimeline\n');
    expect(page).toContain('## 2024-02');
  });
});
