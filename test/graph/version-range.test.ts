import { describe, expect, it } from 'vitest';
import { compareVersions, parseRange, RangeSyntaxError } from '../../src/graph/version-range/index.js';
import { UsageError } from '../../src/errors.js';

/** [ecosystem, range, versions it matches, versions it does not]: real advisories where there is one. */
type Case = [string, string, string[], string[]];

const cases: Case[] = [
  // Log4Shell (CVE-2021-44228): fixed in 2.15.0, and for old Javas in 2.12.2 and 2.3.1.
  ['maven', '<2.15.0', ['2.14.1', '2.0-beta9', '2.0', '2.15.0-rc1', '2.15.0-SNAPSHOT', '1.2.17'], ['2.15.0', '2.17.1']],
  ['maven', '[2.0-beta9,2.15.0)', ['2.14.1', '2.0-beta9', '2.0-rc1', '2.0', '2.12.1'], ['2.15.0', '2.0-beta8', '1.2']],
  [
    'maven',
    '[2.0-beta9,2.3.1),[2.4,2.12.2),[2.13.0,2.15.0)',
    ['2.3.0', '2.4', '2.4.1', '2.12.1', '2.13.0', '2.14.1'],
    ['2.3.1', '2.3.2', '2.12.2', '2.12.4', '2.15.0', '2.17.1', '2.0-beta8'],
  ],
  ['maven', '(,2.15.0)', ['2.14.1', '1.0'], ['2.15.0', '2.15']],
  ['maven', '(,1.0],[1.2,)', ['0.9', '1.0', '1.2', '3'], ['1.1', '1.0.1']],
  ['maven', '[2.17.1]', ['2.17.1', '2.17.1.0'], ['2.17.0', '2.17.2', '2.17.1-SNAPSHOT']],
  ['maven', '2.17.1', ['2.17.1', '2.17.1-ga', '2.17.1.final'], ['2.17.2', '2.17.10']],
  ['maven', '>=2.0, <2.15.0', ['2.0', '2.14.1'], ['2.0-beta9', '2.15.0']],
  ['maven', '>=2.0 <2.15.0 || [2.17.0,2.17.1)', ['2.14.1', '2.17.0'], ['2.15.0', '2.17.1']],
  // jackson-databind, four-part versions; Spring's .RELEASE is a release.
  ['maven', '[2.9.0,2.9.10.8)', ['2.9.0', '2.9.10', '2.9.10.7'], ['2.9.10.8', '2.10.0', '2.8.11']],
  ['maven', '[5.3.0,5.3.18)', ['5.3.17', '5.3.0.RELEASE'], ['5.3.18', '5.3.0-RC1', '5.2.19.RELEASE']],
  ['maven', '<5.2.20.RELEASE', ['5.2.19.RELEASE', '5.2.19'], ['5.2.20', '5.2.20.RELEASE']],

  // Django CVE-2022-34265: <3.2.14 and >=4.0a1,<4.0.6.
  ['pypi', '<3.2.14', ['3.2.13', '3.2', '2.2.28', '3.2.13rc1'], ['3.2.14', '4.0']],
  ['pypi', '>=4.0a1,<4.0.6', ['4.0', '4.0.5', '4.0rc1', '4.0a1'], ['4.0.6', '3.2.13', '4.1']],
  ['pypi', '>= 4.0a1 < 4.0.6', ['4.0.5'], ['4.0.6']],
  ['pypi', '<2.0,>=1.4', ['1.4', '1.9.9', '1.5.post1'], ['2.0', '1.3']],
  ['pypi', '~=1.4.2', ['1.4.2', '1.4.9'], ['1.5', '1.4.1']],
  ['pypi', '==1.*', ['1.0', '1.9.3'], ['2.0', '0.9']],
  ['pypi', '!=1.5', ['1.4', '1.5.1'], ['1.5', '1.5.0']],
  ['pypi', '1.5', ['1.5', '1.5.0'], ['1.5.1']],
  ['pypi', '<1.0 || >=2.0', ['0.9', '2.1'], ['1.5']],
  // PEP 440: `<5.4` does not take 5.4's own prereleases (PyYAML, CVE-2020-14343).
  ['pypi', '<5.4', ['5.3.1', '5.1b3'], ['5.4b1', '5.4']],

  ['npm', '<4.17.21', ['4.17.20', 'v4.17.20', '4.17', '4.17.21-rc.1', '1.0.0-SNAPSHOT'], ['4.17.21', '5.0.0']],
  ['npm', '^1.2', ['1.2.0', '1.9.9'], ['2.0.0', '1.1.9', '2.0.0-rc.1']],
  ['npm', '>=1 <2 || 3.x', ['1.0.0', '1.5.3', '3.9.0'], ['2.0.0', '4.0.0', '0.9.0']],
  ['npm', '>=1, <2', ['1.5.0'], ['0.9.0', '2.0.0']],
  ['npm', '1.2 - 1.4', ['1.2.0', '1.4.9'], ['1.5.0']],
  ['npm', '>=4.0.0 !=4.17.5', ['4.17.4', '4.17.6'], ['4.17.5']],
  ['npm', '~> 1.2', ['1.2.5'], ['1.3.0']],

  // golang.org/x/crypto, fixed in a pseudo-version (GO-2021-0356 style).
  [
    'golang',
    '<v0.0.0-20211202192323-5770296d904e',
    ['v0.0.0-20210921155107-089bfa567519', 'v0.0.0-20211202192323-000000000000'],
    ['v0.0.0-20211202192323-5770296d904e', 'v0.17.0', 'v0.0.0-20220112180741-5e0467b6c7ce'],
  ],
  ['golang', '<v1.2.3', ['v1.2.2', 'v1.2.3-0.20210101000000-abcdefabcdef', 'v1.2.3-rc.1', 'v1', 'v1.2'], ['v1.2.3']],
  ['golang', '>=1.0.0, <1.5.0', ['v1.0.0', 'v1.4.9', '1.4.9'], ['v1.5.0', 'v0.9.0']],
  // A pseudo-version after v1.2.3 sorts after it and before v1.2.4.
  ['golang', '>v1.2.3 <v1.2.4', ['v1.2.4-0.20220101000000-abcdefabcdef'], ['v1.2.3', 'v1.2.4']],
  ['golang', '>=v2.0.0, <v2.1.0', ['v2.0.0+incompatible', 'v2.0.5+incompatible'], ['v2.1.0+incompatible']],
  ['golang', 'v2', ['v2.0.0', 'v2.0.0+incompatible'], ['v2.0.1']],

  ['cargo', '1.2', ['1.2.0', '1.9.0'], ['2.0.0', '1.1.9']],
  ['cargo', '0.3', ['0.3.0', '0.3.9'], ['0.4.0']],
  ['cargo', '~1.2', ['1.2.0', '1.2.9'], ['1.3.0']],
  ['cargo', '>=1, <2', ['1.0.0', '1.99.0'], ['2.0.0', '0.9.0']],
  ['cargo', '=1.2.3', ['1.2.3'], ['1.2.4']],
  ['cargo', '*', ['0.1.0', '9.0.0'], ['latest']],
  ['cargo', '1.*', ['1.0.0', '1.9.0'], ['2.0.0']],
  // smallvec RUSTSEC-2021-0003: >=0.6.3, <0.6.14 and >=1.0.0, <1.6.1.
  ['cargo', '>=0.6.3, <0.6.14 || >=1.0.0, <1.6.1', ['0.6.13', '1.6.0'], ['0.6.14', '1.6.1', '0.6.2']],

  // Rails: ~> 5.2.0 is >= 5.2.0, < 5.3.
  ['gem', '~> 5.2.0', ['5.2.0', '5.2.8.1'], ['5.3.0', '5.1.9', '5.2.0.rc1', '5.3.0.beta1']],
  ['gem', '~> 2.1', ['2.1', '2.9.9'], ['3.0', '2.0.9']],
  ['gem', '~> 2', ['2.0', '2.9'], ['3.0', '1.9']],
  ['gem', '>= 1.0, < 2', ['1.0', '1.9.9', '1.0.0'], ['2', '2.0', '0.9', '1.0.a']],
  ['gem', '!= 1.5', ['1.4', '1.5.1'], ['1.5', '1.5.0']],
  ['gem', '< 6.1.7.1', ['6.1.7', '6.1.7.1.rc1'], ['6.1.7.1', '6.1.7.2']],
  ['gem', '1.13.4', ['1.13.4', '1.13.4.0'], ['1.13.5']],

  // Newtonsoft.Json CVE-2024-21907: fixed in 13.0.1.
  ['nuget', '(,13.0.1)', ['12.0.3', '13.0.1-beta1'], ['13.0.1', '13.0.3']],
  ['nuget', '[1.0,2.0)', ['1.0', '1.0.0.0', '1.5.2'], ['2.0', '0.9', '1.0.0-rc.1']],
  ['nuget', '[13.0.1]', ['13.0.1', '13.0.1.0', '13.0.1+build.5'], ['13.0.2']],
  ['nuget', '13.0.1', ['13.0.1'], ['13.0.2', '13.0.0']],
  ['nuget', '<13.0.1 || [14.0,14.1)', ['12.0.3', '14.0.5'], ['13.0.1', '14.1']],
  ['nuget', '>=1.0.0-beta, <1.0.0', ['1.0.0-Beta', '1.0.0-beta.2', '1.0.0-rc'], ['1.0.0-alpha', '1.0.0']],

  ['composer', '>=5.0, <5.4.31', ['5.0', '5.4.30', 'v5.4.30'], ['5.4.31', '4.4.0', 'dev-master']],
  ['docker', '<1.25', ['1.24', '1.24-alpine', '1.24.0'], ['1.25', '1.25-alpine', 'latest', 'sha256:abc']],
  ['github', '<v4', ['v3', 'v3.5.2', '3'], ['v4', 'v4.1.0', 'main']],
  ['generic', '>=1.0-rc1 <1.0.1', ['1.0-rc1', '1.0', '1.0.0', '1.0-alpine'], ['1.0-beta', '1.0.1']],
  ['generic', '!=2.0 || <1', ['2.1', '0.5'], ['2.0', '2.0.0']],
];

