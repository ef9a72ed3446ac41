import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/history/dates.js';
import { orgAtDates, readOrgTimeline } from '../../src/history/org-history.js';
import { readRepoHistory } from '../../src/history/repo-history.js';
import type { HistoryEvent } from '../../src/history/types.js';
import { commit, git, gitRepo } from '../helpers/git.js';

const header = (name: string) => ['depmap: 1', `name: ${name}`, 'kind: service', 'system: commerce', 'owner: team-a'];
const yaml = (lines: string[]) => `${lines.join('\n')}\n`;

const lock = (deps: Record<string, string>) =>
  JSON.stringify({
    name: 'checkout',
    lockfileVersion: 3,
    packages: {
      '': { name: 'checkout', dependencies: deps },
      ...Object.fromEntries(Object.entries(deps).map(([n, v]) => [`node_modules/${n}`, { version: v }])),
    },
  });

const texts = (e: HistoryEvent | undefined) => [
  ...(e?.changes.map((c) => `${c.sign} ${c.text}`) ?? []),
  ...(e?.invalid.map((i) => `! ${i.file}: ${i.message}`) ?? []),
  ...(e?.fixed.map((f) => `✓ ${f}`) ?? []),
];
const bySubject = (events: HistoryEvent[], subject: string) => events.find((e) => e.subject === subject);

