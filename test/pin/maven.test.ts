import { describe, it, expect } from 'vitest';
import { checkPin } from '../../src/manifest/pin/index.js';

describe('maven: exact versions', () => {
  it.each([
    '2.0.13', // slf4j-api
    '33.2.1-jre', // guava
    '4.3.30.RELEASE', // old spring: `.RELEASE` is part of the version, not the meta-version
    '1.0.0.Final',
    'Hoxton.SR12', // spring-cloud BOM
    '2023.0.3',
    '5.10.2',
    'r09',
    '1.0-beta-2',
    '[1.2.3]', // a range of one version
    '[ 1.2.3 ]',
    '1.0-20240101.123456-3', // timestamped snapshot: one deployed artifact
  ])('%s is pinned', (version) => {
    expect(checkPin('maven', version)).toEqual({ pinned: true });
  });
});

describe('maven: ranges, meta-versions, snapshots, properties', () => {
  it.each([
    ['[1.0,2.0)', '"[1.0,2.0)" is a version range', 'pin an exact version'],
    ['[3.8.1,3.9.0)', '"[3.8.1,3.9.0)" is a version range', 'pin an exact version, e.g. 3.8.1'],
    ['(,1.0]', '"(,1.0]" is a version range', 'pin an exact version'],
    ['[1.0,)', '"[1.0,)" is a version range', 'pin an exact version'],
    ['[1.2,1.3],[1.5,)', '"[1.2,1.3],[1.5,)" is a version range', 'pin an exact version'],
    ['[1.5.0,2.0[', '"[1.5.0,2.0[" is a version range', 'pin an exact version, e.g. 1.5.0'], // Gradle
    ['LATEST', '"LATEST" is a meta-version that moves with every release', 'pin an exact version'],
    ['RELEASE', '"RELEASE" is a meta-version that moves with every release', 'pin an exact version'],
    ['latest.release', '"latest.release" is a meta-version that moves with every release', 'pin an exact version'],
    [
      '1.0-SNAPSHOT',
      '"1.0-SNAPSHOT" is a snapshot, redeployed at will',
      'pin a release or a timestamped snapshot version',
    ],
    [
      '[2.1.0-SNAPSHOT]',
      '"[2.1.0-SNAPSHOT]" is a snapshot, redeployed at will',
      'pin a release or a timestamped snapshot version',
    ],
    ['1.2.+', '"1.2.+" is a dynamic version', 'pin an exact version'], // Gradle
    ['+', '"+" is a dynamic version', 'pin an exact version'],
  ])('%s is not pinned', (version, reason, hint) => {
    expect(checkPin('maven', version)).toEqual({ pinned: false, reason, hint });
  });

  it.each(['${spring.version}', '${project.version}', '${jackson.version}-SNAPSHOT'])(
    '%s is an unresolved property',
    (version) => {
      expect(checkPin('maven', version)).toEqual({
        pinned: false,
        reason: `"${version}" is an unresolved property`,
        hint: 'resolve the property to an exact version (see mvn help:effective-pom)',
      });
    },
  );

  it('reads the same in purl syntax, and resolved versions are pinned', () => {
    expect(checkPin('maven', '2.0.13', { syntax: 'purl' })).toEqual({ pinned: true });
    expect(checkPin('maven', '1.0-SNAPSHOT', { syntax: 'purl' }).pinned).toBe(false);
    expect(checkPin('maven', '2.0.13', { syntax: 'resolved' })).toEqual({ pinned: true });
    expect(checkPin('gradle', '1.2.+').pinned).toBe(false);
  });
});