describe('parseRange(...).matches', () => {
  it.each(cases)('%s %j', (ecosystem, text, inside, outside) => {
    const range = parseRange(ecosystem, text);
    expect(range.ecosystem).toBe(ecosystem);
    expect(range.text).toBe(text);
    expect(inside.filter((v) => !range.matches(v))).toEqual([]);
    expect(outside.filter((v) => range.matches(v))).toEqual([]);
  });

  it('reads the ecosystem without regard to case', () => {
    expect(parseRange('Maven', '<2.15.0').matches('2.15.0-rc1')).toBe(true);
  });

  const odd = [
    '',
    ' ',
    'latest',
    'main',
    '^4.19.0',
    '~1.2',
    '>=1.0',
    '${project.version}',
    'sha256:4ad8e3b7a58a7d5b',
    'LATEST',
    '1'.repeat(400),
    '1.2.3.4.5.6.7.8.9',
    '\u0000',
    '0x10',
  ];
  const ecosystems = ['npm', 'maven', 'pypi', 'golang', 'cargo', 'gem', 'nuget', 'composer', 'docker'];

  it.each(ecosystems)('%s: never throws on odd versions, and does not match what it cannot read', (ecosystem) => {
    const range = parseRange(ecosystem, '<99999');
    for (const version of odd) expect(() => range.matches(version)).not.toThrow();
    for (const version of ['', ' ', 'latest', 'main', '^4.19.0', '${project.version}', 'sha256:4ad8e3b7a58a7d5b'])
      expect([version, range.matches(version)]).toEqual([version, false]);
    expect(range.matches(undefined as unknown as string)).toBe(false);
  });
});