describe('history of one repo', () => {
  const repo = gitRepo([
    {
      message: 'add manifest',
      date: '2024-01-01T10:00:00Z',
      author: 'Ann <ann@example.com>',
      files: {
        'depmap.yaml': yaml([
          ...header('checkout'),
          'libraries:',
          '  - { purl: pkg:npm/express@4.19.2, scope: runtime }',
          '  - pkg:npm/pg@8.12.0',
          'services:',
          '  - { name: payments, protocol: grpc, api: payments-grpc, version: 3.2.0 }',
        ]),
      },
    },
    {
      message: 'bump express',
      date: '2024-01-05T10:00:00Z',
      author: 'Bob <bob@example.com>',
      files: {
        'depmap.yaml': yaml([
          ...header('checkout'),
          'libraries:',
          '  - { purl: pkg:npm/express@5.0.0, scope: runtime }',
          '  - pkg:npm/pg@8.12.0',
          'services:',
          '  - { name: payments, protocol: grpc, api: payments-grpc, version: 3.2.0 }',
        ]),
      },
    },
    {
      message: 'downgrade pg',
      date: '2024-01-10T10:00:00Z',
      files: {
        'depmap.yaml': yaml([
          ...header('checkout'),
          'libraries:',
          '  - { purl: pkg:npm/express@5.0.0, scope: runtime }',
          '  - pkg:npm/pg@8.11.0',
          'services:',
          '  - { name: payments, protocol: grpc, api: payments-grpc, version: 3.2.0 }',
        ]),
      },
    },
    {
      message: 'unpin pg',
      date: '2024-01-15T10:00:00Z',
      files: {
        'depmap.yaml': yaml([
          ...header('checkout'),
          'libraries:',
          '  - { purl: pkg:npm/express@5.0.0, scope: runtime }',
          '  - pkg:npm/pg@^8.11.0',
          'services:',
          '  - { name: payments, protocol: grpc, api: payments-grpc, version: 3.2.0 }',
        ]),
      },
    },
    // The helper's `git mv` needs the target folder to exist.
    { message: 'add service folder', date: '2024-01-18T10:00:00Z', files: { 'service/README.md': 'service\n' } },
    {
      message: 'move manifest',
      date: '2024-01-20T10:00:00Z',
      rename: [['depmap.yaml', 'service/depmap.yaml']],
      files: {},
    },
    {
      message: 'split libraries into the lockfile',
      date: '2024-01-25T10:00:00Z',
      files: {
        'service/depmap.yaml': yaml([
          ...header('checkout'),
          'libraries:',
          '  - { from: package-lock.json }',
          '  - pkg:npm/pg@^8.11.0',
          'services:',
          '  - { name: payments, protocol: grpc, api: payments-grpc, version: 3.2.0 }',
        ]),
        'service/package-lock.json': lock({ express: '5.0.0' }),
      },
    },
    {
      message: 'break it',
      date: '2024-02-01T10:00:00Z',
      files: { 'service/depmap.yaml': 'depmap: 1\nname: checkout\nkind: [oops\n' },
    },
    {
      message: 'fix it and call orders',
      date: '2024-02-05T10:00:00Z',
      files: {
        'service/depmap.yaml': yaml([
          ...header('checkout'),
          'libraries:',
          '  - { from: package-lock.json }',
          '  - pkg:npm/pg@^8.11.0',
          'services:',
          '  - { name: payments, protocol: grpc, api: payments-grpc, version: 3.2.0 }',
          '  - { name: orders, protocol: http, api: orders-http, version: 1.0.0 }',
        ]),
      },
    },
    {
      message: 'lockfile bump',
      date: '2024-02-10T10:00:00Z',
      files: { 'service/package-lock.json': lock({ express: '5.0.1' }) },
    },
    { message: 'unrelated', date: '2024-02-12T10:00:00Z', files: { 'README.md': 'hello\n' } },
    {
      message: 'retire',
      date: '2024-03-01T10:00:00Z',
      files: { 'service/depmap.yaml': null, 'service/package-lock.json': null },
    },
  ]);

  it('reports each change with repo, commit, author and date', async () => {
    const history = await readRepoHistory(repo.dir, { id: 'checkout-repo' });
    const events = history.events;
    const first = events[0];
    expect(first?.repo).toBe('checkout-repo');
    expect(first?.commit).toBe(repo.commits[0]);
    expect(first?.author).toBe('Ann');
    expect(first?.date.slice(0, 10)).toBe('2024-01-01');
    expect(texts(first)).toEqual([
      '+ component checkout (service, system commerce, owner team-a) with 2 libraries and 1 service',
    ]);
    expect(texts(bySubject(events, 'bump express'))).toEqual([
      '~ checkout: pkg:npm/express 4.19.2 → 5.0.0 (major upgrade)',
    ]);
    expect(bySubject(events, 'bump express')?.author).toBe('Bob');
    expect(texts(bySubject(events, 'downgrade pg'))).toEqual([
      '~ checkout: pkg:npm/pg 8.12.0 → 8.11.0 (minor downgrade)',
    ]);
    expect(texts(bySubject(events, 'unpin pg'))[0]).toMatch(
      /^~ checkout: pkg:npm\/pg 8\.11\.0 → \^8\.11\.0; version no longer pinned/,
    );
  });

  it('shows no change for a moved manifest, a split into a lockfile, or an unrelated commit', async () => {
    const { events } = await readRepoHistory(repo.dir);
    expect(bySubject(events, 'move manifest')).toBeUndefined();
    expect(bySubject(events, 'split libraries into the lockfile')).toBeUndefined();
    expect(bySubject(events, 'unrelated')).toBeUndefined();
    expect(bySubject(events, 'add service folder')).toBeUndefined();
  });

  it('follows a lockfile imported with from:', async () => {
    const { events } = await readRepoHistory(repo.dir);
    expect(texts(bySubject(events, 'lockfile bump'))).toEqual([
      '~ checkout: pkg:npm/express 5.0.0 → 5.0.1 (patch upgrade)',
    ]);
  });

  it('makes an invalid commit an event and keeps the last valid version on the map', async () => {
    const { events } = await readRepoHistory(repo.dir);
    const broken = bySubject(events, 'break it');
    expect(broken?.changes).toEqual([]);
    expect(broken?.invalid[0]?.file).toBe('service/depmap.yaml');
    expect(broken?.invalid[0]?.line).toBeGreaterThan(0);
    expect(texts(bySubject(events, 'fix it and call orders'))).toEqual([
      '+ checkout → orders (http orders-http 1.0.0)',
      '✓ service/depmap.yaml',
    ]);
  });

  it('reports the removal of a component', async () => {
    const { events } = await readRepoHistory(repo.dir);
    expect(texts(events.at(-1))[0]).toMatch(/^- component checkout .* with 2 libraries and 2 services$/);
  });

  it('limits events to --since/--until by committer date, state still built from the start', async () => {
    const { events } = await readRepoHistory(repo.dir, {
      since: parseDate('2024-01-06', 'start', 's'),
      until: parseDate('2024-01-15', 'end', 'u'),
    });
    expect(events.map((e) => e.subject)).toEqual(['downgrade pg', 'unpin pg']);
  });

  it('gives the manifests at a date: the last commit on or before it', async () => {
    const day = (d: string) => parseDate(d, 'end', 'd');
    const { states } = await readRepoHistory(repo.dir, {
      at: [day('2023-12-31'), day('2024-01-05'), day('2024-02-01'), day('2024-03-01')],
      events: false,
    });
    expect(states.get(day('2023-12-31'))?.manifests).toEqual([]);
    const jan5 = states.get(day('2024-01-05'));
    expect(jan5?.commit?.oid).toBe(repo.commits[1]);
    expect(jan5?.manifests[0]?.libraries.find((l) => l.name === 'express')?.version).toBe('5.0.0');
    // Invalid on Feb 1: the last valid version stands.
    expect(states.get(day('2024-02-01'))?.manifests.map((m) => m.name)).toEqual(['checkout']);
    expect(states.get(day('2024-03-01'))?.manifests).toEqual([]);
  });

  it('costs a constant number of git processes, not one per commit', async () => {
    const history = await readRepoHistory(repo.dir);
    // Each distinct manifest blob parsed once, even the ones that come back.
    expect(history.parsed).toBeLessThanOrEqual(8);
    expect(history.commits).toBe(12);
  });
});

