import { describe, it, expect } from 'vitest';
import { checkPin } from '../../src/manifest/pin/index.js';

const SHA = '2eb0c0978d290a1c45346a1955188929cb4e5db7';
const BRANCH_HINT = 'pin a tagged release, or the branch at a commit: dev-main#<40-hex sha>';

describe('composer: exact versions', () => {
  it.each([
    '3.5.0', // monolog/monolog
    'v6.4.8', // symfony/console
    '2.4.0.1', // four parts
    '1.2', // composer reads it as 1.2.0.0 exactly
    '1.0.0-RC1',
    '2.0.0-beta.2',
    '1.2.3-p1',
    '1.2.3@beta', // a stability flag does not loosen an exact version
    `dev-main#${SHA}`, // a branch at a commit
    '1.2.3 as 1.0.x-dev', // inline alias: the left side counts
  ])('%s is pinned', (version) => {
    expect(checkPin('composer', version)).toEqual({ pinned: true });
  });
});

describe('composer: ranges and branches', () => {
  it.each([
    ['^2.0', '"^2.0" is a caret range', 'pin an exact version'],
    ['^10.10', '"^10.10" is a caret range', 'pin an exact version'], // laravel/framework
    ['^7.2.1', '"^7.2.1" is a caret range', 'pin an exact version, e.g. 7.2.1'],
    ['~2.5', '"~2.5" is a tilde range', 'pin an exact version'], // doctrine/orm
    ['>=8.1', '">=8.1" is a comparator range', 'pin an exact version'], // php
    ['6.4.*', '"6.4.*" is a wildcard range', 'pin an exact version'],
    ['1.0.*@dev', '"1.0.*@dev" is a wildcard range', 'pin an exact version'],
    ['*', '"*" matches any version', 'pin an exact version'],
    ['@dev', '"@dev" matches any version of that stability', 'pin an exact version'],
    ['1.0 - 2.0', '"1.0 - 2.0" is a hyphen range', 'pin an exact version'],
    ['^1.0 || ^2.0', '"^1.0 || ^2.0" is a union of ranges', 'pin an exact version'],
    ['^1.0 | ^2.0', '"^1.0 | ^2.0" is a union of ranges', 'pin an exact version'],
    ['>=1.0 <2.0', '">=1.0 <2.0" is a comparator range', 'pin an exact version'],
    ['>=1.0,<2.0', '">=1.0,<2.0" is a range', 'pin an exact version'],
    ['!=1.2.3', '"!=1.2.3" only excludes a version', 'pin an exact version'],
    ['foo', '"foo" is not a version constraint', 'pin an exact version'],
    ['dev-master', '"dev-master" is a branch', BRANCH_HINT],
    ['dev-feature/foo', '"dev-feature/foo" is a branch', BRANCH_HINT],
    ['dev-main as 1.0.x-dev', '"dev-main as 1.0.x-dev" is a branch', BRANCH_HINT],
    ['1.x-dev', '"1.x-dev" is a development branch', BRANCH_HINT],
    ['dev-main#v1.2', '"dev-main#v1.2" is a tag or branch, which can move', BRANCH_HINT],
  ])('%s is not pinned', (version, reason, hint) => {
    expect(checkPin('composer', version)).toEqual({ pinned: false, reason, hint });
  });
});

describe('composer: resolved syntax', () => {
  it('a lockfile version is pinned, a lockfile branch still needs its commit', () => {
    expect(checkPin('composer', '3.5.0', { syntax: 'resolved' })).toEqual({ pinned: true });
    expect(checkPin('composer', `dev-main#${SHA}`, { syntax: 'resolved' })).toEqual({ pinned: true });
    expect(checkPin('composer', 'dev-main', { syntax: 'resolved' }).pinned).toBe(false);
  });
});
