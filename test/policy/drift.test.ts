import { describe, expect, it } from 'vitest';
import type { RepoEntry } from '../../src/graph/types.js';
import { importFile } from '../../src/importers/index.js';
import { driftCandidates, findDriftIn as findWith, type RepoFileReader } from '../../src/policy/rules/drift.js';

const findDriftIn = (repos: RepoEntry[], read: RepoFileReader) =>
  findWith(driftCandidates(repos, read), read, importFile);
import { check, of, repo } from './helpers.js';
import { buildSnapshot } from '../../src/graph/build-graph.js';
import { defaultPolicy } from '../../src/policy/policy.js';
import { runChecks } from '../../src/policy/run-checks.js';

const LOCK = JSON.stringify({
  name: 'shop',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name: 'shop', dependencies: { express: '^4.19.2', lodash: '^4.17.21' } },
    'node_modules/express': { version: '4.19.2' },
    'node_modules/lodash': { version: '4.17.21' },
    'node_modules/accepts': { version: '1.3.8' },
  },
});

function reader(files: Record<string, string>) {
  return (_repo: RepoEntry, file: string) => files[file];
}

const manifest = (libraries: string[]) =>
  `depmap: 1\nname: shop\nkind: service\nlibraries:\n${libraries.map((l) => `  - ${l}\n`).join('')}`;

describe('drift', () => {
  it('reports an inline pin the lockfile beside it disagrees with, and one it lacks', () => {
    const shop = repo('shop', {
      'depmap.yaml': manifest(['pkg:npm/express@4.19.2', 'pkg:npm/lodash@4.17.20', 'pkg:npm/left-pad@1.3.0']),
    });
    const findings = findDriftIn([shop], reader({ 'package-lock.json': LOCK }));
    expect(findings.map((f) => `${f.file}:${f.line}:${f.col} ${f.message}`)).toEqual([
      'depmap.yaml:6:5 pkg:npm/lodash is pinned at 4.17.20 in depmap.yaml but package-lock.json has 4.17.21',
      'depmap.yaml:7:5 pkg:npm/left-pad@1.3.0 is pinned in depmap.yaml but package-lock.json does not have it',
    ]);
    expect(findings[0]).toMatchObject({
      rule: 'drift',
      component: 'shop',
      subject: 'pkg:npm/lodash:package-lock.json',
      hint: 'set it to 4.17.21 in depmap.yaml, or update package-lock.json',
    });
  });

  it('accepts pins that agree, transitive ones included, and ecosystems the lockfile does not cover', () => {
    const shop = repo('shop', {
      'depmap.yaml': manifest(['pkg:npm/express@4.19.2', 'pkg:npm/accepts@1.3.8', 'pkg:pypi/django@4.2.11']),
    });
    expect(findDriftIn([shop], reader({ 'package-lock.json': LOCK }))).toEqual([]);
  });

  it('reads the lockfiles a manifest in a subfolder imports or sits beside', () => {
    const mono = repo('mono', {
      'services/api/depmap.yaml':
        'depmap: 1\nname: api\nkind: service\nlibraries:\n  - pkg:npm/lodash@4.17.20\n  - { from: ../../package-lock.json }\n',
    });
    // services/api is a workspace of the root lockfile: a package that is not one imports nothing from it.
    const workspaces = JSON.stringify({
      name: 'mono',
      lockfileVersion: 3,
      packages: {
        '': { name: 'mono', workspaces: ['services/api'] },
        'services/api': { name: 'api', dependencies: { lodash: '^4.17.21' } },
        'node_modules/api': { resolved: 'services/api', link: true },
        'node_modules/lodash': { version: '4.17.21' },
      },
    });
    const found = findDriftIn([mono], reader({ 'package-lock.json': workspaces }));
    expect(found.map((f) => `${f.file}:${f.line} ${f.subject}`)).toEqual([
      'services/api/depmap.yaml:5 pkg:npm/lodash:package-lock.json',
    ]);
    // No lockfile, no drift.
    expect(findDriftIn([mono], reader({}))).toEqual([]);
  });

  it('runs as a rule only when the caller looked for drift, at the severity the policy sets', () => {
    const shop = repo('shop', { 'depmap.yaml': manifest(['pkg:npm/lodash@4.17.20']) });
    const drift = findDriftIn([shop], reader({ 'package-lock.json': LOCK }));
    expect(of(check([shop]), 'drift')).toEqual([]);
    const input = {
      snapshot: buildSnapshot([shop], 't'),
      policy: defaultPolicy(),
      scope: 'repo' as const,
      docker: 'exact' as const,
      drift,
    };
    expect(runChecks(input).violations.map((v) => `${v.path}:${v.line} ${v.rule} ${v.severity}`)).toEqual([
      'shop/depmap.yaml:5 drift error',
    ]);
    expect(runChecks({ ...input, policy: { ...defaultPolicy(), severities: { drift: 'off' } } }).violations).toEqual(
      [],
    );
  });
});
