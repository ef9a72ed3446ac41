import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tempDir } from '../helpers/fs.js';

let good: string;
beforeAll(async () => {
  good = path.join(tempDir(), 'demo.json');
  // Version 1, spelled out: the damage below is done to its objects (version 2: snapshot-v2.test.ts).
  expect((await runCli(['scan', 'fixtures/demo-org', '--out', good, '--snapshot-version', '1', '-q'])).code).toBe(0);
});

/** A copy of the demo snapshot with `edit` applied. */
function damaged(edit: (snapshot: Record<string, any>) => void): string {
  const snapshot = JSON.parse(readFileSync(good, 'utf8'));
  edit(snapshot);
  const file = path.join(tempDir(), 'bad.json');
  writeFileSync(file, JSON.stringify(snapshot));
  return file;
}

describe('snapshot files', () => {
  it('one line per item: a changed edge is a changed line in git diff', () => {
    const lines = readFileSync(good, 'utf8').split('\n');
    expect(lines[0]).toBe('{"format": "depmap-snapshot", "version": 1, "generator": "depmap 0.1.0",');
    const edgeLines = lines.filter((l) => l.startsWith('{"key":'));
    expect(edgeLines.length).toBe(65);
    expect(edgeLines[0]).toMatch(/^\{"key":"accounts -> accounts-db \(sql\)","type":"calls-service"/);
  });

  it('--snapshot takes one file, so arguments after it stay arguments; repeated, it merges', async () => {
    const one = await runCli(['impact', '--snapshot', good, 'payments']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('impact of payments');
    const twice = await runCli(['list', 'components', '--snapshot', good, '--snapshot', good, '--format', 'json']);
    expect(JSON.parse(twice.stdout)).toHaveLength(9);
  });

  it.each([
    ['a node without id', (s: Record<string, any>) => (s.nodes[0].id = null), 'nodes[0].id must be text'],
    [
      'an edge to a missing node',
      (s: Record<string, any>) => (s.edges[3].target = 'ghost'),
      'edges[3].target "ghost" is not a node of the snapshot',
    ],
    [
      'a wrong node type',
      (s: Record<string, any>) => (s.nodes[2].type = 'planet'),
      'nodes[2].type must be one of component, resource, library',
    ],
    [
      'an edge without pin',
      (s: Record<string, any>) => delete s.edges[0].pin,
      'edges[0].pin must be { pinned: true|false }',
    ],
    [
      'a repo without status',
      (s: Record<string, any>) => delete s.repos[1].status,
      'repos[1].status must be one of ok, no-manifest, failed',
    ],
  ])('%s is a clear error (exit 2), not a crash', async (_name, edit, message) => {
    const file = damaged(edit);
    for (const args of [
      ['list', 'components'],
      ['docs', '--out', path.join(tempDir(), 'd')],
      ['impact', 'payments'],
    ]) {
      const result = await runCli([...args, '--snapshot', file]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(`bad.json: ${message}`);
      expect(result.stderr).not.toContain('internal error');
    }
  });
});