describe('parseRange: syntax errors', () => {
  const bad: [string, string, RegExp][] = [
    ['maven', '', /empty/],
    ['npm', '   ', /empty/],
    ['maven', '<<1', /"<" is not followed by a version/],
    ['maven', '[1.0', /no closing "\]" or "\)"/],
    ['maven', '[1.0,2.0', /no closing/],
    ['maven', '(1.0)', /square brackets, as in "\[1.0\]"/],
    ['maven', '[2.0,1.0]', /holds no version/],
    ['maven', '(,)', /needs a lower or an upper bound/],
    ['maven', '[1,2,3]', /more than two versions/],
    ['maven', '[1.0,2.0) garbage', /separate intervals with ","/],
    ['maven', '~>', /"~>" is not a maven operator/],
    ['maven', 'foo', /"foo" is not a maven version/],
    ['maven', '>=1.0,', /ends with a comma/],
    ['maven', '1.0 ||', /alternative of "\|\|" is empty/],
    ['maven', '1.0 | 2.0', /single "\|"/],
    ['nuget', '[1.0,2.0),[3.0,4.0)', /join intervals with "\|\|"/],
    ['nuget', 'abc', /"abc" is not a nuget version/],
    ['gem', '~>', /"~>" is not followed by a version/],
    ['gem', '^1.2', /"\^" is not a gem operator/],
    ['pypi', '~=1', /not a PEP 440 specifier/],
    ['pypi', '<<1', /"<" is not followed by a version/],
    ['npm', '<<1', /not an npm range/],
    ['npm', 'latest', /not an npm range/],
    ['npm', '~>', /not an npm range/],
    ['npm', '!=foo', /"foo" is not an npm version/],
    // node-semver's loose mode would read this as `>=1.2.3` and drop the rest.
    ['npm', '>=1.2.3 latest', /not an npm range/],
    ['cargo', '1.2.3.4', /not a cargo range/],
    ['maven', '[1.0,2.0)]', /separate intervals with ","/],
    ['cargo', '^abc', /not a cargo range/],
    ['golang', '<vX', /"vX" is not a golang version/],
    ['golang', '^1.2', /"\^" is not a golang operator/],
    ['composer', '~>', /"~>" is not a composer operator/],
    ['composer', '^1.2', /"\^" is not a composer operator/],
    ['docker', '1.0 - 2.0', /"-" is not a docker version/],
    ['generic', ', 1.0', /"," where a version or an operator should be/],
  ];

  it.each(bad)('%s %j', (ecosystem, text, problem) => {
    let error: unknown;
    try {
      parseRange(ecosystem, text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RangeSyntaxError);
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).toMatch(problem);
    expect(message).toContain(`${ecosystem} version range ${JSON.stringify(text)}`);
    // An example of valid syntax for that ecosystem, which itself parses.
    const example = /look like "([^"]+)"/.exec(message)?.[1];
    expect(example).toBeDefined();
    expect(() => parseRange(ecosystem, example as string)).not.toThrow();
  });

  it('says what a maven range looks like', () => {
    expect(() => parseRange('maven', '[1.0')).toThrow(
      'maven version range "[1.0": no closing "]" or ")"; valid maven ranges look like "[2.0-beta9,2.15.0)", "(,2.15.0)", "[2.17.1]", "<2.15.0" or ">=2.0, <2.15.0"',
    );
  });
});

