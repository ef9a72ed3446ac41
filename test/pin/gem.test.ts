import { describe, it, expect } from 'vitest';
import { checkPin } from '../../src/manifest/pin/index.js';

describe('gem: exact versions', () => {
  it.each([
    '7.1.3', // gem "rails", "7.1.3"
    '= 1.16.5', // gem "nokogiri", "= 1.16.5"
    '=7.1.3',
    '7.2.0.beta1',
    '"7.1.3"',
    '= 1.16.5, != 1.16.4', // an exact constraint pins, the others only narrow
  ])('%s is pinned', (version) => {
    expect(checkPin('gem', version)).toEqual({ pinned: true });
  });
});

describe('gem: pessimistic and several constraints', () => {
  it.each([
    ['~> 7.1', '"~> 7.1" is a pessimistic constraint', 'pin an exact version'], // no guess from a two-part operand
    ['~> 7.1.3', '"~> 7.1.3" is a pessimistic constraint', 'pin an exact version, e.g. = 7.1.3'],
    ['"~> 1.1"', '"\\"~> 1.1\\"" is a pessimistic constraint', 'pin an exact version'], // gem "pg", "~> 1.1"
    ['>= 5.0', '">= 5.0" is a minimum version', 'pin an exact version'], // gem "puma", ">= 5.0"
    ['>= 2.2.4', '">= 2.2.4" is a minimum version', 'pin an exact version, e.g. = 2.2.4'],
    ['< 3', '"< 3" is a comparison constraint', 'pin an exact version'],
    ['!= 1.2.3', '"!= 1.2.3" only excludes a version', 'pin an exact version'],
    ['>= 2.2.4, < 3', '">= 2.2.4, < 3" has several constraints', 'pin an exact version'],
    ['">= 2.2.4", "< 3"', '"\\">= 2.2.4\\", \\"< 3\\"" has several constraints', 'pin an exact version'],
    ['latest', '"latest" is not a gem version', 'pin an exact version'],
  ])('%s is not pinned', (version, reason, hint) => {
    expect(checkPin('gem', version)).toEqual({ pinned: false, reason, hint });
  });

  it('purl hints carry no = operator, purl and lockfile versions are pinned', () => {
    expect(checkPin('gem', '~> 7.1.3', { syntax: 'purl' }).hint).toBe('pin an exact version, e.g. 7.1.3');
    expect(checkPin('gem', '7.1', { syntax: 'purl' })).toEqual({ pinned: true });
    expect(checkPin('rubygems', '1.16.5-x86_64-linux', { syntax: 'resolved' })).toEqual({ pinned: true });
  });
});
