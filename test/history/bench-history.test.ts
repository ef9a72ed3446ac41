import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRepoHistory } from '../../src/history/repo-history.js';
import { tempDir } from '../helpers/fs.js';
import { gitRepo } from '../helpers/git.js';
// @ts-expect-error: plain JavaScript shared with the benchmark
import { makeRepo, manifestVersions } from '../../bench/history/make-repo.mjs';

describe("a long history (the benchmark's generator, 400 commits)", () => {
  const dir = makeRepo(path.join(tempDir(), 'repo'), 400, 11) as string;

  it('gives the same events with the shortcuts (entry-level parse and diff) as without', async () => {
    const quick = await readRepoHistory(dir);
    const exact = await readRepoHistory(dir, { shortcuts: false });
    expect(quick.commits).toBe(exact.commits);
    expect(quick.events.length).toBeGreaterThan(390);
    expect(quick.events).toEqual(exact.events);
    // Nearly every version was parsed from the entries that changed.
    expect(quick.incremental).toBeGreaterThan(380);
    expect(exact.incremental).toBe(0);
  });
});

describe('versions that come back long after (more than the parsed versions kept)', () => {
  it('are read again and give the same events as without the shortcuts', async () => {
    const texts = manifestVersions(60, 5) as string[];
    // 40 versions, back to the 1st, 5 more, back to the 20th, then the rest.
    const order = [...texts.slice(0, 40), texts[0], ...texts.slice(40, 45), texts[19], ...texts.slice(45)] as string[];
    const { dir } = gitRepo(
      order.map((text, i) => ({
        files: { 'depmap.yaml': text },
        message: `v${i}`,
        date: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
      })),
    );
    const quick = await readRepoHistory(dir);
    const exact = await readRepoHistory(dir, { shortcuts: false });
    expect(quick.events).toEqual(exact.events);
    // The revert to the first version undoes what the 39 commits after it changed.
    const revert = quick.events.find((e) => e.subject === 'v40');
    expect(revert?.changes.length).toBeGreaterThan(3);
    // Each new content is parsed once; the two that came back were let go and are parsed again.
    const changed = order.filter((text, i) => i === 0 || text !== order[i - 1]).length;
    expect(new Set(order).size).toBe(changed - 2);
    expect(quick.parsed).toBe(changed);
  });
});

describe('a monorepo whose manifests change in turn (more of them than the parsed versions kept)', () => {
  it("still parses each version from its path's last one, and gives the events of the exact path", async () => {
    const names = Array.from({ length: 24 }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
    const manifest = (name: string, round: number) =>
      `depmap: 1\nname: ${name}\nkind: service\nlibraries:\n  - pkg:npm/express@4.${round}.0\n  - pkg:npm/pg@8.12.0\n`;
    const commits = [
      { files: Object.fromEntries(names.map((n) => [`${n}/depmap.yaml`, manifest(n, 0)])), message: 'all' },
      ...[1, 2, 3, 4].flatMap((round) =>
        names.map((n) => ({ files: { [`${n}/depmap.yaml`]: manifest(n, round) }, message: `${n} ${round}` })),
      ),
    ];
    const { dir } = gitRepo(commits);
    const quick = await readRepoHistory(dir);
    const exact = await readRepoHistory(dir, { shortcuts: false });
    expect(quick.events).toEqual(exact.events);
    expect(quick.events).toHaveLength(1 + 24 * 4);
    // Every version after a path's first, from its changed entry.
    expect(quick.incremental).toBe(24 * 4);
  });
});

describe('a history walked in windows (versions parsed ahead a window at a time, blobs let go after their last read)', () => {
  it('gives the events of the exact path across every window edge, with no blob read again', async () => {
    const v = (name: string, n: number) =>
      `depmap: 1\nname: ${name}\nkind: service\nlibraries:\n  - pkg:npm/express@4.${n}.0\n  - pkg:npm/pg@8.${n % 3}.0\n`;
    const commits = [
      { files: { 'a/depmap.yaml': v('a', 0), 'b/depmap.yaml': v('b', 0) } },
      ...Array.from({ length: 12 }, (_, i) => ({ files: { 'a/depmap.yaml': v('a', i + 1) } })),
      { files: { 'a/depmap.yaml': v('a', 2) } }, // back to a version eleven commits old
      { files: { 'b/depmap.yaml': null } },
      { files: { 'a/depmap.yaml': v('a', 20) } },
      { files: { 'b/depmap.yaml': v('b', 0) } }, // added back as it was
      { files: { 'b/depmap.yaml': 'depmap: 1\nname: b\nkind: [broken\n' } },
      { files: { 'b/depmap.yaml': v('b', 5) } },
      { files: {}, rename: [['a/depmap.yaml', 'c/depmap.yaml']] as [string, string][] },
      { files: { 'c/depmap.yaml': v('a', 21), 'd/depmap.yaml': v('b', 5) } }, // d: the same blob as b
      ...Array.from({ length: 9 }, (_, i) => ({
        files: { 'd/depmap.yaml': v('d', i), 'c/depmap.yaml': v('a', 30 + i) },
      })),
    ];
    const { dir } = gitRepo(commits);
    const exact = await readRepoHistory(dir, { shortcuts: false });
    const whole = await readRepoHistory(dir, { window: 1000 });
    expect(whole.events).toEqual(exact.events);
    expect(whole.events.length).toBeGreaterThan(25);
    for (const window of [1, 2, 3, 7]) {
      const windowed = await readRepoHistory(dir, { window });
      expect(windowed.events, `windows of ${window}`).toEqual(exact.events);
      // Read once: a blob let go too early would make the walk read every version again.
      expect([windowed.parsed, windowed.incremental], `windows of ${window}`).toEqual([
        whole.parsed,
        whole.incremental,
      ]);
    }
    expect(whole.incremental).toBeGreaterThan(15);
  });
});
