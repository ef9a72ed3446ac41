import { describe, it, expect } from 'vitest';
import { checkPin } from '../../src/manifest/pin/index.js';

const SHA = 'a81bbbf8298c0fa03ea29cdc473d45769f953675';
const HINT = 'pin the full 40-character commit sha';

describe('git', () => {
  it.each([SHA, 'e'.repeat(64) /* SHA-256 repository */])('%s is pinned', (version) => {
    expect(checkPin('git', version)).toEqual({ pinned: true });
    expect(checkPin('bitbucket', version)).toEqual({ pinned: true });
  });

  it.each([
    ['main', '"main" is a branch'],
    ['master', '"master" is a branch'],
    ['v1.2.3', '"v1.2.3" is a tag or branch, which can move'],
    ['feature/login', '"feature/login" is a tag or branch, which can move'],
    ['a81bbbf', '"a81bbbf" is an abbreviated commit sha'],
    [SHA.slice(0, 39), `"${SHA.slice(0, 39)}" is an abbreviated commit sha`],
  ])('%s is not pinned', (version, reason) => {
    expect(checkPin('git', version)).toEqual({ pinned: false, reason, hint: HINT });
  });

  it('a lockfile resolving a git dep to a branch is not pinned', () => {
    expect(checkPin('git', 'main', { syntax: 'resolved' }).pinned).toBe(false);
    expect(checkPin('git', SHA, { syntax: 'resolved' })).toEqual({ pinned: true });
  });
});
