/**
 * History before adoption, the changes a lockfile or a Dockerfile makes without touching the
 * topology: a bump of transitive packages only (one line each, or one line per lockfile when
 * many), on real git repos. `scan --discover` keeps those packages in the graph, marked
 * transitive, as a manifest's `{ from: lockfile, transitive: true }` does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Snapshot } from '../../src/graph/types.js';
import { tempDir } from '../helpers/fs.js';
import { gitRepo } from '../helpers/git.js';
import { parseSnapshot } from '../../src/graph/snapshot.js';

const compose =
  'services:\n  web:\n    build: ./web\n    environment:\n      DATABASE_URL: postgres://app@db:5432/app\n  db:\n    image: postgres:16.1\n';
const pkg = (express = '^4.18.0') => JSON.stringify({ name: 'web', dependencies: { express } });

/** A v3 package-lock with express direct and `others` (name → version) installed for it. */
const lock = (express: string, others: Record<string, string>, range = '^4.18.0') =>
  JSON.stringify(
    {
      name: 'web',
      lockfileVersion: 3,
      packages: {
        '': { name: 'web', dependencies: { express: range } },
        'node_modules/express': { version: express },
        ...Object.fromEntries(Object.entries(others).map(([name, version]) => [`node_modules/${name}`, { version }])),
      },
    },
    null,
    2,
  );

interface Event {
  subject: string;
  changes: { text: string; sign: string; folded?: number }[];
  diff: { edges: { changed: { target: string; to: { transitive?: boolean; importedFrom?: string } }[] } };
}

async function timeline(dir: string): Promise<Event[]> {
  const result = await runCli(['timeline', dir, '--discover', '--format', 'json', '--quiet']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { events: Event[] }).events;
}

describe('timeline --discover: transitive lockfile changes', () => {
  const many = (v: string) => Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((n) => [`dep-${n}`, v]));
  const repo = gitRepo([
    {
      message: 'start',
      files: {
        'docker-compose.yml': compose,
        'web/package.json': pkg(),
        'web/package-lock.json': lock('4.18.2', { 'body-parser': '1.20.1', ...many('1.0.0') }),
      },
    },
    {
      message: 'bump body-parser',
      files: { 'web/package-lock.json': lock('4.18.2', { 'body-parser': '1.20.2', ...many('1.0.0') }) },
    },
    {
      message: 'bump five at once',
      files: { 'web/package-lock.json': lock('4.18.2', { 'body-parser': '1.20.2', ...many('1.1.0') }) },
    },
    {
      message: 'body-parser becomes direct',
      files: {
        'web/package.json': JSON.stringify({
          name: 'web',
          dependencies: { express: '^4.18.0', 'body-parser': '^1.20.2' },
        }),
        'web/package-lock.json': JSON.stringify({
          name: 'web',
          lockfileVersion: 3,
          packages: {
            '': { name: 'web', dependencies: { express: '^4.18.0', 'body-parser': '^1.20.2' } },
            'node_modules/express': { version: '4.18.2' },
            'node_modules/body-parser': { version: '1.20.2' },
            ...Object.fromEntries(Object.entries(many('1.1.0')).map(([n, v]) => [`node_modules/${n}`, { version: v }])),
          },
        }),
      },
    },
  ]);

  it('a bump of one transitive package is a change, told as transitive', async () => {
    const events = await timeline(repo.dir);
    const bump = events.find((e) => e.subject === 'bump body-parser');
    expect(bump?.changes.map((c) => c.text)).toEqual([
      'web: pkg:npm/body-parser 1.20.1 → 1.20.2 (patch upgrade) (transitive)',
    ]);
    expect(bump?.diff.edges.changed[0]?.to).toMatchObject({ transitive: true, importedFrom: 'web/package-lock.json' });
  });

  it('many transitive changes of one lockfile are one line; the diff keeps each', async () => {
    const events = await timeline(repo.dir);
    const five = events.find((e) => e.subject === 'bump five at once');
    expect(five?.changes).toEqual([
      {
        kind: 'library-changed',
        component: 'web',
        sign: '~',
        text: 'web: 5 transitive libraries changed in web/package-lock.json (5 changed)',
        folded: 5,
      },
    ]);
    expect(five?.diff.edges.changed.map((c) => c.target)).toHaveLength(5);
    const text = await runCli(['timeline', repo.dir, '--discover', '--quiet']);
    expect(text.stdout).toContain('web: 5 transitive libraries changed in web/package-lock.json');
    expect(text.stdout).not.toContain('dep-a');
  });

  it('a transitive package the component now asks for itself is said so', async () => {
    const events = await timeline(repo.dir);
    const direct = events.find((e) => e.subject === 'body-parser becomes direct');
    expect(direct?.changes.map((c) => c.text).join('\n')).toMatch(
      /web: pkg:npm\/body-parser .*now a direct dependency/,
    );
  });

  it('the first commit counts the transitive libraries apart', async () => {
    const events = await timeline(repo.dir);
    expect(events[0]?.changes[0]?.text).toBe(
      'component web (service) with 1 library and 1 service (and 6 transitive libraries)',
    );
  });
});

