import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { bareClone, git, gitRepo } from '../helpers/git.js';
import { parseSnapshot } from '../../src/graph/snapshot.js';

const manifest = (name: string, extra = '') => `depmap: 1\nname: ${name}\nkind: service\nsystem: shop\n${extra}`;
const readSnapshot = (file: string) => parseSnapshot(readFileSync(file, 'utf8'), 'graph.json');

/** An organisation folder: git repos, a monorepo, a repo without a manifest and a broken one. */
function makeOrg(): string {
  const org = tempDir('depmap-org-');
  gitRepo(
    [
      {
        files: {
          'depmap.yaml': manifest(
            'checkout',
            'provides:\n  - { api: checkout-http, protocol: http, version: 2.0.0 }\nlibraries:\n  - pkg:npm/express@4.19.2\nservices:\n  - { name: payments, protocol: grpc, api: payments-grpc, version: 3.2.0 }\n  - { name: orders-db, kind: database, protocol: sql, image: "postgres:16.3" }\n  - { name: ghost, protocol: http, api: ghost-http, version: 1.0.0 }\n',
          ),
        },
      },
    ],
    path.join(org, 'checkout'),
  );
  gitRepo(
    [
      {
        files: {
          'packages/payments/depmap.yaml': manifest(
            'payments',
            'provides:\n  - { api: payments-grpc, protocol: grpc, version: 3.2.0 }\nlibraries:\n  - pkg:npm/express@4.18.2\n',
          ),
          'packages/ledger/depmap.yaml': manifest(
            'ledger',
            'services:\n  - { name: billing, protocol: grpc, api: payments-grpc, version: 3.1.0 }\n',
          ),
          'node_modules/junk/depmap.yaml': manifest('junk'),
        },
      },
    ],
    path.join(org, 'money'),
  );
  writeTree(org, { 'docs-site/README.md': '# no manifest here\n' });
  writeTree(org, { 'broken/depmap.yaml': 'depmap: 1\nname: broken\nkind: servce\n' });
  return org;
}

