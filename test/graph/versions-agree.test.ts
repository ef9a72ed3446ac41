import { describe, expect, it } from 'vitest';
import { classifyVersions } from '../../src/graph/diff-versions.js';
import { apiVersionSatisfied, compareVersions } from '../../src/graph/find-skew.js';
import { readVersion } from '../../src/graph/read-version.js';

/** Versions as manifests write them, pinned or not; several were read differently by skew and diff. */
const VERSIONS = [
  '4.19.2',
  '4.19.3',
  'v4.19.3',
  '=4.18.0',
  ' 4.19.1 ',
  '^5.0.0',
  '~4.20',
  '>=4.0.0',
  '4.19.2-rc.1',
  '4.19.2+build.5',
  '1.2',
  '1.10.0-r_1',
  '1.9.0',
  '2024-06-20',
  '2023-10-16',
  'latest',
  'main',
  'sha256:aaa',
];

describe('one version reader: skew and diff agree on every pair', () => {
  it.each(VERSIONS.flatMap((a) => VERSIONS.filter((b) => b !== a).map((b) => [a, b] as const)))('%j, %j', (a, b) => {
    const move = classifyVersions(a, b);
    const order = compareVersions(a, b);
    if (move.direction === 'upgrade') expect(order).toBeLessThan(0);
    else if (move.direction === 'downgrade') expect(order).toBeGreaterThan(0);
    // Not ordered by the diff: one side is no version, or both are the same version. Skew
    // then orders them as text too.
    else expect(order).toBe(a.localeCompare(b));
  });

  it('reads range operators as the version they start from, and nothing else as a version', () => {
    expect(readVersion('^5.0.0')?.version).toBe('5.0.0');
    expect(readVersion(' =4.18.0 ')?.version).toBe('4.18.0');
    expect(readVersion('1.2')?.version).toBe('1.2.0');
    expect(readVersion('4.19.2-rc.1')?.version).toBe('4.19.2-rc.1');
    for (const text of ['latest', 'main', 'sha256:aaa', '1.10.0-r_1', '2.x', ''])
      expect(readVersion(text)).toBe(undefined);
    // A consumer of `^3.0.0` is served by 3.2.0, as the diff reads `^3.0.0` as 3.0.0.
    expect(apiVersionSatisfied('^3.0.0', ['3.2.0'])).toBe(true);
    expect(apiVersionSatisfied('^4.0.0', ['3.2.0'])).toBe(false);
  });
});
