import { describe, it, expect } from 'vitest';
import { checkApiVersionPin, checkImagePin, checkPin } from '../../src/manifest/pin/index.js';
import type { PinVerdict } from '../../src/manifest/types.js';

describe('checkPin dispatch', () => {
  it.each([
    'npm',
    'pypi',
    'maven',
    'golang',
    'cargo',
    'gem',
    'nuget',
    'composer',
    'docker',
    'oci',
    'github',
    'githubactions',
    'git',
    'generic',
    'hex',
  ])('a missing or blank %s version is not pinned', (type) => {
    for (const version of [undefined, '', ' \t']) {
      for (const syntax of ['native', 'purl', 'resolved'] as const) {
        expect(checkPin(type, version, { syntax })).toEqual({
          pinned: false,
          reason: 'no version',
          hint: 'pin an exact version',
        });
      }
    }
  });

  it.each([
    ['go', 'master'],
    ['gradle', '1.2.+'],
    ['pip', '>=2.0'],
    ['rubygems', '~> 7.1'],
    ['crates', '1.0'],
    ['NPM', '^1.2.3'],
    ['PyPI', '>=2.0'],
  ])('accepts %s as an ecosystem name', (ecosystem, version) => {
    expect(checkPin(ecosystem, version).pinned).toBe(false);
    expect(checkPin(ecosystem, version).reason).not.toMatch(/names whatever|is a range$/);
  });

  it('reads native syntax by default', () => {
    expect(checkPin('cargo', '1.0.197')).toEqual(checkPin('cargo', '1.0.197', { syntax: 'native' }));
    expect(checkPin('cargo', '1.0.197').pinned).toBe(false);
    expect(checkPin('nuget', '13.0.3').pinned).toBe(false);
  });

  it.each([
    ['cargo', '1.0.197'],
    ['nuget', '13.0.3'],
    ['pypi', '2.31.0'],
    ['gem', '7.1.3'],
    ['maven', '2.0.13'],
    ['npm', '4.19.2'],
    ['composer', '3.5.0'],
    ['golang', 'v1.9.1'],
    ['hex', '2.0.1'],
  ])('a bare %s version is exact in purl syntax', (type, version) => {
    expect(checkPin(type, version, { syntax: 'purl' })).toEqual({ pinned: true });
  });

  it.each([
    ['cargo', '^1.2'],
    ['nuget', '[1.0,2.0)'],
    ['pypi', '>=1'],
    ['gem', '~> 7.1'],
    ['maven', 'LATEST'],
    ['npm', 'latest'],
    ['composer', '1.x-dev'],
    ['golang', 'latest'],
    ['hex', '~> 1.2'],
    ['generic', '*'],
  ])('a %s range stays unpinned in purl syntax', (type, version) => {
    expect(checkPin(type, version, { syntax: 'purl' }).pinned).toBe(false);
  });

  it.each([
    ['cargo', '1.0.197'],
    ['nuget', '13.0.3'],
    ['pypi', '2.31.0'],
    ['maven', '2.0.13'],
    ['npm', '4.19.2'],
    ['gem', '7.1.3'],
  ])('a %s lockfile version is pinned', (type, version) => {
    expect(checkPin(type, version, { syntax: 'resolved' })).toEqual({ pinned: true });
  });

  it('shares one frozen verdict for every pin', () => {
    const a = checkPin('npm', '4.19.2');
    expect(a).toBe(checkPin('maven', '2.0.13'));
    expect(Object.isFrozen(a)).toBe(true);
  });
});

/** A sample of every unpinned verdict shape, to hold all messages to the same style. */
const UNPINNED: Array<[string, PinVerdict]> = [
  ...[
    ['npm', '^4.19.0'],
    ['npm', 'latest'],
    ['npm', '1.2'],
    ['npm', '1.x'],
    ['npm', '*'],
    ['npm', '2 || 3'],
    ['npm', '1 - 2'],
    ['npm', 'file:../x'],
    ['npm', 'github:a/b#main'],
    ['npm', 'npm:x'],
    ['npm', 'http://x.com/a.tgz'],
    ['npm', 'a/b#semver:^1'],
    ['pypi', '==1.2.*'],
    ['pypi', '~=1.4.2'],
    ['pypi', '>=1,<2'],
    ['pypi', '!=1'],
    ['pypi', 'latest'],
    ['pypi', '*'],
    ['maven', '[1.0,2.0)'],
    ['maven', 'LATEST'],
    ['maven', '1.0-SNAPSHOT'],
    ['maven', '${v}'],
    ['maven', '1.+'],
    ['maven', 'a b'],
    ['golang', 'latest'],
    ['golang', 'master'],
    ['golang', 'v1'],
    ['golang', '1.9.1'],
    ['golang', 'abc1234'],
    ['golang', 'x y'],
    ['cargo', '1.0'],
    ['cargo', '^1'],
    ['cargo', '~1.2.3'],
    ['cargo', '*'],
    ['cargo', '>=1, <2'],
    ['cargo', '=1.2'],
    ['cargo', '<2'],
    ['gem', '~> 7.1'],
    ['gem', '>= 1'],
    ['gem', '!= 1'],
    ['gem', '< 3'],
    ['gem', '>= 1, < 2'],
    ['gem', 'latest'],
    ['nuget', '13.0.3'],
    ['nuget', '[1.0,2.0)'],
    ['nuget', '1.*'],
    ['nuget', 'latest'],
    ['composer', 'dev-master'],
    ['composer', '1.x-dev'],
    ['composer', '^2.0'],
    ['composer', '@dev'],
    ['composer', '!=1'],
    ['composer', 'a|b'],
    ['githubactions', 'v4'],
    ['githubactions', 'abc1234'],
    ['git', 'main'],
    ['git', ''],
    ['docker', 'latest'],
    ['docker', '16'],
    ['docker', 'sha256:abc'],
    ['docker', '${TAG}'],
    ['hex', '~> 1.2'],
    ['generic', 'latest'],
    ['generic', '1.x'],
    ['generic', 'a b'],
  ].map(([type, version]): [string, PinVerdict] => [`${type} ${version}`, checkPin(type!, version)]),
  ['docker digest 16.3', checkPin('docker', '16.3', { docker: 'digest' })],
  ...['redis', 'redis:latest', 'node:20', 'x@sha256:1', 'a:${T}', 'a b', ''].flatMap(
    (image): Array<[string, PinVerdict]> => [
      [`image ${image} exact`, checkImagePin(image, 'exact')],
      [`image ${image} digest`, checkImagePin(image, 'digest')],
    ],
  ),
  ...['^2', 'latest', '2.x', 'acacia', 'v 2', '', undefined].map((v): [string, PinVerdict] => [
    `api ${v}`,
    checkApiVersionPin(v),
  ]),
];

describe('message style', () => {
  it.each(UNPINNED)('%s: a short reason and a hint, lower-case start, no trailing period', (_label, verdict) => {
    expect(verdict.pinned).toBe(false);
    for (const text of [verdict.reason, verdict.hint]) {
      expect(text).toBeTypeOf('string');
      expect(text).not.toBe('');
      expect(text).not.toMatch(/^[A-Z]|[.\s]$/);
      expect(text!.length).toBeLessThan(200);
    }
  });
});
