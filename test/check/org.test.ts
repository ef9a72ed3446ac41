import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir, testDir } from '../helpers/fs.js';
import { depmap } from './run.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const demo = (name: string) => readFileSync(path.join(root, 'fixtures/demo-org', name, 'depmap.yaml'), 'utf8');

describe('depmap check --org: one repo judged against the whole organisation', () => {
  let org = '';
  beforeAll(async () => {
    org = path.join(tempDir(), 'org.json');
    expect((await depmap(['scan', 'fixtures/demo-org', '--out', org, '-q'], root)).code).toBe(0);
  });

  it('reports skew of this repo against the others as an error, and nothing of the other repos', async () => {
    const dir = testDir({ 'depmap.yaml': demo('notifications') });
    const alone = await depmap(['check', '--format', 'json'], dir);
    expect(JSON.parse(alone.stdout).violations.map((v: { rule: string }) => v.rule)).toEqual(['unresolved-service']);
    const r = await depmap(['check', '--org', org, '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.scope).toBe('org');
    expect(
      report.violations.map(
        (v: { path: string; line: number; rule: string; severity: string }) =>
          `${v.path}:${v.line} ${v.rule} ${v.severity}`,
      ),
    ).toEqual(['depmap.yaml:8 skew error']);
    expect(report.summary.manifests).toBe(1);
  });

  it('takes this repo as it is now, not as the snapshot remembers it', async () => {
    const dir = testDir({
      'depmap.yaml': demo('notifications').replace('pkg:npm/express@4.18.2', 'pkg:npm/express@4.19.2'),
    });
    const r = await depmap(['check', '--org', org], dir);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toBe('depmap check: no violations in 1 manifest; passes (--fail-on error)\n');
  });

  it('resolves calls to services of other repos, and fails on the one nobody provides', async () => {
    const dir = testDir({
      'depmap.yaml': demo('web-shop').replace('pkg:npm/lodash@^4.17.21', 'pkg:npm/lodash@4.17.21'),
    });
    const r = await depmap(['check', '--org', org, '--format', 'github'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([
      '::error file=depmap.yaml,line=22,col=5,title=depmap unresolved-service::service "recommendations" is not a component and no component provides api recs-http%0AFix: correct the name, add the repo of the service to the scan, or give third parties and infrastructure their kind (external, database, queue, …)',
    ]);
  });

  it('takes one snapshot per --org, so sources can follow it; several are merged', async () => {
    const dir = testDir({ 'depmap.yaml': demo('notifications') });
    const r = await depmap(['check', '--org', org, '.', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).violations.map((v: { rule: string }) => v.rule)).toEqual(['skew']);
    const twice = await depmap(['check', '--org', org, '--org', org, '.', '--format', 'json'], dir);
    expect(JSON.parse(twice.stdout).violations.map((v: { rule: string }) => v.rule)).toEqual(['skew']);
  });

  it('exits 2 when the snapshot cannot be read', async () => {
    const dir = testDir({ 'depmap.yaml': demo('web-shop') });
    expect(await depmap(['check', '--org', 'missing.json'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('cannot read snapshot missing.json'),
    });
  });
});
