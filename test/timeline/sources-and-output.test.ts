/** `depmap timeline`: git URLs that cannot be cloned, where clones go, and the output format. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { timelinePage } from '../../src/cli/commands/timeline.js';
import { parseGitUrl } from '../../src/crawl/git-url.js';
import { findBrowser } from '../../src/render/svg.js';
import { bareClone, gitRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/fs.js';

const manifest = (version: string) =>
  `depmap: 1\nname: alpha\nkind: service\nlibraries:\n  - pkg:npm/lodash@${version}\n`;

describe('depmap timeline sources', () => {
  const repo = gitRepo([
    { date: '2024-01-01T08:00:00Z', message: 'start', files: { 'depmap.yaml': manifest('4.17.20') } },
    { date: '2024-01-09T08:00:00Z', message: 'bump', files: { 'depmap.yaml': manifest('4.17.21') } },
  ]);
  const missing = `file://${path.join(tempDir(), 'nonexistent-repo')}`;

  it('reports a git URL it cannot clone like any unreadable repo: the others are shown, exit 1', async () => {
    const r = await runCli(['timeline', repo.dir, missing, '--format', 'json', '--cache-dir', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^depmap: error: .*nonexistent-repo: cannot clone file:\/\/.*nonexistent-repo with its history/,
    );
    const json = JSON.parse(r.stdout);
    expect(json.events.map((e: { subject: string }) => e.subject)).toEqual(['start', 'bump']);
    expect(json.repos.find((x: { error?: string }) => x.error)?.error).toMatch(/cannot clone/);
  });

  it('fails with exit 2 when that URL is the only source', async () => {
    const r = await runCli(['timeline', missing, '--cache-dir', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot clone/);
  });

  it('leaves an uncloneable repo out of the docs page instead of failing it', async () => {
    const page = await timelinePage(
      [
        { type: 'local', id: 'alpha', path: repo.dir, display: 'alpha' },
        { type: 'git', id: 'gone', git: parseGitUrl(missing), display: missing },
      ],
      {
        cacheDir: tempDir(),
        granularity: 'month',
      },
    );
    expect(page).toContain('pkg:npm/lodash 4.17.20 → 4.17.21');
  });

  it('clones into the history/ folder of the cache that --cache-dir and scan share, default included', async () => {
    const url = `file://${bareClone(repo.dir)}`;
    const xdg = tempDir();
    const env = { ...process.env, XDG_CACHE_HOME: xdg, HOME: tempDir() };
    const byDefault = await runCli(['timeline', url, '--format', 'json'], { env });
    expect(byDefault.code).toBe(0);
    const cache = path.join(xdg, 'depmap', 'repos');
    expect(readdirSync(path.join(cache, 'history'))).toHaveLength(1);
    // The default written out is the same cache: no history/history, no second clone.
    const explicit = await runCli(['timeline', url, '--format', 'json', '--cache-dir', cache], { env });
    expect(explicit.code).toBe(0);
    expect(readdirSync(path.join(cache, 'history'))).toHaveLength(1);
    expect(existsSync(path.join(cache, 'history', 'history'))).toBe(false);
  });

  it('says so in --help', async () => {
    for (const command of ['timeline', 'diff']) {
      const help = (await runCli([command, '--help'])).stdout.replace(/\s+/g, ' ');
      expect(help).toContain('(default: ~/.cache/depmap/repos)');
      expect(help).toContain('into its history/ folder');
      expect(help).not.toContain('repos/history');
    }
  });
});

describe('depmap timeline --out', () => {
  const repo = gitRepo([
    { date: '2024-01-01T08:00:00Z', files: { 'depmap.yaml': manifest('4.17.20') } },
    { date: '2024-01-09T08:00:00Z', files: { 'depmap.yaml': manifest('4.17.21') } },
  ]);

  it('takes the format from the extension when --format is not given', async () => {
    const dir = tempDir();
    for (const name of ['t.json', 't.mmd', 't.md'])
      expect((await runCli(['timeline', repo.dir, '-o', path.join(dir, name), '-q'])).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 't.json'), 'utf8')).format).toBe('depmap-timeline');
    expect(readFileSync(path.join(dir, 't.mmd'), 'utf8')).toMatch(/^timeline\n/);
    expect(readFileSync(path.join(dir, 't.md'), 'utf8')).toMatch(/^# Dependency timeline/);
  });

  it('keeps an explicit --format, and refuses an extension it cannot write', async () => {
    const dir = tempDir();
    expect(
      (await runCli(['timeline', repo.dir, '-o', path.join(dir, 't.json'), '--format', 'markdown', '-q'])).code,
    ).toBe(0);
    expect(readFileSync(path.join(dir, 't.json'), 'utf8')).toMatch(/^# Dependency timeline/);
    const png = await runCli(['timeline', repo.dir, '-o', path.join(dir, 't.png')]);
    expect(png.code).toBe(2);
    expect(png.stderr).toMatch(/cannot tell the format/);
  });

  // Through the built CLI: vitest rewrites the dynamic import that svg.ts hands to the browser.
  it.skipIf(!findBrowser() || !existsSync(path.resolve('dist/depmap.js')))(
    'writes an SVG, not Markdown, to a .svg file',
    () => {
      const out = path.join(tempDir(), 't.svg');
      execFileSync('node', [path.resolve('bin/depmap.js'), 'timeline', repo.dir, '-o', out, '-q']);
      expect(readFileSync(out, 'utf8')).toMatch(/^<svg[^>]*aria-roledescription="timeline"/);
    },
  );
});