describe('scan --discover: transitive libraries', () => {
  it('are in the graph, marked transitive, beside the direct ones', async () => {
    const repo = gitRepo([
      {
        files: {
          'docker-compose.yml': compose,
          'web/package.json': pkg(),
          'web/package-lock.json': lock('4.18.2', { 'body-parser': '1.20.1' }),
        },
      },
    ]);
    const out = path.join(tempDir('depmap-scan-'), 'graph.json');
    const result = await runCli(['scan', repo.dir, '--discover', '--out', out, '--quiet']);
    expect(result.code).toBe(0);
    const snapshot = parseSnapshot(readFileSync(out, 'utf8'), 'graph.json') as Snapshot;
    const uses = snapshot.edges.filter((e) => e.type === 'uses-library' && e.source === 'web');
    expect(uses.map((e) => [e.target, e.version, e.transitive ?? false])).toEqual([
      ['pkg:npm/body-parser', '1.20.1', true],
      ['pkg:npm/express', '4.18.2', false],
    ]);
  });
});

describe('timeline --discover: base images of infrastructure built from the repo', () => {
  const composeBuilt = [
    'services:',
    '  api:',
    '    build: ./api',
    '    environment:',
    '      DATABASE_URL: postgres://app@db:5432/app',
    '  db:',
    '    build: ./db',
    '',
  ].join('\n');
  const repo = gitRepo([
    {
      message: 'start',
      files: {
        'docker-compose.yml': composeBuilt,
        'api/Dockerfile': 'FROM node:20.11.1\n',
        'db/Dockerfile': 'FROM postgres:14.11\nCOPY init.sql /docker-entrypoint-initdb.d/\n',
      },
    },
    {
      message: 'postgres 15',
      files: { 'db/Dockerfile': 'FROM postgres:15.6\nCOPY init.sql /docker-entrypoint-initdb.d/\n' },
    },
    {
      message: 'only a comment',
      files: { 'db/Dockerfile': '# the schema\nFROM postgres:15.6\nCOPY init.sql /docker-entrypoint-initdb.d/\n' },
    },
  ]);

  it('a bump of the FROM of a database the repo builds is a change of that resource; a comment is none', async () => {
    const events = await timeline(repo.dir);
    expect(events.map((e) => e.subject)).toEqual(['start', 'postgres 15']);
    expect(events[1]?.changes.map((c) => c.text)).toEqual([
      'api → db base image postgres:14.11 → postgres:15.6 (major upgrade)',
    ]);
  });

  it('scan --discover records it on the calls to that resource', async () => {
    const out = path.join(tempDir('depmap-scan-'), 'graph.json');
    expect((await runCli(['scan', repo.dir, '--discover', '--out', out, '--quiet'])).code).toBe(0);
    const snapshot = parseSnapshot(readFileSync(out, 'utf8'), 'graph.json') as Snapshot;
    const call = snapshot.edges.find((e) => e.type === 'calls-service' && e.target === 'db');
    expect(call).toMatchObject({ source: 'api', baseImage: 'postgres:15.6' });
    expect(snapshot.nodes.find((n) => n.id === 'db')).toMatchObject({ type: 'resource', kind: 'database' });
  });
});