/** Each list in ascending order; `=` between two entries marks them equal. */
const orders: [string, string[]][] = [
  [
    'maven',
    // Maven's own ComparableVersion test lists.
    [
      '1-alpha2snapshot',
      '1-alpha2',
      '1-alpha-123',
      '1-beta-2',
      '1-beta123',
      '1-m2',
      '1-m11',
      '1-rc',
      '1-cr2',
      '1-rc123',
      '1-SNAPSHOT',
      '1',
      '1-sp',
      '1-sp2',
      '1-sp123',
      '1-abc',
      '1-def',
      '1-pom-1',
      '1-1-snapshot',
      '1-1',
      '1-2',
      '1-123',
      '1.1',
    ],
  ],
  [
    'maven',
    [
      '2.0',
      '2-1',
      '2.0.a',
      '2.0.0.a',
      '2.0.2',
      '2.0.123',
      '2.1.0',
      '2.1-a',
      '2.1b',
      '2.1-c',
      '2.1-1',
      '2.1.0.1',
      '2.2',
      '2.123',
      '11.a2',
      '11.a11',
      '11.b2',
      '11.b11',
      '11.m2',
      '11.m11',
      '11',
      '11.a',
      '11b',
      '11c',
      '11m',
    ],
  ],
  ['maven', ['1-alpha', '1-beta', '1-milestone', '1-rc', '=', '1-cr', '1-snapshot', '1', '=', '1-ga', '1-sp']],
  ['maven', ['1.0-alpha-1', '1.0-alpha-2', '1.0-beta-1', '1.0-SNAPSHOT', '1.0', '1.0-1', '1.0-2', '2.0-1', '2.0.1']],
  ['maven', ['2.0.1', '2.0.1-klm', '2.0.1-lmn', '2.0.1-xyz', '2.0.1-123', '99999999999999999999', '${x}', 'LATEST']],
  ['maven', ['1', '=', '1.0', '=', '1.0.0', '=', '1-0', '=', '1.0-0', '=', '1ga', '=', '1final', '=', '1.release']],
  [
    'maven',
    ['1a1', '=', '1alpha1', '=', '1-alpha-1', '=', '1.0-ALPHA1', '1b2', '=', '1beta2', '1m3', '=', '1MileStone3'],
  ],
  [
    'maven',
    ['2.0-beta9', '2.0-rc1', '2.0', '2.3', '2.3.1', '2.4', '2.12.1', '2.12.2', '2.14.1', '2.15.0-rc1', '2.15.0'],
  ],
  ['pypi', ['1.0.dev1', '1.0a1', '1.0b2', '1.0rc1', '1.0', '=', '1.0.0', '1.0.post1', '1.1', '2!0.1', 'latest']],
  [
    'npm',
    ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta', '1.0.0', '=', 'v1.0.0', '=', '1', '1.0.1', '1.10.0', '^2.0.0'],
  ],
  [
    'golang',
    [
      'v0.0.0-20210921155107-089bfa567519',
      'v0.0.0-20211202192323-5770296d904e',
      'v0.0.0',
      'v0.17.0',
      'v1.2.3',
      'v1.2.4-0.20220101000000-abcdefabcdef',
      'v1.2.4',
      'v2',
      '=',
      'v2.0.0+incompatible',
      'master',
    ],
  ],
  ['cargo', ['0.6.13', '0.6.14', '1.0.0-rc.1', '1.0.0', '1.6.1']],
  ['gem', ['1.0.a', '1.0.b1', '1.0', '=', '1', '=', '1.0.0', '1.0.1', '1.1', '5.2.0.rc1', '5.2.0', '5.2.8.1', '5.10']],
  // `-` reads as `.pre.`, as Gem::Version does.
  ['gem', ['1.0.0.pre.1', '=', '1.0.0-1', '1.0.0.pre.2', '1.0.0', '1.0.0.1']],
  [
    'nuget',
    ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '=', '1.0.0-BETA', '1.0.0-beta.2'].concat([
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '=',
      '1.0',
      '=',
      '1.0.0.0',
      '=',
      '1.0.0+build',
      '1.0.0.1',
      '1.0.1',
      '13.0.1',
    ]),
  ],
  [
    'composer',
    ['1.0-dev', '1.0-alpha1', '1.0-beta', '1.0-RC1', '1.0', '=', '1.0.0', '1.0-patch1', '1.0.1', 'v1.2', '10'],
  ],
  ['docker', ['1.24', '1.24-alpine', '1.24.1', '1.25', 'latest', 'sha256:abc']],
];

