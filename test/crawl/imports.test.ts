import { cpSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { git, initRepo } from '../helpers/git.js';
import { parseSnapshot } from '../../src/graph/snapshot.js';

const scan = async (dir: string) => {
  const result = await runCli(['scan', dir, '--out', '-', '-q']);
  return { ...result, snapshot: parseSnapshot(result.stdout, 'graph.json') };
};

describe('from: imports through scan', () => {
  it('a monorepo package importing the root lockfile gets its own direct dependencies', async () => {
    const repo = initRepo(tempDir());
    cpSync('fixtures/importers/npm-lock-v3', repo, { recursive: true });
    writeTree(repo, {
      'depmap.yaml': 'depmap: 1\nname: checkout\nkind: service\nlibraries:\n  - { from: package-lock.json }\n',
      'packages/api/depmap.yaml':
        'depmap: 1\nname: checkout-api\nkind: service\nlibraries:\n  - { from: ../../package-lock.json }\n',
    });
    const { snapshot, code } = await scan(repo);
    expect(code).toBe(0);
    const libs = (component: string) =>
      snapshot.edges
        .filter((e) => e.source === component && e.type === 'uses-library')
        .map((e) => `${e.target}@${e.version}${e.scope ? ` [${e.scope}]` : ''}`)
        .sort();
    expect(libs('checkout-api')).toEqual(['pkg:npm/express@4.18.3 [runtime]']);
    expect(libs('checkout')).toContain('pkg:npm/express@4.19.2 [runtime]');
    expect(libs('checkout')).toContain('pkg:npm/lodash@4.17.21 [runtime]');
    expect(libs('checkout')).toContain('pkg:npm/typescript@5.4.5 [dev]');
    const edge = snapshot.edges.find((e) => e.source === 'checkout-api');
    expect(edge).toMatchObject({
      importedFrom: 'package-lock.json',
      pin: { pinned: true },
      declared: { repo: path.basename(repo), file: 'package-lock.json' },
    });
    expect(edge?.declared.line).toBeGreaterThan(1);
  });

  it('a package folder given alone still belongs to its repo: it may import the root lockfile', async () => {
    const repo = initRepo(tempDir());
    cpSync('fixtures/importers/npm-lock-v3', repo, { recursive: true });
    writeTree(repo, {
      'packages/api/depmap.yaml':
        'depmap: 1\nname: checkout-api\nkind: service\nlibraries:\n  - { from: ../../package-lock.json }\n',
    });
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-qm', 'init']);
    const result = await runCli(['scan', 'packages/api', '--out', '-', '-q'], { cwd: repo });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const snapshot = parseSnapshot(result.stdout, 'graph.json');
    expect(snapshot.repos[0]).toMatchObject({ id: 'api', status: 'ok', commit: git(repo, ['rev-parse', 'HEAD']) });
    const edge = snapshot.edges.find((e) => e.source === 'checkout-api');
    // Paths read from the folder that was given.
    expect(edge).toMatchObject({
      target: 'pkg:npm/express',
      version: '4.18.3',
      importedFrom: '../../package-lock.json',
    });
    const escape = await runCli(['validate', 'packages/api'], { cwd: repo });
    expect(escape.code).toBe(0);
  });

  it('services come from a compose file; importer warnings stay warnings', async () => {
    const repo = initRepo(tempDir());
    cpSync('fixtures/importers/compose', repo, { recursive: true });
    writeTree(repo, {
      'depmap.yaml': 'depmap: 1\nname: checkout\nkind: service\nservices:\n  - { from: docker-compose.yml }\n',
      'go.mod': 'module example.com/x\n\ngo 1.22\n\nrequire example.com/y v1.2.3\n\nreplace example.com/y => ../y\n',
      'svc/depmap.yaml': 'depmap: 1\nname: gomod\nkind: service\nlibraries:\n  - { from: ../go.mod }\n',
    });
    const { snapshot, code, stderr } = await scan(repo);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const calls = snapshot.edges.filter((e) => e.source === 'checkout' && e.type === 'calls-service');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((e) => e.importedFrom === 'docker-compose.yml' || e.importedFrom?.startsWith('infra/'))).toBe(
      true,
    );
    expect(calls.some((e) => e.evidence)).toBe(true);
    const repoEntry = snapshot.repos[0];
    expect(repoEntry?.status).toBe('ok');
    expect(repoEntry?.problems.some((p) => p.severity === 'warning' && p.file.endsWith('/go.mod'))).toBe(true);
  });

  it('an import that gives nothing (a package moved away from its lockfile entry) is a warning, not silence', async () => {
    const repo = initRepo(tempDir());
    cpSync('fixtures/importers/npm-lock-v3', repo, { recursive: true });
    writeTree(repo, {
      'apps/api/depmap.yaml':
        'depmap: 1\nname: api\nkind: service\nlibraries:\n  - { from: ../../package-lock.json }\n',
    });
    const result = await runCli(['validate', path.join(repo, 'apps/api')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'package-lock.json:1:1: warning: apps/api is not a workspace of package-lock.json: no libraries imported',
    );
  });

  it('validate reports unpinned images and API versions inside imported files too', async () => {
    const repo = writeTree(tempDir(), {
      'depmap.yaml': 'depmap: 1\nname: shop\nkind: service\nservices:\n  - { from: docker-compose.yml }\n',
      'docker-compose.yml':
        'services:\n  shop:\n    build: .\n    depends_on: [kafka]\n  kafka:\n    image: bitnami/kafka:latest\n',
    });
    const loose = await runCli(['validate', repo]);
    expect(loose.code).toBe(0);
    expect(loose.stdout).toMatch(
      /docker-compose.yml:\d+:1: warning: service kafka: image "bitnami\/kafka:latest" has the rolling tag "latest"/,
    );
    expect((await runCli(['validate', repo, '--strict'])).code).toBe(1);
  });

  it('an unsupported file is a clear error at the from: line', async () => {
    const repo = writeTree(tempDir(), {
      'depmap.yaml': 'depmap: 1\nname: x\nkind: service\nlibraries:\n  - { from: notes.txt }\n',
      'notes.txt': 'hello',
    });
    const result = await runCli(['validate', repo]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/depmap.yaml:5:13: error: libraries\[0\].from: no importer reads "notes.txt"/);
  });
});
