import { describe, it, expect } from 'vitest';
import { checkPin } from '../../src/manifest/pin/index.js';

describe('pypi: exact specifiers', () => {
  it.each([
    '==2.31.0', // requests
    '===2.31.0',
    '== 2.31.0',
    '==2.1.0+cu118', // torch local version
    '==1.0.0rc1',
    '==2.0.0.post1',
    '==1!2.0', // epoch
    '==4.2.13 ; python_version >= "3.8"',
    '==2.31.0; sys_platform == "linux"',
    '==2.31.0 --hash=sha256:942c5a758f98d790eaed1a29cb6eefc7ffb0d1cf7af05c3d2791656dbd6ad1e1',
    '==2.31.0,!=2.30.0', // an exact clause pins, the others only narrow
    '2.31.0', // Poetry reads a bare version as exact
  ])('%s is pinned', (version) => {
    expect(checkPin('pypi', version)).toEqual({ pinned: true });
  });
});

describe('pypi: ranges and missing versions', () => {
  it.each([
    ['==1.2.*', '"==1.2.*" is a prefix match (any 1.2.*)', 'pin an exact version'],
    ['~=1.4.2', '"~=1.4.2" is a compatible-release range', 'pin an exact version, e.g. ==1.4.2'],
    ['~=2.2', '"~=2.2" is a compatible-release range', 'pin an exact version'],
    ['>=2.0.0', '">=2.0.0" is a minimum version', 'pin an exact version, e.g. ==2.0.0'],
    ['>=2.0', '">=2.0" is a minimum version', 'pin an exact version'],
    ['>=4.2,<5.0', '">=4.2,<5.0" is a range', 'pin an exact version'], // Django
    ['>=1.26.0, <2', '">=1.26.0, <2" is a range', 'pin an exact version'],
    ['!=2.0.0', '"!=2.0.0" only excludes a version', 'pin an exact version'],
    ['<3', '"<3" is a range', 'pin an exact version'],
    ['>1.0', '">1.0" is a range', 'pin an exact version'],
    ['^2.1.0', '"^2.1.0" is a caret range', 'pin an exact version, e.g. ==2.1.0'], // Poetry
    ['~1.2', '"~1.2" is a tilde range', 'pin an exact version'], // Poetry
    ['*', '"*" matches any version', 'pin an exact version'], // Pipfile
    [">=1.0 ; sys_platform == 'win32'", '">=1.0" is a minimum version', 'pin an exact version'],
    ['==latest', '"==latest" is not a PEP 440 version', 'pin an exact version (==<version>)'],
    ['latest', '"latest" is not a PEP 440 version', 'pin an exact version (==<version>)'],
    ["; python_version < '3.8'", 'no version', 'pin an exact version (==<version>)'],
  ])('%s is not pinned', (version, reason, hint) => {
    expect(checkPin('pypi', version)).toEqual({ pinned: false, reason, hint });
  });

  it.each([undefined, '', '   '])('a bare name (version %j) is not pinned', (version) => {
    expect(checkPin('pypi', version)).toEqual({ pinned: false, reason: 'no version', hint: 'pin an exact version' });
  });
});

describe('pypi: purl and resolved syntax', () => {
  it.each(['2.31.0', '1.0.0rc1', '2.1.0+cu118'])('purl %s is pinned', (version) => {
    expect(checkPin('pypi', version, { syntax: 'purl' })).toEqual({ pinned: true });
    expect(checkPin('pypi', version, { syntax: 'resolved' })).toEqual({ pinned: true });
  });
  it('purl hints carry no == operator', () => {
    expect(checkPin('pypi', '~=1.4.2', { syntax: 'purl' }).hint).toBe('pin an exact version, e.g. 1.4.2');
  });
  it.each(['>=2.0', '==1.2.*', 'latest'])('purl %s is not pinned', (version) => {
    expect(checkPin('pypi', version, { syntax: 'purl' }).pinned).toBe(false);
  });
});