describe('a monorepo', () => {
  it("follows each package's manifest; a copy-then-delete split shows no change", async () => {
    const api = yaml([...header('api'), 'libraries:', '  - pkg:npm/fastify@4.0.0']);
    const web = yaml([...header('web'), 'libraries:', '  - pkg:npm/react@18.2.0']);
    const repo = gitRepo([
      {
        message: 'two packages',
        date: '2024-05-01T00:00:00Z',
        files: {
          'packages/api/depmap.yaml': api,
          'packages/web/depmap.yml': web,
          'node_modules/x/depmap.yaml': yaml(header('vendored')),
        },
      },
      {
        message: 'bump web',
        date: '2024-05-02T00:00:00Z',
        files: { 'packages/web/depmap.yml': web.replace('18.2.0', '18.3.1') },
      },
      { message: 'copy api to apps/', date: '2024-05-03T00:00:00Z', files: { 'apps/api/depmap.yaml': api } },
      { message: 'remove the old api', date: '2024-05-04T00:00:00Z', files: { 'packages/api/depmap.yaml': null } },
      {
        message: 'bump api in its new place',
        date: '2024-05-05T00:00:00Z',
        files: { 'apps/api/depmap.yaml': api.replace('4.0.0', '4.1.0') },
      },
    ]);
    const { events } = await readRepoHistory(repo.dir);
    expect(events.map((e) => `${e.subject}: ${texts(e).join(' | ')}`)).toEqual([
      'two packages: + component api (service, system commerce, owner team-a) with 1 library | + component web (service, system commerce, owner team-a) with 1 library',
      'bump web: ~ web: pkg:npm/react 18.2.0 → 18.3.1 (minor upgrade)',
      'bump api in its new place: ~ api: pkg:npm/fastify 4.0.0 → 4.1.0 (minor upgrade)',
    ]);
  });
});

describe('imports that break', () => {
  it('reports a lockfile that cannot be read and maps the rest, as a scan of that commit would', async () => {
    const manifest = yaml([
      ...header('api'),
      'libraries:',
      '  - { from: package-lock.json }',
      '  - pkg:npm/zod@3.23.8',
    ]);
    const repo = gitRepo([
      {
        message: 'start',
        date: '2024-04-01T00:00:00Z',
        files: { 'depmap.yaml': manifest, 'package-lock.json': lock({ express: '4.19.2' }) },
      },
      {
        message: 'bad merge of the lockfile',
        date: '2024-04-02T00:00:00Z',
        files: { 'package-lock.json': '{ "lockfileVersion": 3, <<<<<<< HEAD' },
      },
      {
        message: 'bump zod meanwhile',
        date: '2024-04-03T00:00:00Z',
        files: { 'depmap.yaml': manifest.replace('3.23.8', '3.24.0') },
      },
      {
        message: 'fix the lockfile',
        date: '2024-04-04T00:00:00Z',
        files: { 'package-lock.json': lock({ express: '4.19.2' }) },
      },
    ]);
    const { events } = await readRepoHistory(repo.dir);
    const broken = bySubject(events, 'bad merge of the lockfile');
    expect(broken?.invalid.map((i) => i.file)).toEqual(['package-lock.json']);
    expect(texts(broken)).toContain('- api uses pkg:npm/express@4.19.2 [runtime]');
    // The same problem is not reported again, and does not hide other changes.
    expect(texts(bySubject(events, 'bump zod meanwhile'))).toEqual([
      '~ api: pkg:npm/zod 3.23.8 → 3.24.0 (minor upgrade)',
    ]);
    expect(texts(bySubject(events, 'fix the lockfile'))).toEqual([
      '+ api uses pkg:npm/express@4.19.2 [runtime]',
      '✓ depmap.yaml',
    ]);
  });
});

