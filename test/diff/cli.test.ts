import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { gitRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/fs.js';
import { parseSnapshot } from '../../src/graph/snapshot.js';

const manifest = (express: string, extra: string[] = []) =>
  ['depmap: 1', 'name: shop', 'kind: service', 'libraries:', `  - pkg:npm/express@${express}`, ...extra, ''].join('\n');

describe('depmap diff', () => {
  const repo = gitRepo([
    { date: '2024-01-01T12:00:00Z', files: { 'depmap.yaml': manifest('4.19.2') } },
    {
      date: '2024-02-01T12:00:00Z',
      files: { 'depmap.yaml': manifest('5.0.0', ['services:', '  - { name: pay, protocol: grpc, version: 1.0.0 }']) },
    },
    { date: '2024-03-01T12:00:00Z', rename: [['depmap.yaml', 'depmap.yml']], files: {} },
  ]);

  it('compares two revisions of a repo', async () => {
    const r = await runCli(['diff', 'HEAD~2', 'HEAD', repo.dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('~ shop: pkg:npm/express 4.19.2 → 5.0.0 (major upgrade)');
    expect(r.stdout).toContain('+ shop → pay (grpc 1.0.0)');
  });

  it('defaults <to> to HEAD and the source to the current folder; a rename is no change', async () => {
    const r = await runCli(['diff', 'HEAD~1', '--exit-code'], { cwd: repo.dir });
    expect(r.stdout).toBe('depmap diff HEAD~1 → HEAD: no changes\n');
    expect(r.code).toBe(0);
  });

  it('exits 1 with --exit-code when the graph changed', async () => {
    const r = await runCli([
      'diff',
      repo.commits[0] as string,
      repo.commits[1] as string,
      repo.dir,
      '--exit-code',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      format: 'depmap-diff',
      changed: true,
      summary: { services: { added: 1 } },
    });
  });

  it('compares the organisation at two dates', async () => {
    const r = await runCli([
      'diff',
      '--from-date',
      '2024-01-15',
      '--to-date',
      '2024-02-01',
      repo.dir,
      '--format',
      'markdown',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('### depmap diff `2024-01-15` → `2024-02-01`');
    expect(r.stdout).toContain('pkg:npm/express 4.19.2 → 5.0.0 (major upgrade)');
    const before = await runCli(['diff', '--from-date', '2023-12-01', '--to-date', '2024-01-01', repo.dir]);
    expect(before.stdout).toContain('+ component shop (service)');
  });

  it('compares two snapshot files', async () => {
    const dir = tempDir();
    const a = await runCli(['scan', repo.dir, '--out', path.join(dir, 'a.json'), '-q']);
    expect(a.code).toBe(0);
    const snapshot = parseSnapshot(
      await import('node:fs').then((fs) => fs.readFileSync(path.join(dir, 'a.json'), 'utf8')),
      'a.json',
    );
    snapshot.nodes = snapshot.nodes.filter((n) => n.id !== 'pay');
    snapshot.edges = snapshot.edges.filter((e) => e.target !== 'pay');
    writeFileSync(path.join(dir, 'b.json'), JSON.stringify(snapshot));
    const r = await runCli(['diff', 'a.json', 'b.json', '--format', 'mermaid'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('n_shop -.->|"grpc 1.0.0"| n_pay');
  });

  it('writes to a file with --out', async () => {
    const dir = tempDir();
    const r = await runCli([
      'diff',
      'HEAD~2',
      'HEAD',
      repo.dir,
      '--out',
      path.join(dir, 'diff.md'),
      '--format',
      'markdown',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const fs = await import('node:fs');
    expect(fs.readFileSync(path.join(dir, 'diff.md'), 'utf8')).toContain('#### Library edges');
  });

  it('fails with exit 2 on bad input', async () => {
    const unknown = await runCli(['diff', 'nope', 'HEAD', repo.dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown revision "nope"[\s\S]*hint: .*fetch-depth: 0/);
    expect((await runCli(['diff', '--', '--upload-pack=x', 'HEAD', repo.dir])).code).toBe(2);
    expect((await runCli(['diff'], { cwd: repo.dir })).code).toBe(2);
    expect((await runCli(['diff', '--from-date', '2024-13-01', '--to-date', '2024-02-01', repo.dir])).stderr).toMatch(
      /not a date/,
    );
    expect((await runCli(['diff', '--from-date', '2024-01-01', repo.dir])).stderr).toMatch(
      /both --from-date and --to-date/,
    );
    expect((await runCli(['diff', 'a.json', 'HEAD'])).code).toBe(2);
    expect((await runCli(['diff', 'HEAD~1', 'HEAD', tempDir()])).stderr).toMatch(/not a git repository/);
  });

  it('documents itself with examples', async () => {
    const r = await runCli(['diff', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
  });
});
