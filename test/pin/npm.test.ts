import { describe, it, expect } from 'vitest';
import { LOCAL_PATH, checkPin } from '../../src/manifest/pin/index.js';

const SHA = 'a4bd4373b2c3b2521ee4c499cb8e90e98f78bfa5';
const GIT_HINT = 'pin the full 40-character commit sha after #';

describe('npm: exact versions', () => {
  it.each([
    '4.19.2', // express
    '18.3.1', // react
    '4.17.21', // lodash
    '0.0.1',
    '1.0.0-rc.1',
    '2.0.0-beta.3+build.7',
    '19.0.0-rc-f994737d14-20240522', // react canary
    'v1.2.3',
    '=1.2.3',
    ' 4.19.2 ',
    'npm:lodash@4.17.21',
    'npm:@babel/core@7.24.5',
  ])('%s is pinned', (version) => {
    expect(checkPin('npm', version)).toEqual({ pinned: true });
  });
});

describe('npm: ranges and tags', () => {
  it.each([
    ['^4.19.0', '"^4.19.0" is a caret range', 'pin an exact version, e.g. 4.19.0'],
    ['^20.12.7', '"^20.12.7" is a caret range', 'pin an exact version, e.g. 20.12.7'],
    ['^ 1.2.3', '"^ 1.2.3" is a caret range', 'pin an exact version, e.g. 1.2.3'],
    ['^18', '"^18" is a caret range', 'pin an exact version'],
    ['~5.4.5', '"~5.4.5" is a tilde range', 'pin an exact version, e.g. 5.4.5'],
    ['~1.2', '"~1.2" is a tilde range', 'pin an exact version'],
    ['>=8.0.0', '">=8.0.0" is a comparator range', 'pin an exact version, e.g. 8.0.0'],
    ['>= 1.2.3', '">= 1.2.3" is a comparator range', 'pin an exact version, e.g. 1.2.3'],
    ['<1.0.0', '"<1.0.0" is a comparator range', 'pin an exact version'],
    ['>1.2.3', '">1.2.3" is a comparator range', 'pin an exact version'],
    ['>=1.2.3 <2.0.0', '">=1.2.3 <2.0.0" is a comparator range', 'pin an exact version'],
    ['*', '"*" matches any version', 'pin an exact version'],
    ['x', '"x" matches any version', 'pin an exact version'],
    ['1.x', '"1.x" is a wildcard range', 'pin an exact version'],
    ['1.2.x', '"1.2.x" is a wildcard range', 'pin an exact version'],
    ['1.2.X', '"1.2.X" is a wildcard range', 'pin an exact version'],
    ['1.2.*', '"1.2.*" is a wildcard range', 'pin an exact version'],
    ['2 || 3', '"2 || 3" is a union of ranges', 'pin an exact version'], // rimraf in the wild
    ['^18.2.0 || ^19.0.0', '"^18.2.0 || ^19.0.0" is a union of ranges', 'pin an exact version'],
    ['1.0.0 - 2.9999.9999', '"1.0.0 - 2.9999.9999" is a hyphen range', 'pin an exact version, e.g. 1.0.0'],
    ['1.2', '"1.2" is a partial version (any 1.2.x)', 'pin an exact version'],
    ['1', '"1" is a partial version (any 1.x)', 'pin an exact version'],
    ['=1.2', '"=1.2" is a partial version (any 1.2.x)', 'pin an exact version'],
    ['latest', '"latest" is a dist-tag, which moves with every publish', 'pin an exact version'],
    ['next', '"next" is a dist-tag, which moves with every publish', 'pin an exact version'],
    ['canary', '"canary" is a dist-tag, which moves with every publish', 'pin an exact version'],
  ])('%s is not pinned', (version, reason, hint) => {
    expect(checkPin('npm', version)).toEqual({ pinned: false, reason, hint });
  });
});

