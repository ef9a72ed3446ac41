/**
 * Rewinding the map, on real git repos: blame tells the commit that brought an edge in and
 * every change since; `at` writes the organisation of a date as a snapshot other commands
 * read; `history export` writes the temporal table, and a real SQLite answers the exposure
 * question from it; timeline JSON gives every edge its firstSeen and lastSeen.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tempDir } from '../helpers/fs.js';
import { gitRepo } from '../helpers/git.js';
import { makeOrg } from '../helpers/org-history.js';
import { parseSnapshot } from '../../src/graph/snapshot.js';

describe('blame', () => {
  const org = makeOrg();
  const repos = [path.join(org, 'shop'), path.join(org, 'front')];

  it('tells who brought an edge in, each version change, the removal and the return', async () => {
    const result = await runCli(['blame', 'checkout', 'express', ...repos, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { edges } = JSON.parse(result.stdout) as {
      edges: {
        firstSeen: { author: string; date: string };
        removed?: true;
        steps: { change: string; at: { author: string; subject: string } }[];
      }[];
    };
    expect(edges).toHaveLength(1);
    const [edge] = edges;
    expect(edge?.firstSeen.author).toBe('Alice');
    expect(edge?.removed).toBeUndefined();
    expect(edge?.steps.map((s) => `${s.at.author}: ${s.change}`)).toEqual([
      'Alice: added at 4.17.1',
      'Dave: removed',
      'Alice: added at 4.18.2',
    ]);
  });

  it('prints a line per commit with date, commit, author and subject, in text and markdown', async () => {
    const text = await runCli([
      'blame',
      'checkout',
      'pkg:maven/org.apache.logging.log4j/log4j-core',
      repos[0] as string,
    ]);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^checkout → pkg:maven\/org\.apache\.logging\.log4j\/log4j-core \(library, repo shop\): now 2\.15\.0$/,
    );
    expect(lines[1]).toMatch(
      /^ {2}2021-01-05 {2}[0-9a-f]{12} {2}Alice {2}added at 2\.14\.0 {2}"checkout with log4j and express"$/,
    );
    expect(lines[2]).toMatch(/Bob {2}2\.14\.0 → 2\.14\.1/);
    expect(lines[3]).toMatch(/^ {2}2021-12-11 .*Carol {2}2\.14\.1 → 2\.15\.0 {2}"fix CVE-2021-44228"$/);
    expect(text.stdout).toMatch(/last seen at the tip, 2022-03-01/);
    const md = await runCli(['blame', 'checkout', 'payments', repos[0] as string, '--format', 'markdown']);
    expect(md.stdout).toMatch(
      /\| 2021-01-05 \| `[0-9a-f]{12}` \| Alice \| added \| checkout with log4j and express \|/,
    );
  });

  it('a component or dependency it never had is a usage error with a suggestion', async () => {
    const none = await runCli(['blame', 'checkot', 'express', ...repos]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/"checkot" depended on nothing in the history read\n.*did you mean "checkout"/);
    const never = await runCli(['blame', 'checkout', 'expres', ...repos]);
    expect(never.code).toBe(2);
    expect(never.stderr).toMatch(/"checkout" never depended on "expres"/);
  });
});

describe('timeline JSON: firstSeen and lastSeen', () => {
  const org = makeOrg();

  it('every edge and node carries when it was first and last seen, even with --since', async () => {
    const result = await runCli(['timeline', path.join(org, 'shop'), '--format', 'json', '--since', '2022-01-01']);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as {
      events: { subject: string }[];
      edges: {
        target: string;
        firstSeen: { author: string; commit: string };
        lastSeen: { subject: string };
        removed?: true;
      }[];
      nodes: { id: string; firstSeen: { date: string } }[];
    };
    expect(out.events.map((e) => e.subject)).toEqual(['drop express', 'express is back']);
    const log = out.edges.find((e) => e.target.endsWith('log4j-core'));
    expect(log?.firstSeen.author).toBe('Alice');
    expect(log?.lastSeen.subject).toBe('express is back');
    expect(log?.removed).toBeUndefined();
    expect(out.nodes.find((n) => n.id === 'checkout')?.firstSeen.date).toMatch(/^2021-01-05/);
  });
});

describe('at <date>', () => {
  const org = makeOrg();
  const repos = [path.join(org, 'shop'), path.join(org, 'front')];

  it('writes the organisation of a date as a snapshot that other commands read', async () => {
    const out = path.join(tempDir('depmap-at-'), 'then.json');
    const result = await runCli(['at', '2021-03-01', ...repos, '--out', out]);
    expect(result.code).toBe(0);
    const snapshot = parseSnapshot(readFileSync(out, 'utf8'), 'graph.json') as {
      edges: { target: string; version?: string }[];
    };
    expect(snapshot.edges.find((e) => e.target.endsWith('log4j-core') && e.version === '2.14.0')).toBeDefined();
    const impact = await runCli(['impact', 'checkout', '--snapshot', out, '--format', 'json']);
    expect(impact.code).toBe(0);
    expect(impact.stdout).toMatch(/"web"/);
  });

  it('names a repo that had nothing at that date, and refuses a date when none had anything', async () => {
    const early = await runCli(['at', '2021-01-20', ...repos]);
    expect(early.code).toBe(0);
    expect(early.stderr).toMatch(/front: no depmap\.yaml at 2021-01-20\n.*--discover/);
    const before = path.join(tempDir('depmap-at-'), 'none.json');
    const none = await runCli(['at', '2020-01-01', ...repos, '--out', before]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/nothing to map at 2020-01-01/);
    expect(existsSync(before)).toBe(false);
    const bad = await runCli(['at', '2021-13-01', ...repos]);
    expect(bad.code).toBe(2);
  });
});

describe('history export', () => {
  const org = makeOrg();
  const repos = [path.join(org, 'shop'), path.join(org, 'front')];

  it('writes one row per edge version, valid_from to valid_to, in UTC', async () => {
    const result = await runCli(['history', 'export', ...repos]);
    expect(result.code).toBe(0);
    const rows = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const log = rows.filter((r) => r.component === 'checkout' && String(r.dependency).endsWith('log4j-core'));
    expect(log.map((r) => [r.version, r.valid_from, r.valid_to, r.author, r.ended_by_author])).toEqual([
      ['2.14.0', '2021-01-05T09:00:00Z', '2021-06-01T09:00:00Z', 'Alice', 'Bob'],
      ['2.14.1', '2021-06-01T09:00:00Z', '2021-12-11T08:00:00Z', 'Bob', 'Carol'],
      ['2.15.0', '2021-12-11T08:00:00Z', null, 'Carol', null],
    ]);
    expect(log[1]).toMatchObject({ major: 2, minor: 14, patch: 1, kind: 'uses-library', repo: 'shop' });
  });

  it.skipIf(!hasSqlite() && process.env.DEPMAP_REQUIRE_SQLITE !== '1')(
    "answers the README's exposure query in a real SQLite from the CSV",
    async () => {
      const dir = tempDir('depmap-sqlite-');
      const csv = path.join(dir, 'history.csv');
      const result = await runCli(['history', 'export', ...repos, '--out', csv, '--quiet']);
      expect(result.code).toBe(0);
      const db = path.join(dir, 'org.db');
      execFileSync('sqlite3', [db, '.import --csv history.csv edges'], { cwd: dir });
      const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
      const query = /```sql\n([\s\S]*?)```/.exec(readme)?.[1];
      expect(query, 'the README shows the exposure query').toBeDefined();
      const answer = execFileSync('sqlite3', ['-csv', db, query as string], { encoding: 'utf8' });
      expect(answer.trim().split(/\r?\n/)).toEqual([
        'checkout,shop,2.14.1,2021-06-01T09:00:00Z,2021-12-11T08:00:00Z,Carol',
      ]);
    },
  );
});

function hasSqlite(): boolean {
  try {
    execFileSync('sqlite3', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('hostile history text', () => {
  it('an author or subject from a repo reaches no terminal, CSV cell or Markdown table as code', async () => {
    const repo = gitRepo([
      {
        date: '2021-01-05T09:00:00Z',
        author: '=HYPERLINK("http://evil") <evil@example.com>',
        message: 'x\u001b]8;;http://evil\u0007link | ::error::boom',
        files: { 'depmap.yaml': 'depmap: 1\nname: api\nkind: service\nlibraries:\n  - pkg:npm/express@4.17.1\n' },
      },
    ]);
    const text = await runCli(['blame', 'api', 'express', repo.dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    const md = await runCli(['blame', 'api', 'express', repo.dir, '--format', 'markdown']);
    expect(md.stdout).toMatch(/link \\\| ::error::boom \|$/m);
    const csv = await runCli(['history', 'export', repo.dir, '--format', 'csv']);
    expect(csv.stdout).toMatch(/,"'=HYPERLINK\(""http:\/\/evil""\)",/);
  });
});
