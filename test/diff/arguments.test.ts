/** How `depmap diff` reads its arguments and picks its output format. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { findBrowser } from '../../src/render/svg.js';
import { bareClone, git, gitRepo, initRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/fs.js';

const manifest = (name: string, express: string) =>
  `depmap: 1\nname: ${name}\nkind: service\nlibraries:\n  - pkg:npm/express@${express}\n`;
const history = (name: string) => [
  { date: '2024-03-01T10:00:00Z', files: { 'depmap.yaml': manifest(name, '4.19.2') } },
  { date: '2024-03-02T10:00:00Z', files: { 'depmap.yaml': manifest(name, '4.19.3') } },
  { date: '2024-03-03T10:00:00Z', files: { 'depmap.yaml': manifest(name, '5.0.0') } },
];

describe('depmap diff <from> <source>', () => {
  const root = tempDir();
  const orders = gitRepo(history('orders'), path.join(root, 'orders'));
  gitRepo(history('payments'), path.join(root, 'payments'));

  it('reads an existing folder as the source, with <to> at HEAD', async () => {
    for (const source of ['./orders', 'orders', orders.dir]) {
      const r = await runCli(['diff', 'HEAD~2', source], { cwd: root });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('~ orders: pkg:npm/express 4.19.2 → 5.0.0 (major upgrade)');
    }
  });

  it('reads a git URL as the source', async () => {
    const url = `file://${bareClone(orders.dir)}`;
    const r = await runCli(['diff', 'HEAD~1', url, '--cache-dir', tempDir()], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('4.19.3 → 5.0.0');
  });

  it('reads a name that is also a revision of the current repo as the revision; ./name is the folder', async () => {
    const mono = gitRepo([
      {
        date: '2024-03-01T10:00:00Z',
        files: { 'depmap.yaml': manifest('web', '4.19.2'), 'api/depmap.yaml': manifest('api', '1.0.0') },
      },
      {
        date: '2024-03-02T10:00:00Z',
        files: { 'depmap.yaml': manifest('web', '4.19.3'), 'api/depmap.yaml': manifest('api', '1.0.1') },
      },
    ]);
    git(mono.dir, ['branch', 'api', 'HEAD~1']);
    const asRevision = await runCli(['diff', 'HEAD', 'api'], { cwd: mono.dir });
    expect(asRevision.stdout).toContain('~ web: pkg:npm/express 4.19.3 → 4.19.2');
    const asFolder = await runCli(['diff', 'HEAD~1', './api'], { cwd: mono.dir });
    expect(asFolder.stdout).toContain('~ api: pkg:npm/express 1.0.0 → 1.0.1');
    expect(asFolder.stdout).not.toContain('web');
  });

  it('still reads two revisions as <from> <to>', async () => {
    const r = await runCli(['diff', 'HEAD~2', 'HEAD~1'], { cwd: orders.dir });
    expect(r.stdout).toContain('4.19.2 → 4.19.3');
  });

  it('refuses a folder given alone, asking for the revision', async () => {
    const r = await runCli(['diff', './orders'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"\.\/orders" is a folder, not a revision/);
  });

  it('documents the rule in --help', async () => {
    const r = await runCli(['diff', '--help']);
    expect(r.stdout).toContain('the second is the source when it is an existing path');
    expect(r.stdout).toContain('depmap diff HEAD~3 ./orders');
  });
});

describe('depmap diff in a repo without commits', () => {
  it('says the repo has no commits rather than suggesting a deeper clone', async () => {
    const empty = initRepo(path.join(tempDir(), 'empty'));
    const r = await runCli(['diff', 'HEAD~1', 'HEAD', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/empty has no commits yet/);
    expect(r.stderr).not.toMatch(/shallow|fetch-depth/);
  });
});

describe('depmap diff --out', () => {
  const repo = gitRepo(history('orders'));

  it('takes the format from the extension when --format is not given', async () => {
    const dir = tempDir();
    const out = (name: string) => path.join(dir, name);
    for (const name of ['d.json', 'd.md', 'd.mmd', 'd.txt']) {
      const r = await runCli(['diff', 'HEAD~2', 'HEAD', repo.dir, '-o', out(name)]);
      expect(r.code).toBe(0);
    }
    expect(JSON.parse(readFileSync(out('d.json'), 'utf8')).format).toBe('depmap-diff');
    expect(readFileSync(out('d.md'), 'utf8')).toMatch(/^### depmap diff `HEAD~2` → `HEAD`/);
    expect(readFileSync(out('d.mmd'), 'utf8')).toMatch(
      /^---\nconfig:\n  flowchart:\n    curve: linear\n---\nflowchart LR\n/,
    );
    expect(readFileSync(out('d.txt'), 'utf8')).toMatch(/^depmap diff HEAD~2 → HEAD: /);
  });

  it('keeps an explicit --format, and refuses an extension it cannot write', async () => {
    const dir = tempDir();
    expect(
      (await runCli(['diff', 'HEAD~2', 'HEAD', repo.dir, '-o', path.join(dir, 'd.md'), '--format', 'json'])).code,
    ).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'd.md'), 'utf8')).format).toBe('depmap-diff');
    const png = await runCli(['diff', 'HEAD~2', 'HEAD', repo.dir, '-o', path.join(dir, 'd.png')]);
    expect(png.code).toBe(2);
    expect(png.stderr).toMatch(/cannot tell the format from the extension of .*d\.png/);
    expect(existsSync(path.join(dir, 'd.png'))).toBe(false);
  });

  // Through the built CLI: vitest rewrites the dynamic import that svg.ts hands to the browser.
  it.skipIf(!findBrowser() || !existsSync(path.resolve('dist/depmap.js')))('draws an SVG for a .svg file', () => {
    const out = path.join(tempDir(), 'diff.svg');
    execFileSync('node', [path.resolve('bin/depmap.js'), 'diff', 'HEAD~2', 'HEAD', repo.dir, '-o', out]);
    expect(readFileSync(out, 'utf8')).toMatch(/^<svg[^>]*aria-roledescription="flowchart/);
  });
});
