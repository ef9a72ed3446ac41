import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDir } from '../helpers/fs.js';
import { depmap } from './run.js';

const manifest = (libraries: string[], preamble = '') =>
  `depmap: 1\nname: shop\nkind: service\n${preamble}libraries:\n${libraries.map((l) => `  - ${l}\n`).join('')}`;

describe('the baseline life cycle', () => {
  it('writes known violations, ignores them later, reports new ones and flags stale entries', async () => {
    const dir = testDir({ 'depmap.yaml': manifest(['pkg:npm/lodash@^4.17.21', 'pkg:npm/left-pad@^1.3.0']) });
    const file = path.join(dir, 'depmap-baseline.json');

    // 1. Accept today's violations.
    const write = await depmap(['check', '--update-baseline'], dir);
    expect(write.code).toBe(0);
    expect(write.stderr).toBe('depmap: wrote depmap-baseline.json with 2 known violations\n');
    const baseline = JSON.parse(readFileSync(file, 'utf8'));
    expect(baseline.violations.map((v: { subject: string }) => v.subject)).toEqual([
      'pkg:npm/left-pad',
      'pkg:npm/lodash',
    ]);

    // 2. The next run knows them, even after lines were added above them.
    writeFileSync(
      path.join(dir, 'depmap.yaml'),
      manifest(['pkg:npm/express@4.19.2', 'pkg:npm/lodash@^4.17.21', 'pkg:npm/left-pad@^1.3.0'], 'owner: team-shop\n'),
    );
    const known = await depmap(['check'], dir);
    expect(known).toMatchObject({ code: 0 });
    expect(known.stdout).toBe(
      'depmap check: no violations in 1 manifest (2 known in the baseline); passes (--fail-on error)\n',
    );

    // 3. A new violation fails the run, alone.
    writeFileSync(
      path.join(dir, 'depmap.yaml'),
      manifest(['pkg:npm/lodash@^4.17.21', 'pkg:npm/left-pad@^1.3.0', 'pkg:npm/axios@^1.7.2']),
    );
    const fresh = await depmap(['check'], dir);
    expect(fresh.code).toBe(1);
    expect(fresh.stdout).toContain('pkg:npm/axios');
    expect(fresh.stdout).not.toContain('pkg:npm/lodash');
    expect(fresh.stdout).toContain(
      'depmap check: 1 error, 0 warnings in 1 manifest (2 known in the baseline); fails (--fail-on error)',
    );

    // 4. A fixed violation leaves a stale entry, reported so the baseline can shrink.
    writeFileSync(path.join(dir, 'depmap.yaml'), manifest(['pkg:npm/lodash@4.17.21', 'pkg:npm/left-pad@^1.3.0']));
    const stale = await depmap(['check'], dir);
    expect(stale.code).toBe(0);
    expect(stale.stdout).toBe(
      [
        '1 baseline entry no longer occurs; drop it with `depmap check --update-baseline`:',
        '  depmap.yaml  unpinned  pkg:npm/lodash',
        '',
        'depmap check: no violations in 1 manifest (1 known in the baseline, 1 stale baseline entry); passes (--fail-on error)',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await depmap(['check', '--format', 'json'], dir)).stdout);
    expect(json.stale).toEqual([
      expect.objectContaining({ rule: 'unpinned', path: 'depmap.yaml', subject: 'pkg:npm/lodash' }),
    ]);
    expect(json.known).toHaveLength(1);

    // 5. Updating drops it; --no-baseline shows everything again.
    await depmap(['check', '--update-baseline'], dir);
    expect(JSON.parse(readFileSync(file, 'utf8')).violations).toHaveLength(1);
    expect((await depmap(['check'], dir)).stdout).not.toContain('stale');
    expect((await depmap(['check', '--no-baseline'], dir)).code).toBe(1);
  });

  it('uses the file given with --baseline, and refuses a broken one', async () => {
    const dir = testDir({ 'depmap.yaml': manifest(['pkg:npm/lodash@^4.17.21']) });
    expect((await depmap(['check', '--update-baseline', '--baseline', 'ci/known.json'], dir)).code).toBe(0);
    expect((await depmap(['check', '--baseline', 'ci/known.json'], dir)).code).toBe(0);
    expect((await depmap(['check'], dir)).code).toBe(1);
    expect(await depmap(['check', '--baseline', 'missing.json'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('cannot read baseline missing.json'),
    });
    writeFileSync(path.join(dir, 'depmap-baseline.json'), '{"format": "something-else"}');
    expect(await depmap(['check'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is not a depmap baseline'),
    });
  });
});
