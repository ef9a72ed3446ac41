/** Ranges as manifests write them against locked versions: true, false, or unknown (never a guess). */
import { describe, expect, it } from 'vitest';
import { rangeSatisfies } from '../../src/importers/range-satisfies.js';

describe('rangeSatisfies', () => {
  it.each([
    ['npm', '^4.18.0', '4.19.2', true],
    ['npm', '^5.0.0', '4.18.2', false],
    ['npm', '~1.2.0', '1.3.0', false],
    ['npm', '', '1.0.0', true],
    ['npm', 'github:user/repo', '1.0.0', undefined],
    ['cargo', '1.2', '1.9.0', true],
    ['cargo', '1.2', '2.0.0', false],
    ['cargo', '>=1.2, <1.5', '1.5.0', false],
    ['pypi', '>=1.4.54,<2.0', '1.4.54', true],
    ['pypi', '>=1.4.54,<2.0', '2.0.0', false],
    ['pypi', '~=2.1', '2.9', true],
    ['pypi', '~=2.1', '3.0', false],
    ['pypi', '~=2.1.3', '2.2.0', false],
    ['pypi', '==1.2.*', '1.2.7', true],
    ['pypi', '!=1.2.0', '1.2.0', false],
    ['pypi', '1.2.3', '1.2.3', true],
    ['pypi', '>=1.0', '1.1rc1', undefined],
    ['pypi', '^1.2', '1.3', undefined],
    ['gem', '~> 1.2', '1.3', undefined],
  ] as const)('%s %s against %s', (ecosystem, range, version, expected) => {
    expect(rangeSatisfies(ecosystem, range, version)).toBe(expected);
  });
});
