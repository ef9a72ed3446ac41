import { describe, it, expect } from 'vitest';
import { checkApiVersionPin } from '../../src/manifest/pin/index.js';

const HINT = 'pin one api version, e.g. 2.1.0 or 2024-06-20';

describe('api versions', () => {
  it.each([
    '2.1.0',
    '3.2.0',
    'v2',
    '3',
    '1.2',
    '2.1.0-beta.1',
    'v1beta1', // Kubernetes / Google
    'v2alpha1',
    '2024-06-20', // Stripe
    '2024-09-30.acacia', // Stripe, with release name
    '2022-11-28', // GitHub REST
    '2023-06-01', // Anthropic
    '2023-05-01-preview', // Azure
    ' 2.1.0 ',
  ])('%s is pinned', (version) => {
    expect(checkApiVersionPin(version)).toEqual({ pinned: true });
  });

  it.each([
    ['^2', '"^2" is a range', HINT],
    ['^2.1.0', '"^2.1.0" is a range', 'pin one api version, e.g. 2.1.0'],
    ['~2.1', '"~2.1" is a range', HINT],
    ['>=1', '">=1" is a range', HINT],
    ['1 - 2', '"1 - 2" is a range', HINT],
    ['1 || 2', '"1 || 2" is a range', HINT],
    ['[1,2)', '"[1,2)" is a range', HINT],
    ['2.x', '"2.x" is a wildcard', HINT],
    ['2.*', '"2.*" is a wildcard', HINT],
    ['*', '"*" is a wildcard', HINT],
    ['latest', '"latest" names whatever version is current', HINT],
    ['current', '"current" names whatever version is current', HINT],
    ['Beta', '"Beta" names whatever version is current', HINT],
    ['acacia', '"acacia" does not name a version', HINT],
    ['v 2', '"v 2" contains whitespace', HINT],
  ])('%s is not pinned', (version, reason, hint) => {
    expect(checkApiVersionPin(version)).toEqual({ pinned: false, reason, hint });
  });

  it.each([undefined, '', '  '])('%j is not pinned', (version) => {
    expect(checkApiVersionPin(version)).toEqual({ pinned: false, reason: 'no version', hint: HINT });
  });
});
