import { describe, it, expect } from 'vitest';
import { checkPin } from '../../src/manifest/pin/index.js';

describe('nuget: exact ranges', () => {
  it.each(['[13.0.3]', '[ 13.0.3 ]', '[1.0]', '[4.0.0.1]', '[2.1.0-preview.1]', '[8.0.0-rc.2.23479.6]'])(
    '%s is pinned',
    (version) => {
      expect(checkPin('nuget', version)).toEqual({ pinned: true });
    },
  );
});

describe('nuget: minimums, ranges, floating versions', () => {
  it.each([
    // <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
    ['13.0.3', '"13.0.3" is a minimum version in nuget', 'pin an exact version, e.g. [13.0.3]'],
    ['8.0.0', '"8.0.0" is a minimum version in nuget', 'pin an exact version, e.g. [8.0.0]'],
    ['[1.0,2.0)', '"[1.0,2.0)" is a version range', 'pin an exact version'],
    ['[6.0.0,7.0.0)', '"[6.0.0,7.0.0)" is a version range', 'pin an exact version, e.g. [6.0.0]'],
    ['(,1.0]', '"(,1.0]" is a version range', 'pin an exact version'],
    ['(1.0,)', '"(1.0,)" is a version range', 'pin an exact version'],
    ['1.*', '"1.*" is a floating version', 'pin an exact version'],
    ['13.0.*', '"13.0.*" is a floating version', 'pin an exact version'],
    ['1.0.0-*', '"1.0.0-*" is a floating version', 'pin an exact version'],
    ['*', '"*" is a floating version', 'pin an exact version'],
    ['latest', '"latest" is not a nuget version', 'pin an exact version'],
  ])('%s is not pinned', (version, reason, hint) => {
    expect(checkPin('nuget', version)).toEqual({ pinned: false, reason, hint });
  });
});

describe('nuget: purl and resolved syntax', () => {
  it.each(['13.0.3', '[13.0.3]', '4.0.0.1'])('purl %s is pinned', (version) => {
    expect(checkPin('nuget', version, { syntax: 'purl' })).toEqual({ pinned: true });
  });
  it.each(['1.*', '[1.0,2.0)', 'latest'])('purl %s is not pinned', (version) => {
    expect(checkPin('nuget', version, { syntax: 'purl' }).pinned).toBe(false);
  });
  it('packages.lock.json versions are pinned', () => {
    expect(checkPin('nuget', '13.0.3', { syntax: 'resolved' })).toEqual({ pinned: true });
  });
});
