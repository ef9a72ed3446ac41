/**
 * `depmap diff` over a revision whose manifest does not parse: the component is compared by
 * its last valid version, as the timeline keeps it on the map, and a warning says so.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { gitRepo } from '../helpers/git.js';

const manifest = (express: string) =>
  `depmap: 1\nname: orders\nkind: service\nlibraries:\n  - pkg:npm/express@${express}\n`;
const BROKEN = 'depmap: 1\nname: orders\nkind: service\nlibraries:\n  - pkg:npm/express@4.19.2\n    bad: [\n';
const short = (id: string | undefined) => (id ?? '').slice(0, 7);

describe('depmap diff with an invalid manifest on one side', () => {
  const repo = gitRepo([
    { date: '2024-03-01T10:00:00Z', message: 'first', files: { 'depmap.yaml': manifest('4.19.2') } },
    { date: '2024-03-08T10:00:00Z', message: 'break', files: { 'depmap.yaml': BROKEN } },
    { date: '2024-03-15T10:00:00Z', message: 'fix and bump', files: { 'depmap.yaml': manifest('4.19.3') } },
  ]);
  const [first, broken] = repo.commits as [string, string, string];
  const warning = (side: string) =>
    `depmap: warning: invalid at ${short(broken)} (${repo.dir.split('/').pop()} at ${side}): depmap.yaml:5:5 Implicit keys need to be on a single line; its last valid version (${short(first)}) is compared in its place\n`;

  it('compares the last valid version with the fixed one, not an added component', async () => {
    const r = await runCli(['diff', 'HEAD~1', 'HEAD', repo.dir, '--exit-code']);
    expect(r.stdout).not.toContain('+ component orders');
    expect(r.stdout).toContain('~ orders: pkg:npm/express 4.19.2 → 4.19.3 (patch upgrade)');
    expect(r.stderr).toBe(warning('HEAD~1'));
    expect(r.code).toBe(1);
  });

  it('shows no removal when the manifest breaks', async () => {
    const r = await runCli(['diff', 'HEAD~2', 'HEAD~1', repo.dir, '--exit-code']);
    expect(r.stdout).toBe('depmap diff HEAD~2 → HEAD~1: no changes\n');
    expect(r.stderr).toBe(warning('HEAD~1'));
    expect(r.code).toBe(0);
  });

  it('agrees with the timeline, commit by commit', async () => {
    const timeline = JSON.parse((await runCli(['timeline', repo.dir, '--format', 'json'])).stdout);
    const fixed = timeline.events.find((e: { subject: string }) => e.subject === 'fix and bump');
    const diff = JSON.parse((await runCli(['diff', 'HEAD~1', 'HEAD', repo.dir, '--format', 'json'])).stdout);
    expect(diff.changes.map((c: { text: string }) => c.text)).toEqual(
      fixed.changes.map((c: { text: string }) => c.text),
    );
    const broke = timeline.events.find((e: { subject: string }) => e.subject === 'break');
    expect(broke.changes).toEqual([]);
    expect(
      JSON.parse((await runCli(['diff', 'HEAD~2', 'HEAD~1', repo.dir, '--format', 'json'])).stdout).changes,
    ).toEqual([]);
  });

  it('lists the invalid manifest in JSON and notes it in Markdown', async () => {
    const json = JSON.parse((await runCli(['diff', 'HEAD~2', 'HEAD~1', repo.dir, '--format', 'json'])).stdout);
    expect(json.invalid).toEqual([
      {
        side: 'to',
        repo: expect.any(String),
        commit: broken,
        file: 'depmap.yaml',
        line: 5,
        col: 5,
        message: expect.stringContaining('Implicit keys'),
        lastValid: first,
      },
    ]);
    const md = (await runCli(['diff', 'HEAD~2', 'HEAD~1', repo.dir, '--format', 'markdown'])).stdout;
    expect(md).toContain(`> ⚠️ invalid at ${short(broken)} (`);
    expect(md).toContain(`its last valid version (${short(first)}) is compared in its place`);
    expect(JSON.parse((await runCli(['diff', 'HEAD~2', 'HEAD', repo.dir, '--format', 'json'])).stdout).invalid).toEqual(
      [],
    );
  });

  it('does the same between two dates', async () => {
    const r = await runCli(['diff', '--from-date', '2024-03-01', '--to-date', '2024-03-08', repo.dir, '--exit-code']);
    expect(r.stdout).toBe('depmap diff 2024-03-01 → 2024-03-08: no changes\n');
    expect(r.stderr).toContain(`invalid at ${short(broken)} (`);
    expect(r.stderr).toContain(' at 2024-03-08): depmap.yaml:5:5');
    expect(r.code).toBe(0);
  });

  it('leaves out, and says so, a manifest that was never valid before', async () => {
    const late = gitRepo([
      { date: '2024-03-01T10:00:00Z', files: { 'depmap.yaml': BROKEN } },
      { date: '2024-03-02T10:00:00Z', files: { 'depmap.yaml': manifest('4.19.2') } },
    ]);
    const r = await runCli(['diff', 'HEAD~1', 'HEAD', late.dir]);
    expect(r.stdout).toContain('+ component orders (service)');
    expect(r.stderr).toMatch(
      /^depmap: warning: invalid at [0-9a-f]{7} \(.* at HEAD~1\): depmap\.yaml:5:5 .*; no earlier version of it was valid, so it is left out\n$/,
    );
    expect(r.code).toBe(0);
  });
});
