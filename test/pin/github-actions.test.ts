import { describe, it, expect } from 'vitest';
import { checkPin } from '../../src/manifest/pin/index.js';

// uses: actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7
const SHA = '692973e3d937129bcbf40652eb9f2f61becf3332';

describe('github actions', () => {
  it.each([
    ['githubactions', SHA],
    ['githubactions', SHA.toUpperCase()],
    ['github', SHA],
    ['github-actions', SHA],
  ])('%s %s is pinned', (type, version) => {
    expect(checkPin(type, version)).toEqual({ pinned: true });
  });

  it.each([
    [
      'v4',
      '"v4" is a tag or branch, which can move',
      'pin the full 40-character commit sha and keep "v4" in a comment',
    ],
    [
      'v4.1.7',
      '"v4.1.7" is a tag or branch, which can move',
      'pin the full 40-character commit sha and keep "v4.1.7" in a comment',
    ],
    ['main', '"main" is a branch', 'pin the full 40-character commit sha and keep "main" in a comment'],
    [
      'release/v1',
      '"release/v1" is a tag or branch, which can move',
      'pin the full 40-character commit sha and keep "release/v1" in a comment',
    ],
    ['692973e', '"692973e" is an abbreviated commit sha', 'use the full 40-character commit sha'],
  ])('%s is not pinned', (version, reason, hint) => {
    expect(checkPin('githubactions', version)).toEqual({ pinned: false, reason, hint });
  });

  it.each(['native', 'purl', 'resolved'] as const)('a tag is not pinned in %s syntax', (syntax) => {
    expect(checkPin('githubactions', 'v4', { syntax }).pinned).toBe(false);
    expect(checkPin('githubactions', SHA, { syntax })).toEqual({ pinned: true });
  });

  it('treats the purl spec github example, an abbreviated commit, as unpinned', () => {
    expect(checkPin('github', '244fd47e07d1004', { syntax: 'purl' }).reason).toBe(
      '"244fd47e07d1004" is an abbreviated commit sha',
    );
  });
});
