import { describe, it, expect } from 'vitest';
import { checkPin } from '../../src/manifest/pin/index.js';

describe('other purl types fall back to the generic rule', () => {
  it.each([
    ['hex', '2.0.1'], // phoenix
    ['pub', '3.0.5'],
    ['swift', '5.9.0'],
    ['cocoapods', '5.0.1'],
    ['conda', '1.26.4'],
    ['deb', '1.2.3-1ubuntu1'],
    ['rpm', '2:1.0-1.el9'],
    ['helm', '15.5.6'],
    ['generic', '2024.1'],
    ['generic', 'r1234'],
    ['something-new', '1.0'],
  ])('%s %s is pinned', (type, version) => {
    expect(checkPin(type, version)).toEqual({ pinned: true });
  });

  it.each([
    ['hex', '~> 1.2', '"~> 1.2" is a range', 'pin an exact version'],
    ['hex', '~> 1.7.12', '"~> 1.7.12" is a range', 'pin an exact version, e.g. 1.7.12'],
    ['pub', '^1.2.3', '"^1.2.3" is a range', 'pin an exact version, e.g. 1.2.3'],
    ['pub', '>=1.0.0 <2.0.0', '">=1.0.0 <2.0.0" is a range', 'pin an exact version'],
    ['pub', 'any', '"any" names whatever is newest', 'pin an exact version'],
    ['generic', 'latest', '"latest" names whatever is newest', 'pin an exact version'],
    ['generic', 'HEAD', '"HEAD" names whatever is newest', 'pin an exact version'],
    ['generic', '*', '"*" is a wildcard', 'pin an exact version'],
    ['swift', '1.x', '"1.x" is a wildcard', 'pin an exact version'],
    ['generic', '[1,2)', '"[1,2)" is a range', 'pin an exact version'],
    ['generic', '1.2+', '"1.2+" is a range', 'pin an exact version'],
    ['generic', '1 || 2', '"1 || 2" is a range', 'pin an exact version'],
    ['generic', '=1.2.3', '"=1.2.3" is a range', 'pin an exact version, e.g. 1.2.3'],
    ['generic', '1.2.3 beta', '"1.2.3 beta" contains whitespace', 'pin one exact version'],
  ])('%s %s is not pinned', (type, version, reason, hint) => {
    expect(checkPin(type, version)).toEqual({ pinned: false, reason, hint });
  });

  it('trusts a lockfile', () => {
    expect(checkPin('hex', '2.0.1', { syntax: 'resolved' })).toEqual({ pinned: true });
  });
});