describe('depmap scan', () => {
  it('maps every repo, reports the broken one and exits 1', async () => {
    const org = makeOrg();
    const out = path.join(tempDir(), 'graph.json');
    const result = await runCli(['scan', `${org}/*`, '--out', out], { cwd: org });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('repo broken failed');
    expect(result.stderr).toContain(
      'broken/depmap.yaml:3:7: error: kind: "servce" is not one of the allowed values; did you mean "service"?',
    );
    expect(result.stderr).toContain('repo docs-site: no manifest (depmap.yaml); skipped');
    const snapshot = readSnapshot(out);
    expect(snapshot.format).toBe('depmap-snapshot');
    expect(snapshot.repos.map((r) => [r.id, r.status])).toEqual([
      ['broken', 'failed'],
      ['checkout', 'ok'],
      ['docs-site', 'no-manifest'],
      ['money', 'ok'],
    ]);
    expect(snapshot.repos.find((r) => r.id === 'checkout')?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(snapshot.repos.find((r) => r.id === 'docs-site')?.commit).toBeUndefined();
    const components = snapshot.nodes.filter((n) => n.type === 'component').map((n) => n.id);
    expect(components).toEqual(['checkout', 'ledger', 'payments']); // node_modules skipped
    expect(snapshot.nodes.find((n) => n.id === 'ledger')?.declared).toEqual({
      repo: 'money',
      file: 'packages/ledger/depmap.yaml',
      line: 2,
      col: 7,
    });
  });

  it('resolves services by name and by api; unknown ones become flagged unresolved nodes', async () => {
    const org = makeOrg();
    const out = path.join(tempDir(), 'graph.json');
    await runCli(['scan', `${org}/*`, '--out', out, '-q'], { cwd: org });
    const snapshot = readSnapshot(out);
    const calls = snapshot.edges
      .filter((e) => e.type === 'calls-service')
      .map((e) => `${e.source}->${e.target}:${e.resolvedBy ?? 'resource'}`);
    expect(calls).toEqual([
      'checkout->ghost:unresolved',
      'checkout->orders-db:resource',
      'checkout->payments:name',
      'ledger->payments:api',
    ]);
    expect(snapshot.nodes.find((n) => n.id === 'ghost')).toMatchObject({
      type: 'resource',
      kind: 'service',
      unresolved: true,
    });
    expect(snapshot.nodes.find((n) => n.id === 'orders-db')).toMatchObject({ type: 'resource', kind: 'database' });
    expect(snapshot.nodes.find((n) => n.id === 'orders-db')?.unresolved).toBeUndefined();
    const edge = snapshot.edges.find((e) => e.key === 'checkout -> payments #payments-grpc (grpc)');
    expect(edge).toMatchObject({
      version: '3.2.0',
      protocol: 'grpc',
      api: 'payments-grpc',
      pin: { pinned: true },
      declared: { repo: 'checkout', file: 'depmap.yaml', line: 10, col: 5 },
    });
    expect(snapshot.problems.map((p) => p.code)).toEqual(['unresolved-service']);
    const lib = snapshot.edges.find((e) => e.type === 'uses-library' && e.source === 'payments');
    expect(lib).toMatchObject({ target: 'pkg:npm/express', version: '4.18.2' });
  });

  it('a folder of repos (no .git, no manifest of its own) is read as one repo per subfolder', async () => {
    const org = makeOrg();
    const dir = tempDir();
    await runCli(['scan', org, '--out', path.join(dir, 'a.json'), '-q'], { cwd: org });
    await runCli(['scan', `${org}/*`, '--out', path.join(dir, 'b.json'), '-q'], { cwd: org });
    expect(readSnapshot(path.join(dir, 'a.json')).repos.map((r) => r.id)).toEqual([
      'broken',
      'checkout',
      'docs-site',
      'money',
    ]);
    expect(readSnapshot(path.join(dir, 'a.json')).nodes).toEqual(readSnapshot(path.join(dir, 'b.json')).nodes);
    // A checkout is one repo, whatever it holds.
    const money = await runCli(['scan', path.join(org, 'money'), '--out', '-']);
    expect(parseSnapshot(money.stdout, 'graph.json').repos.map((r) => r.id)).toEqual(['money']);
  });

  it('writes byte-identical snapshots for the same input', async () => {
    const org = makeOrg();
    const dir = tempDir();
    await runCli(['scan', `${org}/*`, '--out', path.join(dir, 'a.json'), '-q'], { cwd: org });
    await runCli(['scan', `${org}/*`, '--out', path.join(dir, 'b.json'), '-q', '--concurrency', '1'], { cwd: org });
    expect(readFileSync(path.join(dir, 'a.json'))).toEqual(readFileSync(path.join(dir, 'b.json')));
  });

  it('prints a summary without --out, and the snapshot with --out -', async () => {
    const org = makeOrg();
    const summary = await runCli(['scan', `${org}/checkout`, `${org}/money`], { cwd: org });
    expect(summary.code).toBe(0);
    expect(summary.stdout).toBe(
      '2 repos (2 mapped, 0 failed, 0 without manifest): 3 components, 2 resources, 1 library; 4 service calls, 2 library uses\n',
    );
    const json = await runCli(['scan', `${org}/checkout`, '--out', '-'], { cwd: org });
    expect(parseSnapshot(json.stdout, 'graph.json').nodes.map((n) => n.id)).toContain('checkout');
  });

  it('names both places when two manifests declare the same component', async () => {
    const org = tempDir();
    writeTree(org, { 'a/depmap.yaml': manifest('same'), 'b/svc/depmap.yaml': manifest('same') });
    const result = await runCli(['scan', `${org}/*`], { cwd: org });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'component "same" is declared twice: a:depmap.yaml:2:7 and b:svc/depmap.yaml:2:7\n',
    );
  });

  it('does not follow symlinks or from: paths out of the repo', async () => {
    const org = tempDir();
    const outside = writeTree(tempDir(), { 'depmap.yaml': manifest('outsider'), 'package-lock.json': '{}' });
    writeTree(org, {
      'repo/depmap.yaml': manifest('inside', 'libraries:\n  - { from: ../../outside/package-lock.json }\n'),
    });
    symlinkSync(path.join(outside, 'depmap.yaml'), path.join(org, 'repo', 'sub-depmap'));
    writeTree(org, { 'repo/linked/.keep': '' });
    symlinkSync(path.join(outside, 'depmap.yaml'), path.join(org, 'repo', 'linked', 'depmap.yaml'));
    const out = path.join(tempDir(), 'g.json');
    const result = await runCli(['scan', path.join(org, 'repo'), '--out', out], { cwd: org });
    expect(result.code).toBe(1);
    const snapshot = readSnapshot(out);
    expect(snapshot.nodes.filter((n) => n.type === 'component').map((n) => n.id)).toEqual(['inside']);
    const problems = snapshot.repos[0]?.problems.map((p) => `${p.code}: ${p.message}`);
    expect(problems).toContain('skipped: not followed: symlink to a file outside the folder');
    expect(problems).toContain('path-escape: "../../outside/package-lock.json" points outside the repo');
  });
});

