/**
 * `depmap exposure` on real git histories: who depended on a library in a version range, from
 * which commit to which, what they moved to, their owner and callers; Maven's own ranges and
 * order; a range that does not parse is a usage error; with --discover, the years before a
 * repo had a manifest count too (a pom.xml's history).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { gitRepo } from '../helpers/git.js';
import { makeOrg } from '../helpers/org-history.js';
import { parseSnapshot } from '../../src/graph/snapshot.js';

const LOG4J = 'pkg:maven/org.apache.logging.log4j/log4j-core';

interface Answer {
  components: {
    component: string;
    repo: string;
    owner?: string;
    intervals: {
      versions: string[];
      from: { author: string; date: string };
      to?: { author: string; subject: string };
      leftTo?: { version?: string; removed?: true };
    }[];
    callers?: { component: string; repo: string }[];
  }[];
  unreadable: { version: string }[];
}

const pom = (version: string) => `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>billing</artifactId>
  <version>1.0.0</version>
  <dependencies>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-core</artifactId>
      <version>${version}</version>
    </dependency>
  </dependencies>
</project>
`;

describe('exposure', () => {
  const org = makeOrg();
  const repos = [path.join(org, 'shop'), path.join(org, 'front')];

  it('answers who ran log4j-core < 2.15.0 on 2021-12-10, when it came in and who fixed it; exit 1 when exposed', async () => {
    const result = await runCli([
      'exposure',
      LOG4J,
      ...repos,
      '--versions',
      '<2.15.0',
      '--at',
      '2021-12-10',
      '--callers',
      '--format',
      'json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const answer = JSON.parse(result.stdout) as Answer;
    expect(answer.components).toHaveLength(1);
    const [checkout] = answer.components;
    expect(checkout).toMatchObject({ component: 'checkout', repo: 'shop', owner: 'team-checkout' });
    expect(checkout?.intervals).toHaveLength(1);
    const [interval] = checkout?.intervals ?? [];
    expect(interval?.versions).toEqual(['2.14.0', '2.14.1']);
    expect(interval?.from.author).toBe('Alice');
    expect(interval?.to).toMatchObject({ author: 'Carol', subject: 'fix CVE-2021-44228' });
    expect(interval?.leftTo).toEqual({ version: '2.15.0' });
    expect(checkout?.callers).toEqual([expect.objectContaining({ component: 'web', repo: 'front' })]);
  });

  it("uses Maven's interval syntax and order: 2.16.0 is outside [2.0-beta9,2.16.0), 2.15.0 inside", async () => {
    const result = await runCli(['exposure', LOG4J, ...repos, '--versions', '[2.0-beta9,2.16.0)', '--format', 'json']);
    const answer = JSON.parse(result.stdout) as Answer;
    expect(answer.components.map((c) => c.component)).toEqual(['checkout']);
    expect(answer.components[0]?.intervals[0]?.versions).toEqual(['2.14.0', '2.14.1', '2.15.0']);
    expect(answer.components[0]?.intervals[0]?.to).toBeUndefined();
  });

  it('nobody exposed on a date after the fix is exit 0, said in words', async () => {
    const result = await runCli(['exposure', LOG4J, ...repos, '--versions', '<2.15.0', '--at', '2022-01-01']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/: 0 components exposed/);
  });

  it('a version in the purl means exactly that one; a removed dependency ends an interval', async () => {
    const result = await runCli(['exposure', 'pkg:npm/express@4.17.1', repos[0] as string, '--format', 'json']);
    const answer = JSON.parse(result.stdout) as Answer;
    expect(answer.components[0]?.intervals).toEqual([
      expect.objectContaining({ versions: ['4.17.1'], leftTo: { removed: true } }),
    ]);
  });

  it('text and markdown show the interval with its commits', async () => {
    const text = await runCli(['exposure', LOG4J, ...repos, '--versions', '<2.15.0']);
    expect(text.stdout).toMatch(/^checkout \(repo shop, owner team-checkout\)$/m);
    expect(text.stdout).toMatch(
      /2\.14\.0, 2\.14\.1 {2}from 2021-01-05 [0-9a-f]{12} \(Alice\) {2}until 2021-12-11 [0-9a-f]{12} \(Carol: moved to 2\.15\.0\)/,
    );
    const md = await runCli(['exposure', LOG4J, ...repos, '--versions', '<2.15.0', '--format', 'markdown']);
    expect(md.stdout).toMatch(/\| `checkout` \| `shop` \| team-checkout \| 2\.14\.0, 2\.14\.1 \| 2021-01-05 /);
  });

  it('a range that does not parse, or a purl that is not one, is a usage error (exit 2)', async () => {
    const range = await runCli(['exposure', LOG4J, ...repos, '--versions', '[2.0,']);
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/--versions "\[2\.0," is not a maven version range/);
    const purl = await runCli(['exposure', 'log4j-core', ...repos]);
    expect(purl.code).toBe(2);
    expect(purl.stderr).toMatch(/is not a package URL/);
    const both = await runCli(['exposure', `${LOG4J}@2.14.1`, ...repos, '--versions', '<2.15.0']);
    expect(both.code).toBe(2);
  });

  it('with --discover, a repo without a manifest is exposed from its pom.xml history', async () => {
    const legacy = gitRepo(
      [
        {
          date: '2021-03-01T10:00:00Z',
          author: 'Fay <fay@example.com>',
          message: 'billing',
          files: { 'pom.xml': pom('2.12.1') },
        },
        {
          date: '2021-12-14T10:00:00Z',
          author: 'Gus <gus@example.com>',
          message: 'log4j 2.17.0',
          files: { 'pom.xml': pom('2.17.0') },
        },
      ],
      path.join(tempDir('depmap-exposure-'), 'billing'),
    );
    const result = await runCli([
      'exposure',
      LOG4J,
      legacy.dir,
      '--versions',
      '<2.15.0',
      '--discover',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(1);
    const answer = JSON.parse(result.stdout) as Answer;
    expect(answer.components).toHaveLength(1);
    expect(answer.components[0]?.intervals[0]).toMatchObject({
      versions: ['2.12.1'],
      from: { author: 'Fay' },
      to: { author: 'Gus' },
      leftTo: { version: '2.17.0' },
    });
  });
});

describe('exposure through a lockfile, before adoption', () => {
  const lock = (lodash: string) =>
    JSON.stringify({
      name: 'web',
      lockfileVersion: 3,
      packages: {
        '': { name: 'web', dependencies: { express: '4.18.2' } },
        'node_modules/express': { version: '4.18.2', dependencies: { lodash: '^4.17.0' } },
        'node_modules/lodash': { version: lodash },
      },
    });
  const pkg = JSON.stringify({ name: 'web', dependencies: { express: '4.18.2' } });

  it('finds a vulnerable transitive package and the lockfile bump that left it', async () => {
    const repo = gitRepo(
      [
        {
          date: '2021-01-10T10:00:00Z',
          author: 'Hal <hal@example.com>',
          message: 'web',
          files: {
            'docker-compose.yml': 'services:\n  web:\n    build: .\n',
            'package.json': pkg,
            'package-lock.json': lock('4.17.20'),
          },
        },
        {
          date: '2021-03-01T10:00:00Z',
          author: 'Ivy <ivy@example.com>',
          message: 'npm audit fix',
          files: { 'package-lock.json': lock('4.17.21') },
        },
      ],
      path.join(tempDir('depmap-exposure-'), 'web'),
    );
    const result = await runCli([
      'exposure',
      'pkg:npm/lodash',
      repo.dir,
      '--versions',
      '<4.17.21',
      '--discover',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(1);
    const answer = JSON.parse(result.stdout) as Answer;
    expect(answer.components.map((c) => c.component)).toEqual(['web']);
    expect(answer.components[0]?.intervals[0]).toMatchObject({
      versions: ['4.17.20'],
      from: { author: 'Hal' },
      to: { author: 'Ivy', subject: 'npm audit fix' },
      leftTo: { version: '4.17.21' },
    });
  });
});

describe('exposure: what a demanding review found', () => {
  const manifest = (libs: string[], calls: string[] = []) =>
    [
      'depmap: 1',
      'name: checkout',
      'kind: service',
      'owner: team-a',
      'libraries:',
      ...libs.map((l) => `  - ${l}`),
      ...(calls.length > 0 ? ['services:', ...calls.map((c) => `  - { name: ${c}, protocol: http }`)] : []),
      '',
    ].join('\n');

  it('follows an edge whose scope changes, to its fix and its removal', async () => {
    const repo = gitRepo([
      {
        date: '2021-01-05T09:00:00Z',
        author: 'Alice <a@x>',
        message: 'a',
        files: { 'depmap.yaml': manifest([`${LOG4J}@2.14.0`]) },
      },
      {
        date: '2021-06-01T09:00:00Z',
        author: 'Bob <b@x>',
        message: 'b',
        files: { 'depmap.yaml': manifest([`{ purl: "${LOG4J}@2.14.1", scope: runtime }`]) },
      },
      {
        date: '2021-12-11T09:00:00Z',
        author: 'Carol <c@x>',
        message: 'fix',
        files: { 'depmap.yaml': manifest([`{ purl: "${LOG4J}@2.15.0", scope: runtime }`]) },
      },
      {
        date: '2022-03-01T09:00:00Z',
        author: 'Dan <d@x>',
        message: 'drop',
        files: { 'depmap.yaml': manifest(['pkg:npm/express@4.18.2']) },
      },
    ]);
    const late = await runCli(['exposure', LOG4J, repo.dir, '--versions', '<2.15.0', '--at', '2022-06-01']);
    expect(late.code).toBe(0);
    const all = JSON.parse(
      (await runCli(['exposure', LOG4J, repo.dir, '--versions', '<2.15.0', '--format', 'json'])).stdout,
    ) as Answer;
    expect(all.components[0]?.intervals).toEqual([
      expect.objectContaining({
        versions: ['2.14.0', '2.14.1'],
        to: expect.objectContaining({ author: 'Carol' }),
        leftTo: { version: '2.15.0' },
      }),
    ]);
    const blame = await runCli(['blame', 'checkout', 'log4j-core', repo.dir]);
    expect(blame.code).toBe(0);
    expect(blame.stdout.match(/^checkout → /gm)).toHaveLength(1);
    expect(blame.stdout).toMatch(/Dan {2}removed/);
  });

  it('a purl no component ever had is exit 2 with the nearest, not "0 exposed"', async () => {
    const org = makeOrg();
    const result = await runCli([
      'exposure',
      'pkg:maven/org.apache.logging.log4j/log4j_core',
      path.join(org, 'shop'),
      '--versions',
      '<2.15.0',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /no component depended on pkg:maven\/org\.apache\.logging\.log4j\/log4j_core.*\n.*did you mean "pkg:maven\/org\.apache\.logging\.log4j\/log4j-core"/,
    );
  });

  it('reads a PyPI pin (==2.31.0) as its version, and names a range left in a manifest', async () => {
    const repo = gitRepo([
      {
        date: '2023-01-05T09:00:00Z',
        files: {
          'depmap.yaml': manifest([
            '{ ecosystem: pypi, name: requests, version: "==2.31.0" }',
            '{ ecosystem: npm, name: lodash, version: "4.x" }',
          ]),
        },
      },
    ]);
    const pinned = await runCli(['exposure', 'pkg:pypi/requests', repo.dir, '--versions', '<2.32', '--format', 'json']);
    expect(pinned.code).toBe(1);
    expect((JSON.parse(pinned.stdout) as Answer).components[0]?.intervals[0]?.versions).toEqual(['==2.31.0']);
    const range = await runCli(['exposure', 'pkg:npm/lodash', repo.dir, '--versions', '<4.17.21']);
    expect(range.code).toBe(0);
    expect(range.stdout).toMatch(/note: checkout \(.*\) had version 4\.x, which cannot be compared; not counted/);
  });

  it('dates are UTC: a commit late on Dec 10 in New York is Dec 11', async () => {
    const repo = gitRepo([
      { date: '2021-06-01T09:00:00Z', files: { 'depmap.yaml': manifest([`${LOG4J}@2.14.1`]) } },
      {
        date: '2021-12-10T23:30:00-05:00',
        author: 'Nia <n@x>',
        message: 'fix',
        files: { 'depmap.yaml': manifest([`${LOG4J}@2.15.0`]) },
      },
    ]);
    const text = await runCli(['exposure', LOG4J, repo.dir, '--versions', '<2.15.0', '--at', '2021-12-11']);
    expect(text.stdout).toMatch(/until 2021-12-11 [0-9a-f]{12} \(Nia: moved to 2\.15\.0\)/);
    const json = JSON.parse(
      (await runCli(['blame', 'checkout', 'log4j-core', repo.dir, '--format', 'json'])).stdout,
    ) as {
      edges: { steps: { at: { date: string } }[] }[];
    };
    expect(json.edges[0]?.steps.map((s) => s.at.date)).toEqual(['2021-06-01T09:00:00Z', '2021-12-11T04:30:00Z']);
  });

  it('callers are cut to the time they overlapped the exposure', async () => {
    const shop = gitRepo(
      [
        { date: '2021-03-01T00:00:00Z', files: { 'depmap.yaml': manifest([`${LOG4J}@2.14.1`]) } },
        { date: '2021-05-01T00:00:00Z', message: 'fix', files: { 'depmap.yaml': manifest([`${LOG4J}@2.15.0`]) } },
      ],
      path.join(tempDir('depmap-callers-'), 'shop'),
    );
    const web = gitRepo(
      [
        {
          date: '2021-01-01T00:00:00Z',
          files: {
            'depmap.yaml': 'depmap: 1\nname: web\nkind: service\nservices:\n  - { name: checkout, protocol: http }\n',
          },
        },
      ],
      path.join(tempDir('depmap-callers-'), 'web'),
    );
    const result = await runCli([
      'exposure',
      LOG4J,
      shop.dir,
      web.dir,
      '--versions',
      '<2.15.0',
      '--callers',
      '--format',
      'json',
    ]);
    const callers = (
      JSON.parse(result.stdout) as {
        components: { callers: { component: string; from: { date: string }; to?: { date: string } }[] }[];
      }
    ).components[0]?.callers;
    expect(callers).toEqual([
      expect.objectContaining({
        component: 'web',
        from: expect.objectContaining({ date: '2021-03-01T00:00:00Z' }),
        to: expect.objectContaining({ date: '2021-05-01T00:00:00Z' }),
      }),
    ]);
  });
});

describe('exposure of a nested copy', () => {
  it('a lockfile holding a package at two versions: the nested old one is found, and its removal ends it', async () => {
    const lock = (nested: boolean) =>
      JSON.stringify({
        name: 'web',
        lockfileVersion: 3,
        packages: {
          '': { name: 'web', dependencies: { express: '4.18.2', lodash: '4.17.21' } },
          'node_modules/express': { version: '4.18.2' },
          'node_modules/lodash': { version: '4.17.21' },
          ...(nested ? { 'node_modules/express/node_modules/lodash': { version: '4.17.20' } } : {}),
        },
      });
    const pkg = JSON.stringify({ name: 'web', dependencies: { express: '4.18.2', lodash: '4.17.21' } });
    const repo = gitRepo(
      [
        {
          date: '2021-01-10T10:00:00Z',
          author: 'Hal <hal@example.com>',
          message: 'web',
          files: {
            'docker-compose.yml': 'services:\n  web:\n    build: .\n',
            'package.json': pkg,
            'package-lock.json': lock(true),
          },
        },
        {
          date: '2021-04-01T10:00:00Z',
          author: 'Ivy <ivy@example.com>',
          message: 'dedupe',
          files: { 'package-lock.json': lock(false) },
        },
      ],
      path.join(tempDir('depmap-nested-'), 'web'),
    );
    const result = await runCli([
      'exposure',
      'pkg:npm/lodash',
      repo.dir,
      '--versions',
      '<4.17.21',
      '--discover',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(1);
    const answer = JSON.parse(result.stdout) as Answer;
    expect(answer.components[0]?.intervals).toEqual([
      expect.objectContaining({
        versions: ['4.17.20'],
        to: expect.objectContaining({ author: 'Ivy' }),
        leftTo: { removed: true },
      }),
    ]);
  });
});

describe('calls by API across repos', () => {
  // tax provides tax-grpc and runs log4j 2.14.1; shop calls it by the API's name, as a
  // manifest may: its own history cannot know who provides tax-grpc, the org's graph does.
  const root = tempDir('depmap-by-api-');
  gitRepo(
    [
      {
        date: '2021-03-01T00:00:00Z',
        message: 'tax',
        files: {
          'depmap.yaml': `depmap: 1\nname: tax\nkind: service\nprovides:\n  - { api: tax-grpc, protocol: grpc, version: 1.0.0 }\nlibraries:\n  - ${LOG4J}@2.14.1\n`,
        },
      },
    ],
    path.join(root, 'tax'),
  );
  gitRepo(
    [
      {
        date: '2021-04-01T00:00:00Z',
        author: 'Bob <bob@example.com>',
        message: 'shop calls tax by its API',
        files: {
          'depmap.yaml':
            'depmap: 1\nname: shop\nkind: service\nservices:\n  - { name: tax-grpc, api: tax-grpc, protocol: grpc, version: 1.0.0 }\n',
        },
      },
    ],
    path.join(root, 'shop'),
  );
  const sources = [path.join(root, 'tax'), path.join(root, 'shop')];

  it('exposure --callers finds a caller that names the API, not the component', async () => {
    const result = await runCli([
      'exposure',
      LOG4J,
      ...sources,
      '--versions',
      '<2.15.0',
      '--callers',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(1);
    const answer = JSON.parse(result.stdout) as Answer;
    expect(answer.components.map((c) => c.component)).toEqual(['tax']);
    expect(answer.components[0]?.callers).toEqual([expect.objectContaining({ component: 'shop', repo: 'shop' })]);
  });

  it('blame names the provider, as scan does, and the history export too', async () => {
    const blame = await runCli(['blame', 'shop', 'tax', ...sources, '--format', 'json']);
    expect(blame.code).toBe(0);
    expect(blame.stdout).toContain('"target": "tax"');
    const rows = await runCli(['history', 'export', ...sources, '--format', 'jsonl']);
    const shop = rows.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { component: string; dependency: string })
      .filter((row) => row.component === 'shop');
    expect(shop.map((row) => row.dependency)).toEqual(['tax']);
  });
});

describe('a nested copy through a manifest that imports its lockfile', () => {
  it('scan keeps both versions of the package, each an edge', async () => {
    const dir = tempDir('depmap-nested-manifest-');
    writeTree(dir, {
      'depmap.yaml':
        'depmap: 1\nname: web\nkind: service\nlibraries:\n  - { from: package-lock.json, transitive: true }\n',
      'package.json': JSON.stringify({ name: 'web', dependencies: { express: '4.18.2', lodash: '4.17.21' } }),
      'package-lock.json': JSON.stringify({
        name: 'web',
        lockfileVersion: 3,
        packages: {
          '': { name: 'web', dependencies: { express: '4.18.2', lodash: '4.17.21' } },
          'node_modules/express': { version: '4.18.2' },
          'node_modules/lodash': { version: '4.17.21' },
          'node_modules/express/node_modules/lodash': { version: '4.17.20' },
        },
      }),
    });
    const result = await runCli(['scan', dir, '--out', '-', '--quiet']);
    expect(result.code).toBe(0);
    const snapshot = parseSnapshot(result.stdout, 'graph.json') as {
      edges: { target: string; version?: string; transitive?: boolean }[];
    };
    expect(
      snapshot.edges
        .filter((e) => e.target === 'pkg:npm/lodash')
        .map((e) => `${e.version}${e.transitive ? ' transitive' : ''}`),
    ).toEqual(['4.17.21', '4.17.20 transitive']);
  });
});
