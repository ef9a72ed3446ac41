import { describe, it, expect } from 'vitest';
import { checkPin } from '../../src/manifest/pin/index.js';

const HINT = 'pin an exact module version, e.g. v1.2.3 or a pseudo-version';

describe('golang: module versions', () => {
  it.each([
    'v1.9.1', // github.com/gin-gonic/gin
    'v0.21.0', // golang.org/x/net
    'v1.0.0-rc.1',
    'v2.0.0+incompatible',
    'v0.0.0-20240101120000-abcdef123456', // pseudo-version
    'v1.2.4-0.20191109021931-daa7c04131f5', // pseudo-version after a tag
    'v0.0.0-20231016165738-49dd2c1f3d0b',
    'a4bd4373b2c3b2521ee4c499cb8e90e98f78bfa5', // a full commit
  ])('%s is pinned', (version) => {
    expect(checkPin('golang', version)).toEqual({ pinned: true });
  });

  it.each([
    ['latest', '"latest" is a version query', HINT],
    ['upgrade', '"upgrade" is a version query', HINT],
    ['patch', '"patch" is a version query', HINT],
    ['>=v1.2.0', '">=v1.2.0" is a version query', HINT],
    ['master', '"master" is a branch', HINT],
    ['main', '"main" is a branch', HINT],
    ['v1', '"v1" is a partial version (newest v1.x)', HINT],
    ['v1.9', '"v1.9" is a partial version (newest v1.9.x)', HINT],
    ['1.9.1', '"1.9.1" lacks the v prefix', 'add the v prefix: v1.9.1'],
    ['v1.2.3+meta', '"v1.2.3+meta" is not a canonical module version', HINT],
    ['v01.2.3', '"v01.2.3" is not a canonical module version', HINT],
    [
      '234fd47e07d1004f0aed9c',
      '"234fd47e07d1004f0aed9c" is an abbreviated commit',
      'use the pseudo-version go get records for it',
    ],
  ])('%s is not pinned', (version, reason, hint) => {
    expect(checkPin('golang', version)).toEqual({ pinned: false, reason, hint });
  });

  it('accepts the abbreviated commit of the purl spec example in purl syntax', () => {
    expect(checkPin('golang', '234fd47e07d1004f0aed9c', { syntax: 'purl' })).toEqual({ pinned: true });
    expect(checkPin('golang', 'v1.9.1', { syntax: 'purl' })).toEqual({ pinned: true });
    expect(checkPin('golang', 'latest', { syntax: 'purl' }).pinned).toBe(false);
  });

  it('accepts go as an alias and trusts go.sum in resolved syntax', () => {
    expect(checkPin('go', 'master').pinned).toBe(false);
    expect(checkPin('golang', 'v1.9.1', { syntax: 'resolved' })).toEqual({ pinned: true });
  });
});