describe('depmap scan of git URLs', () => {
  function remote() {
    const { dir } = gitRepo([
      { files: { 'depmap.yaml': manifest('remote-svc', 'libraries:\n  - pkg:npm/left-pad@1.3.0\n') } },
      { files: { 'depmap.yaml': manifest('remote-svc', 'libraries:\n  - pkg:npm/left-pad@1.3.1\n') } },
    ]);
    git(dir, ['tag', 'v1', 'HEAD~1']);
    return bareClone(dir);
  }

  it('clones file:// URLs into the cache, at a ref, and updates them on the next run', async () => {
    const bare = remote();
    const cache = tempDir();
    const out = path.join(tempDir(), 'g.json');
    const first = await runCli(['scan', `file://${bare}`, `file://${bare}#v1`, '--cache-dir', cache, '--out', out]);
    expect(first.stderr).not.toContain('cannot clone');
    expect(first.code).toBe(1); // the same component at two refs is a duplicate
    const snapshot = readSnapshot(out);
    expect(snapshot.repos.map((r) => [r.ref ?? '', r.status])).toEqual([
      ['', 'ok'],
      ['v1', 'ok'],
    ]);
    const versions = snapshot.repos.map((r) => r.manifests[0]?.libraries[0]?.version);
    expect(versions).toEqual(['1.3.1', '1.3.0']);
    // A second run fetches into the existing clone.
    const again = await runCli(['scan', `file://${bare}#v1`, '--cache-dir', cache, '--out', out]);
    expect(again.code).toBe(0);
    expect(readSnapshot(out).repos[0]?.manifests[0]?.libraries[0]?.version).toBe('1.3.0');
  });

  it('reports a clone failure and still maps the other repos', async () => {
    const bare = remote();
    const out = path.join(tempDir(), 'g.json');
    const result = await runCli([
      'scan',
      `file://${bare}`,
      `file://${bare}-missing`,
      '--cache-dir',
      tempDir(),
      '--out',
      out,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot clone file:\/\/.*-missing/);
    expect(readSnapshot(out).nodes.map((n) => n.id)).toContain('remote-svc');
  });

  it('refuses URLs that could inject git options or run commands', async () => {
    for (const url of ['ext::sh -c touch% /tmp/pwned', '--upload-pack=/bin/true', 'https://x.test/r.git#--exec=evil']) {
      const result = await runCli(['scan', '--cache-dir', tempDir(), '--', url]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/refusing git URL/);
    }
  });
});

describe('shards and merge', () => {
  it('the shards of a scan merge into the same graph as one scan', async () => {
    const org = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) {
      files[`svc-${i}/depmap.yaml`] = manifest(
        `svc-${i}`,
        `provides:\n  - { api: api-${i}, protocol: http, version: 1.0.0 }\nservices:\n  - { name: x, protocol: http, api: api-${(i + 5) % 12}, version: 1.0.0 }\n`,
      );
    }
    writeTree(org, files);
    const dir = tempDir();
    const full = path.join(dir, 'full.json');
    await runCli(['scan', `${org}/*`, '--out', full, '-q'], { cwd: org });
    const shards = [];
    for (let i = 1; i <= 3; i++) {
      const file = path.join(dir, `shard-${i}.json`);
      const r = await runCli(['scan', `${org}/*`, '--shard', `${i}/3`, '--out', file, '-q'], { cwd: org });
      expect(r.code).toBe(0);
      shards.push(file);
    }
    const sizes = shards.map((f) => readSnapshot(f).repos.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(12);
    expect(Math.min(...sizes)).toBeGreaterThan(0);
    // Within one shard most references to other shards' apis are unresolved…
    expect(shards.some((f) => readSnapshot(f).nodes.some((n) => n.id === 'x'))).toBe(true);
    const merged = path.join(dir, 'merged.json');
    const m = await runCli(['merge', ...shards, '--out', merged]);
    expect(m.code).toBe(0);
    // …and the merge resolves them again across shards.
    expect(readFileSync(merged, 'utf8')).toBe(readFileSync(full, 'utf8'));
  });

  it('rejects a malformed shard spec and a file that is not a snapshot', async () => {
    expect((await runCli(['scan', '.', '--shard', '4/3'])).stderr).toContain('--shard "4/3" is not of the form i/n');
    const bad = path.join(tempDir(), 'x.json');
    writeFileSync(bad, '{"hello": 1}');
    const r = await runCli(['merge', bad, '--out', path.join(tempDir(), 'o.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a depmap snapshot');
  });
});

describe('depmap.config.yaml', () => {
  it('lists sources; errors point at file:line:col with a suggestion', async () => {
    const org = makeOrg();
    writeFileSync(
      path.join(org, 'depmap.config.yaml'),
      'sources:\n  - ./checkout\n  - path: ./money\nconcurrency: 2\n',
    );
    const ok = await runCli(['scan'], { cwd: org });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^2 repos/);
    writeFileSync(path.join(org, 'bad.yaml'), 'sources:\n  - ./checkout\nconcurency: 2\n');
    const bad = await runCli(['scan', '--config', 'bad.yaml'], { cwd: org });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('depmap: bad.yaml:3:1: unknown field "concurency"; did you mean "concurrency"?');
  });
});
