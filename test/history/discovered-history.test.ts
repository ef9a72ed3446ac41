/**
 * History before adoption, on a real git repo: each commit mapped as `scan --discover` maps a
 * checkout; version bumps in a lockfile and an image are changes, a compose refactor that
 * changes no topology is none, the commit that adds a depmap.yaml is not itself a change, and
 * the manifests' own changes follow it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { DISCOVERY_PATHSPECS, discoveryChanges } from '../../src/history/discovery-log.js';
import { readLog } from '../../src/history/read-log.js';
import { git, gitRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/fs.js';

const lock = (express: string) =>
  JSON.stringify({
    name: 'web',
    lockfileVersion: 3,
    packages: {
      '': { name: 'web', dependencies: { express: '^4.18.0' } },
      'node_modules/express': { version: express },
    },
  });
const pkg = JSON.stringify({ name: 'web', dependencies: { express: '^4.18.0' } });
const compose = (postgres: string) =>
  [
    'services:',
    '  web:',
    '    build: ./web',
    '    environment:',
    '      DATABASE_URL: postgres://app@db:5432/app',
    '  db:',
    `    image: postgres:${postgres}`,
    '',
  ].join('\n');

interface Event {
  subject: string;
  changes: { text: string }[];
}

describe('timeline --discover', () => {
  const repo = gitRepo([
    {
      date: '2024-01-01T10:00:00Z',
      message: 'start',
      files: {
        'docker-compose.yml': compose('16.1'),
        'web/package.json': pkg,
        'web/package-lock.json': lock('4.18.2'),
      },
    },
    { date: '2024-02-01T10:00:00Z', message: 'bump express', files: { 'web/package-lock.json': lock('4.19.2') } },
    {
      date: '2024-03-01T10:00:00Z',
      message: 'split compose into base and override',
      files: {
        'docker-compose.yml': null,
        'compose.yaml': 'services:\n  web:\n    build: ./web\n  db:\n    image: postgres:16.1\n',
        'compose.override.yaml':
          'services:\n  web:\n    environment:\n      DATABASE_URL: postgres://app@db:5432/app\n',
      },
    },
    {
      date: '2024-04-01T10:00:00Z',
      message: 'postgres 16.2',
      files: { 'compose.yaml': 'services:\n  web:\n    build: ./web\n  db:\n    image: postgres:16.2\n' },
    },
    { date: '2024-05-01T10:00:00Z', message: 'a README', files: { 'README.md': 'hello\n' } },
    {
      date: '2024-06-01T10:00:00Z',
      message: 'adopt depmap',
      files: {
        'web/depmap.yaml': 'depmap: 1\nname: web\nkind: service\nservices:\n  - { name: db, kind: database }\n',
      },
    },
    {
      date: '2024-07-01T10:00:00Z',
      message: 'web calls payments',
      files: {
        'web/depmap.yaml':
          'depmap: 1\nname: web\nkind: service\nservices:\n  - { name: db, kind: database }\n  - { name: payments, kind: external }\n',
      },
    },
  ]);

  it('shows version bumps and the manifests after adoption; a refactor, a README and the adoption itself show nothing', async () => {
    const result = await runCli(['timeline', repo.dir, '--discover', '--format', 'json']);
    expect(result.code).toBe(0);
    const events = (JSON.parse(result.stdout) as { events: Event[] }).events;
    expect(events.map((e) => e.subject)).toEqual(['start', 'bump express', 'postgres 16.2', 'web calls payments']);
    const text = (subject: string) => events.find((e) => e.subject === subject)?.changes.map((c) => c.text);
    expect(text('bump express')?.join('\n')).toMatch(/pkg:npm\/express.*4\.18\.2.*4\.19\.2/);
    expect(text('postgres 16.2')?.join('\n')).toMatch(/postgres:16\.1.*postgres:16\.2/);
    expect(text('web calls payments')?.join('\n')).toMatch(/payments/);
  });

  it('lists the commits and changes a :(glob) pathspec of each name would: a folder named like a file does not count', async () => {
    const odd = gitRepo([
      { date: '2024-01-01T10:00:00Z', message: 'start', files: { 'docker-compose.yml': compose('16.1') } },
      { date: '2024-02-01T10:00:00Z', message: 'notes', files: { 'Dockerfile.d/notes.txt': 'x\n' } },
      {
        date: '2024-03-01T10:00:00Z',
        message: 'more notes',
        files: { 'app/go.mod/readme.md': 'x\n', 'app/.env': 'A=1\n', 'requirements/base.txt': 'x\n' },
      },
      { date: '2024-04-01T10:00:00Z', message: 'postgres 16.2', files: { 'docker-compose.yml': compose('16.2') } },
    ]);
    const head = git(odd.dir, ['rev-parse', 'HEAD']).trim();
    const globs = DISCOVERY_PATHSPECS.map((p) => p.replace(/^(\*\/)?/, ':(glob)**/'));
    const exact = await readLog(head, { cwd: odd.dir }, [...new Set(globs)]);
    const ours = discoveryChanges(await readLog(head, { cwd: odd.dir }, DISCOVERY_PATHSPECS));
    expect(ours).toEqual(exact);
    expect(ours.map((c) => [c.subject, c.changes.map((x) => x.path)])).toEqual([
      ['start', ['docker-compose.yml']],
      ['more notes', ['app/.env']],
      ['postgres 16.2', ['docker-compose.yml']],
    ]);
  });

  it('without --discover, a repo with no manifest yet is said, not shown as "no changes"', async () => {
    const bare = gitRepo([{ files: { 'docker-compose.yml': compose('16.1') } }]);
    const result = await runCli(['timeline', bare.dir]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/no depmap\.yaml in its history; nothing to show/);
    expect(result.stderr).toMatch(/--discover/);
  });

  it('with --discover, a repo with nothing to map says so', async () => {
    const empty = gitRepo([{ files: { 'README.md': 'nothing here\n' } }]);
    const result = await runCli(['timeline', empty.dir, '--discover']);
    expect(result.stderr).toMatch(/no manifest or discoverable files in its history/);
  });

  it('reads the Dockerfile a compose build names, whatever its name, and a lower-case dockerfile, as scan does', async () => {
    const web = 'services:\n  web:\n    build:\n      context: .\n      dockerfile: Dockerfile-dev\n';
    const named = gitRepo([
      {
        date: '2024-01-01T10:00:00Z',
        message: 'start',
        files: { 'compose.yaml': web, 'Dockerfile-dev': 'FROM node:18.1.0\n' },
      },
      { date: '2024-02-01T10:00:00Z', message: 'web node 20', files: { 'Dockerfile-dev': 'FROM node:20.1.0\n' } },
      {
        date: '2024-03-01T10:00:00Z',
        message: 'api',
        files: { 'compose.yaml': `${web}  api:\n    build: .\n`, dockerfile: 'FROM node:20.1.0\n' },
      },
      { date: '2024-04-01T10:00:00Z', message: 'api node 22', files: { dockerfile: 'FROM node:22.1.0\n' } },
    ]);
    const result = await runCli(['timeline', named.dir, '--discover', '--format', 'json']);
    expect(result.code).toBe(0);
    const events = (JSON.parse(result.stdout) as { events: Event[] }).events;
    expect(events.map((e) => [e.subject, e.changes.map((c) => c.text)])).toEqual([
      ['start', ['component web (service) with 1 library']],
      ['web node 20', ['web: pkg:docker/node 18.1.0 → 20.1.0 (major upgrade)']],
      ['api', ['component api (service) with 1 library']],
      ['api node 22', ['api: pkg:docker/node 20.1.0 → 22.1.0 (major upgrade)']],
    ]);
    // The tip as scan --discover maps the checkout: the same base images.
    const out = path.join(tempDir('depmap-dockerfile-'), 'graph.json');
    expect((await runCli(['scan', named.dir, '--discover', '--out', out, '-q'])).code).toBe(0);
    const edges = (
      JSON.parse(readFileSync(out, 'utf8')) as { edges: { source: string; target: string; version?: string }[] }
    ).edges;
    expect(edges.filter((e) => e.target === 'pkg:docker/node').map((e) => `${e.source} ${e.version}`)).toEqual([
      'api 22.1.0',
      'web 20.1.0',
    ]);
  });

  it('diff --discover compares two revisions of a repo without a manifest', async () => {
    const result = await runCli(['diff', repo.commits[0] as string, repo.commits[3] as string, repo.dir, '--discover']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/express/);
    expect(result.stdout).toMatch(/postgres:16\.2/);
  });
});