describe('timeline --discover: a manifest edited without its lockfile', () => {
  const yarnLock = (express: string) =>
    `# yarn lockfile v1\n\n\nexpress@^4.18.0:\n  version "${express}"\n  resolved "https://registry.yarnpkg.com/express/-/express-${express}.tgz"\n`;
  const pyproject = (crypto: string) =>
    `[project]\nname = "api"\nversion = "0.1.0"\ndependencies = ["cryptography${crypto}", "flask>=3.0"]\n`;
  const uvLock = (crypto: string) =>
    [
      'version = 1',
      '',
      '[[package]]',
      'name = "api"',
      'version = "0.1.0"',
      'source = { editable = "." }',
      'dependencies = [{ name = "cryptography" }, { name = "flask" }]',
      '',
      '[[package]]',
      'name = "cryptography"',
      `version = "${crypto}"`,
      '',
      '[[package]]',
      'name = "flask"',
      'version = "3.0.3"',
      '',
    ].join('\n');
  const composeTwo = [
    'services:',
    '  web:',
    '    build: ./web',
    '  shop:',
    '    build: ./shop',
    '  api:',
    '    build: ./api',
    '',
  ].join('\n');
  const repo = gitRepo([
    {
      message: 'start',
      files: {
        'docker-compose.yml': composeTwo,
        'web/package.json': pkg('^4.18.0'),
        'web/package-lock.json': lock('4.18.2', {}),
        'shop/package.json': JSON.stringify({ name: 'shop', dependencies: { express: '^4.18.0' } }),
        'shop/yarn.lock': yarnLock('4.18.2'),
        'api/pyproject.toml': pyproject('>=49.0.0'),
        'api/uv.lock': uvLock('49.0.0'),
      },
    },
    { message: 'a range the lockfile still satisfies', files: { 'web/package.json': pkg('^4.18.1') } },
    { message: 'express 5 in package.json only', files: { 'web/package.json': pkg('^5.0.0') } },
    {
      message: 'a new dependency in package.json only',
      files: { 'web/package.json': JSON.stringify({ name: 'web', dependencies: { express: '^5.0.0', pg: '^8.0.0' } }) },
    },
    {
      message: 'express 5 installed',
      files: {
        'web/package.json': pkg('^5.0.0'),
        'web/package-lock.json': lock('5.0.1', {}, '^5.0.0'),
      },
    },
    {
      message: 'yarn: express 5 in package.json only',
      files: { 'shop/package.json': JSON.stringify({ name: 'shop', dependencies: { express: '^5.0.0' } }) },
    },
    { message: 'cryptography 50 in pyproject only', files: { 'api/pyproject.toml': pyproject('>=50.0.0') } },
  ]);

  it('warns on the commit, shows no change of the library, and says nothing when the lockfile still satisfies the range', async () => {
    const events = await timeline(repo.dir);
    const bySubject = new Map(
      events.map((e) => [e.subject, e as Event & { warnings?: { file: string; message: string }[] }]),
    );
    expect(bySubject.has('a range the lockfile still satisfies')).toBe(false);

    const npm = bySubject.get('express 5 in package.json only');
    expect(npm?.changes).toEqual([]);
    expect(npm?.warnings).toEqual([
      {
        file: 'web/package.json',
        message: 'express ^5.0.0 is not satisfied by 4.18.2 in web/package-lock.json: the lockfile was not updated',
      },
    ]);
    expect(bySubject.get('a new dependency in package.json only')?.warnings).toEqual([
      {
        file: 'web/package.json',
        message: 'pg ^8.0.0 is declared but web/package-lock.json does not lock it: the lockfile was not updated',
      },
    ]);

    const installed = bySubject.get('express 5 installed');
    expect(installed?.warnings).toBeUndefined();
    expect(installed?.changes.map((c) => c.text)).toEqual(['web: pkg:npm/express 4.18.2 → 5.0.1 (major upgrade)']);

    const yarn = bySubject.get('yarn: express 5 in package.json only');
    expect(yarn?.changes).toEqual([]);
    expect(yarn?.warnings?.map((w) => w.message)).toEqual([
      'express ^5.0.0 is not satisfied by 4.18.2 in shop/yarn.lock: the lockfile was not updated',
    ]);

    const python = bySubject.get('cryptography 50 in pyproject only');
    expect(python?.changes).toEqual([]);
    expect(python?.warnings?.map((w) => w.message)).toEqual([
      'cryptography >=50.0.0 is not satisfied by 49.0.0 in api/uv.lock: the lockfile was not updated',
    ]);
  });

  it('the Markdown timeline shows the warning as a warning, not a change', async () => {
    const result = await runCli(['timeline', repo.dir, '--discover', '--quiet', '--granularity', 'commit']);
    const row = result.stdout.split('\n').find((l) => l.includes('express 5 in package.json only'));
    expect(row).toContain('⚠️ warning: web/package.json: express ^5.0.0 is not satisfied by 4.18.2');
    expect(row).not.toMatch(/➖|✏️/);
  });
});

describe('diff --discover: a yarn.lock left stale', () => {
  it('keeps the locked version of a dependency whose range package.json changed, direct, not removed', async () => {
    const yarnLock = '# yarn lockfile v1\n\n\nexpress@^4.18.0:\n  version "4.18.2"\n';
    const compose = 'services:\n  shop:\n    build: ./shop\n';
    const repo = gitRepo([
      {
        files: {
          'docker-compose.yml': compose,
          'shop/package.json': JSON.stringify({ name: 'shop', dependencies: { express: '^4.18.0' } }),
          'shop/yarn.lock': yarnLock,
        },
      },
      { files: { 'shop/package.json': JSON.stringify({ name: 'shop', dependencies: { express: '^5.0.0' } }) } },
    ]);
    const result = await runCli(['diff', repo.commits[0] as string, repo.commits[1] as string, repo.dir, '--discover']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/no changes/);
  });
});