describe('merges', () => {
  it('reads the main line: a merge is one change holding what the branch brought', async () => {
    const base = yaml([...header('web'), 'libraries:', '  - pkg:npm/react@18.2.0']);
    const repo = gitRepo([{ message: 'start', date: '2024-03-01T09:00:00Z', files: { 'depmap.yaml': base } }]);
    git(repo.dir, ['checkout', '-q', '-b', 'feature']);
    commit(repo.dir, {
      message: 'feature: bump react',
      date: '2024-03-02T09:00:00Z',
      files: { 'depmap.yaml': base.replace('18.2.0', '19.0.0') },
    });
    commit(repo.dir, {
      message: 'feature: add zod',
      date: '2024-03-03T09:00:00Z',
      files: { 'depmap.yaml': base.replace('18.2.0', '19.0.0') + '  - pkg:npm/zod@3.23.8\n' },
    });
    git(repo.dir, ['checkout', '-q', 'main']);
    commit(repo.dir, { message: 'main: docs', date: '2024-03-04T09:00:00Z', files: { 'README.md': 'x\n' } });
    const env = {
      GIT_AUTHOR_DATE: '2024-03-05T09:00:00Z',
      GIT_COMMITTER_DATE: '2024-03-05T09:00:00Z',
      GIT_AUTHOR_NAME: 'Mia',
      GIT_AUTHOR_EMAIL: 'mia@example.com',
      GIT_COMMITTER_NAME: 'Mia',
      GIT_COMMITTER_EMAIL: 'mia@example.com',
    };
    git(repo.dir, ['merge', '-q', '--no-ff', '-m', 'Merge feature', 'feature'], env);
    const { events } = await readRepoHistory(repo.dir);
    expect(events.map((e) => e.subject)).toEqual(['start', 'Merge feature']);
    const merge = events[1];
    expect(merge?.merge).toBe(true);
    expect(merge?.author).toBe('Mia');
    expect(merge?.date.slice(0, 10)).toBe('2024-03-05');
    expect(texts(merge)).toEqual([
      '+ web uses pkg:npm/zod@3.23.8',
      '~ web: pkg:npm/react 18.2.0 → 19.0.0 (major upgrade)',
    ]);
  });
});

describe('the organisation', () => {
  const a = gitRepo([
    {
      message: 'a1',
      date: '2024-01-01T00:00:00Z',
      files: {
        'depmap.yaml': yaml([
          ...header('orders'),
          'services:',
          '  - { name: payments, protocol: grpc, api: payments-grpc, version: 1.0.0 }',
        ]),
      },
    },
    {
      message: 'a2',
      date: '2024-01-03T00:00:00Z',
      files: {
        'depmap.yaml': yaml([
          ...header('orders'),
          'services:',
          '  - { name: payments, protocol: grpc, api: payments-grpc, version: 1.1.0 }',
        ]),
      },
    },
    {
      message: 'a3',
      date: '2024-01-05T00:00:00Z',
      files: { 'depmap.yaml': yaml([...header('orders'), 'owner: team-b'].filter((l) => l !== 'owner: team-a')) },
    },
  ]);
  const b = gitRepo([
    {
      message: 'b1',
      date: '2024-01-02T00:00:00Z',
      files: {
        'depmap.yaml': yaml([
          ...header('payments'),
          'provides:',
          '  - { api: payments-grpc, protocol: grpc, version: 1.1.0 }',
        ]),
      },
    },
    {
      message: 'b2',
      date: '2024-01-04T00:00:00Z',
      files: {
        'depmap.yaml': yaml([
          ...header('payments'),
          'provides:',
          '  - { api: payments-grpc, protocol: grpc, version: 2.0.0 }',
        ]),
      },
    },
  ]);
  const sources = [
    { id: 'orders', dir: a.dir, display: 'orders' },
    { id: 'payments', dir: b.dir, display: 'payments' },
  ];

  it("merges the repos' events in date order", async () => {
    const timeline = await readOrgTimeline(sources);
    expect(timeline.events.map((e) => `${e.repo}:${e.subject}`)).toEqual([
      'orders:a1',
      'payments:b1',
      'orders:a2',
      'payments:b2',
      'orders:a3',
    ]);
    expect(texts(timeline.events[3])).toEqual(['~ payments: provides payments-grpc 1.1.0 → 2.0.0 (major upgrade)']);
    expect(timeline.repos.map((r) => `${r.id}:${r.commits}`)).toEqual(['orders:3', 'payments:2']);
  });

  it("builds the org at dates from each repo's last commit on or before them", async () => {
    const d2 = parseDate('2024-01-02', 'end', 'd');
    const d4 = parseDate('2024-01-04', 'end', 'd');
    const org = await orgAtDates(sources, [d2, d4]);
    const at2 = org.at.get(d2) ?? [];
    expect(at2.map((r) => `${r.id}@${r.commit?.slice(0, 7)}`)).toEqual([
      `orders@${a.commits[0]?.slice(0, 7)}`,
      `payments@${b.commits[0]?.slice(0, 7)}`,
    ]);
    const at4 = org.at.get(d4) ?? [];
    expect(at4.map((r) => r.commit)).toEqual([a.commits[1], b.commits[1]]);
  });
});
