import { describe, it, expect } from 'vitest';
import { checkPin } from '../../src/manifest/pin/index.js';

describe('cargo: exact requirements', () => {
  it.each(['=1.0.197', '= 1.0.197', '=0.12.4', '=1.0.0-alpha.1', '=1.2.3+build', '=1.2.3, <2'])(
    '%s is pinned',
    (version) => {
      expect(checkPin('cargo', version)).toEqual({ pinned: true });
    },
  );
});

describe('cargo: a bare version is a caret requirement', () => {
  it.each([
    ['1.0.197', '"1.0.197" is a caret requirement in cargo', 'pin an exact version, e.g. =1.0.197'], // serde = "1.0.197"
    ['1.0', '"1.0" is a caret requirement in cargo', 'pin an exact version'], // serde = "1.0"
    ['1', '"1" is a caret requirement in cargo', 'pin an exact version'], // tokio = { version = "1" }
    ['^1.0', '"^1.0" is a caret requirement', 'pin an exact version'],
    ['^0.12.4', '"^0.12.4" is a caret requirement', 'pin an exact version, e.g. =0.12.4'],
    ['~1.2.3', '"~1.2.3" is a tilde requirement', 'pin an exact version, e.g. =1.2.3'],
    ['*', '"*" is a wildcard requirement', 'pin an exact version'],
    ['1.2.*', '"1.2.*" is a wildcard requirement', 'pin an exact version'],
    ['>=0.12', '">=0.12" is a minimum version', 'pin an exact version'],
    ['<2', '"<2" is a comparison requirement', 'pin an exact version'],
    ['>=1.2, <1.5', '">=1.2, <1.5" is a range', 'pin an exact version'],
    ['=1.2', '"=1.2" is a partial version (any 1.2.x)', 'pin an exact version'],
    ['latest', '"latest" is not a version requirement', 'pin an exact version'],
  ])('%s is not pinned', (version, reason, hint) => {
    expect(checkPin('cargo', version)).toEqual({ pinned: false, reason, hint });
  });
});

describe('cargo: purl and resolved syntax', () => {
  it.each(['1.0.197', '=1.0.197', '0.1.0-alpha.2'])('purl %s is pinned', (version) => {
    expect(checkPin('cargo', version, { syntax: 'purl' })).toEqual({ pinned: true });
  });
  it.each([
    ['1.0', '"1.0" is a partial version', 'pin an exact version'],
    ['^1.2.3', '"^1.2.3" is a caret requirement', 'pin an exact version, e.g. 1.2.3'],
  ])('purl %s is not pinned', (version, reason, hint) => {
    expect(checkPin('cargo', version, { syntax: 'purl' })).toEqual({ pinned: false, reason, hint });
  });
  it('Cargo.lock versions are pinned', () => {
    expect(checkPin('cargo', '1.0.197', { syntax: 'resolved' })).toEqual({ pinned: true });
  });
});