describe('npm: aliases follow the aliased version', () => {
  it.each([
    [
      'npm:string-width@^4.2.0',
      '"npm:string-width@^4.2.0" is a caret range',
      'pin an exact version, e.g. npm:string-width@4.2.0',
    ],
    [
      'npm:@scope/x@latest',
      '"npm:@scope/x@latest" is a dist-tag, which moves with every publish',
      'pin an exact version',
    ],
    ['npm:strip-ansi', '"npm:strip-ansi" aliases no version (latest)', 'pin an exact version, e.g. npm:name@1.2.3'],
  ])('%s is not pinned', (version, reason, hint) => {
    expect(checkPin('npm', version)).toEqual({ pinned: false, reason, hint });
  });
});

describe('npm: git specs need a full commit sha', () => {
  it.each([
    `git+https://github.com/isaacs/node-glob.git#${SHA}`,
    `git+ssh://git@github.com:npm/cli.git#${SHA}`,
    `github:expressjs/express#${SHA}`,
    `expressjs/express#${SHA}`,
    `https://github.com/user/repo#${SHA}`,
    `git+https://github.com/org/mono.git#${SHA}::path:packages/a`,
  ])('%s is pinned', (version) => {
    expect(checkPin('npm', version)).toEqual({ pinned: true });
  });

  it.each([
    ['git+https://github.com/isaacs/node-glob.git#v7.2.3', 'is a tag or branch, which can move'],
    ['git://github.com/npm/cli.git#v1.0.27', 'is a tag or branch, which can move'],
    ['github:expressjs/express#4.x', 'is a tag or branch, which can move'],
    ['git+ssh://git@github.com:npm/cli.git#main', 'is a branch'],
    ['git+ssh://git@github.com:npm/cli#semver:^5.0', 'is a git semver range'],
    ['git+https://isaacs@github.com/npm/cli.git', 'follows the default branch'],
    ['expressjs/express', 'follows the default branch'],
    ['git+https://github.com/a/b.git#abc1234', 'is an abbreviated commit sha'],
  ])('%s is not pinned', (version, what) => {
    expect(checkPin('npm', version)).toEqual({ pinned: false, reason: `"${version}" ${what}`, hint: GIT_HINT });
  });
});

describe('npm: urls and local paths', () => {
  it.each(['http://asdf.com/asdf.tar.gz', 'https://cdn.sheetjs.com/xlsx-0.20.2/xlsx-0.20.2.tgz'])(
    'tarball %s is not pinned',
    (version) => {
      expect(checkPin('npm', version)).toEqual({
        pinned: false,
        reason: `"${version}" is a tarball url, whose content can change`,
        hint: 'pin a registry version or a git commit sha',
      });
    },
  );

  it.each([
    'file:../dyl',
    'link:../lib',
    'workspace:*',
    'workspace:^1.2.3',
    'portal:../x',
    './packages/a',
    '../shared',
    '/abs/path',
  ])('%s is a local path', (version) => {
    const verdict = checkPin('npm', version);
    expect(verdict.pinned).toBe(false);
    expect(verdict.reason).toBe(LOCAL_PATH);
    expect(verdict.reason).toBe('local path');
    expect(verdict.hint).toMatch(/^local packages/);
    expect(checkPin('npm', version, { syntax: 'resolved' }).reason).toBe('local path');
  });
});

describe('npm: purl and resolved syntax', () => {
  it.each(['4.19.2', '1.0.0-rc.1'])('purl %s is pinned', (version) => {
    expect(checkPin('npm', version, { syntax: 'purl' })).toEqual({ pinned: true });
  });
  it.each(['^4.19.0', 'latest', '1.2', '1.x'])('purl %s is not pinned', (version) => {
    expect(checkPin('npm', version, { syntax: 'purl' }).pinned).toBe(false);
  });
  it.each(['4.19.2', 'https://registry.npmjs.org/x/-/x-1.0.0.tgz', `git+ssh://git@github.com/npm/cli.git#${SHA}`])(
    'resolved %s is pinned',
    (version) => {
      expect(checkPin('npm', version, { syntax: 'resolved' })).toEqual({ pinned: true });
    },
  );
  it('a lockfile resolving a git dep to a branch is not pinned', () => {
    expect(checkPin('npm', 'git+ssh://git@github.com/npm/cli.git#main', { syntax: 'resolved' }).pinned).toBe(false);
  });
});
