import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRepoHistory } from '../../src/history/repo-history.js';
import { tempDir } from '../helpers/fs.js';
// @ts-expect-error: plain JavaScript shared with the benchmark
import { makeRepo } from '../../bench/history/make-repo.mjs';

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