function ascending(list: string[]): [string, string, number][] {
  const rows: [string, string, number][] = [];
  const rank: number[] = [];
  const versions: string[] = [];
  let r = 0;
  for (const entry of list) {
    if (entry === '=') continue;
    if (versions.length && list[list.indexOf(entry) - 1] !== '=') r++;
    versions.push(entry);
    rank.push(r);
  }
  for (let i = 0; i < versions.length; i++)
    for (let j = 0; j < versions.length; j++)
      rows.push([versions[i] as string, versions[j] as string, Math.sign((rank[i] as number) - (rank[j] as number))]);
  return rows;
}

describe('compareVersions', () => {
  it.each(orders)('%s %j', (ecosystem, list) => {
    const got = ascending(list).map(([a, b]) => [a, b, compareVersions(ecosystem, a, b)]);
    expect(got).toEqual(ascending(list));
  });

  it('puts versions it cannot read after those it can, as text', () => {
    const sorted = ['latest', '2.0', 'main', '10.0', '1.0'].sort((a, b) => compareVersions('maven', a, b));
    expect(sorted).toEqual(['1.0', '2.0', '10.0', 'latest', 'main']);
    expect(compareVersions('npm', '^4.19.0', '4.19.0')).toBe(1);
  });

  it('is a total order on odd versions too: antisymmetric and transitive', () => {
    const versions = ['1.0', '1', 'v1', '1.0-rc1', '1.0.0-SNAPSHOT', 'latest', '', '^1.0', '2', '1.0.a', '1.0+b'];
    for (const ecosystem of ['npm', 'maven', 'pypi', 'golang', 'cargo', 'gem', 'nuget', 'docker']) {
      const c = (a: string, b: string) => compareVersions(ecosystem, a, b);
      for (const a of versions)
        for (const b of versions) {
          expect([a, b, Math.sign(c(a, b)) + Math.sign(c(b, a))]).toEqual([a, b, 0]);
          for (const x of versions) if (c(a, b) <= 0 && c(b, x) <= 0) expect(c(a, x)).toBeLessThanOrEqual(0);
        }
    }
  });
});
