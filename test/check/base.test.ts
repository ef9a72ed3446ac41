import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, gitRepo } from '../helpers/git.js';
import { tempDir, testDir } from '../helpers/fs.js';
import { depmap } from './run.js';

const SHOP = (libraries: string[], services: string[] = []) =>
  `depmap: 1\nname: shop\nkind: service\nlibraries:\n${libraries.map((l) => `  - ${l}\n`).join('')}${services.length > 0 ? `services:\n${services.map((s) => `  - ${s}\n`).join('')}` : ''}`;

/** A repo whose main branch has express and payments, and a feature branch on top of it. */
function repoWithBranch(feature: string): string {
  const { dir } = gitRepo([
    {
      files: {
        'depmap.yaml': SHOP(
          ['pkg:npm/express@4.18.2', 'pkg:npm/lodash@4.17.21'],
          ['{ name: payments, api: payments-grpc, version: 3.2.0 }'],
        ),
      },
    },
  ]);
  git(dir, ['checkout', '-q', '-b', 'feature']);
  commit(dir, { files: { 'depmap.yaml': feature } }, 1);
  return dir;
}

describe('depmap check --base', () => {
  it('fails on dependencies that are new against the base branch', async () => {
    const dir = repoWithBranch(
      SHOP(
        ['pkg:npm/express@4.19.2', 'pkg:npm/left-pad@1.3.0'],
        [
          '{ name: payments, api: payments-grpc, version: 3.2.0 }',
          '{ name: ledger, api: ledger-http, version: 1.0.0 }',
        ],
      ),
    );
    const r = await depmap(['check', '--base', 'main'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'depmap.yaml:6:5  error  new-dependency  new dependency pkg:npm/left-pad@1.3.0: not used by shop at main',
    );
    expect(r.stdout).toContain(
      'depmap.yaml:9:5  error  new-dependency  new dependency on service ledger: not called by shop at main',
    );
    // The upgrade of express and the removal of lodash are not violations.
    expect(r.stdout).not.toContain('express');
    expect(r.stdout).not.toContain('lodash');
    // Without --base the rule does not run.
    expect((await depmap(['check'], dir)).stdout).not.toContain('new-dependency');
  });

  it('draws the change against the base in the Markdown summary and the job summary, not in the JSON', async () => {
    const dir = repoWithBranch(
      SHOP(
        ['pkg:npm/express@4.19.2'],
        [
          '{ name: payments, api: payments-grpc, version: 4.0.0 }',
          '{ name: ledger, api: ledger-http, version: 1.0.0 }',
        ],
      ),
    );
    const summary = path.join(tempDir(), 'summary.md');
    const r = await depmap(['check', '--base', 'main', '--format', 'markdown', '--output', 'json=report.json'], dir, {
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(r.code).toBe(1);
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(r.stdout)?.[1] ?? '';
    expect(r.stdout).toContain('### The architecture against `main`');
    expect(block).toContain('n_shop ==>|"ledger-http 1.0.0"| n_ledger');
    expect(block).toContain('n_shop -.->|"4.17.21"| nx_pkg_npm_lodash_');
    expect(block).toContain('n_shop -->|"3.2.0 → 4.0.0 (major upgrade)"| n_payments');
    expect(block).toContain('n_shop -->|"4.18.2 → 4.19.2 (minor upgrade)"| nx_pkg_npm_express_');
    expect(block).not.toContain('layout: elk');
    expect(readFileSync(summary, 'utf8')).toBe(r.stdout);
    expect(readFileSync(path.join(dir, 'report.json'), 'utf8')).not.toContain('mermaid');
    // Without --base there is nothing to compare: no picture.
    expect((await depmap(['check', '--format', 'markdown'], dir)).stdout).not.toContain('```mermaid');
  });

  it('passes what the allow list names', async () => {
    const dir = repoWithBranch(
      SHOP(
        ['pkg:npm/express@4.18.2', 'pkg:npm/%40acme/logger@2.0.0'],
        [
          '{ name: payments, api: payments-grpc, version: 3.2.0 }',
          '{ name: ledger, api: ledger-http, version: 1.0.0 }',
        ],
      ),
    );
    commit(
      dir,
      { files: { 'depmap.policy.yaml': 'rules:\n  new-dependency:\n    allow: ["pkg:npm/@acme/*", ledger]\n' } },
      2,
    );
    const r = await depmap(['check', '--base', 'main'], dir);
    expect(r).toMatchObject({ code: 0 });
  });

  it('passes a branch that only removes dependencies', async () => {
    const dir = repoWithBranch(SHOP(['pkg:npm/express@4.18.2']));
    expect((await depmap(['check', '--base', 'main'], dir)).code).toBe(0);
  });

  it('works against origin/main in a clone, as in CI', async () => {
    const upstream = repoWithBranch(SHOP(['pkg:npm/express@4.18.2', 'pkg:npm/chalk@5.3.0']));
    const clone = path.join(tempDir(), 'shop');
    git(path.dirname(clone), ['clone', '-q', '--branch', 'feature', upstream, clone]);
    const r = await depmap(['check', '--base', 'origin/main', '--format', 'github'], clone);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '::error file=depmap.yaml,line=6,col=5,title=depmap new-dependency::new dependency pkg:npm/chalk@5.3.0: not used by shop at origin/main',
    );
  });

  it('judges every component of a monorepo, and a new one brings all its dependencies', async () => {
    const { dir } = gitRepo([
      { files: { 'api/depmap.yaml': 'depmap: 1\nname: api\nkind: service\nlibraries:\n  - pkg:npm/express@4.19.2\n' } },
    ]);
    git(dir, ['checkout', '-q', '-b', 'feature']);
    commit(
      dir,
      {
        files: {
          'web/depmap.yaml':
            'depmap: 1\nname: web\nkind: frontend\nlibraries:\n  - pkg:npm/react@18.3.1\n  - pkg:npm/express@4.19.2\n',
        },
      },
      1,
    );
    const r = await depmap(['check', '--base', 'main', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.violations.map((v: { path: string; subject: string }) => `${v.path} ${v.subject}`)).toEqual([
      'web/depmap.yaml pkg:npm/react',
      'web/depmap.yaml pkg:npm/express',
    ]);
  });

  it('a manifest invalid at the base: its dependencies are not judged, one warning says why', async () => {
    const { dir } = gitRepo([
      { files: { 'depmap.yaml': 'depmap: 1\nname: shop\nkind: servise\nlibraries:\n  - pkg:npm/express@4.18.2\n' } },
    ]);
    git(dir, ['checkout', '-q', '-b', 'feature']);
    commit(
      dir,
      {
        files: {
          'depmap.yaml': SHOP(
            ['pkg:npm/express@4.18.2', 'pkg:npm/left-pad@1.3.0'],
            ['{ name: ledger-db, kind: database }'],
          ),
        },
      },
      1,
    );
    const r = await depmap(['check', '--base', 'main'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'depmap.yaml',
        '  depmap.yaml:1:1  warning  new-dependency  depmap.yaml was invalid at main: line 3: kind: "servise" is not one of the allowed values; did you mean "service"?; new dependencies not judged',
        '      fix: nothing to allow: its dependencies are judged again once the base has a valid depmap.yaml',
        '',
        'depmap check: 0 errors, 1 warning in 1 manifest; passes (--fail-on error)',
        '',
      ].join('\n'),
    );
    // A base whose imported lockfile is broken says nothing of what was used then either.
    const { dir: imported } = gitRepo([
      {
        files: {
          'depmap.yaml': 'depmap: 1\nname: shop\nkind: service\nlibraries:\n  - { from: package-lock.json }\n',
          'package-lock.json': '{ "lockfileVersion": 3, ',
        },
      },
    ]);
    git(imported, ['checkout', '-q', '-b', 'feature']);
    commit(
      imported,
      {
        files: {
          'package-lock.json': JSON.stringify({
            name: 'shop',
            lockfileVersion: 3,
            packages: { '': { dependencies: { express: '4.19.2' } }, 'node_modules/express': { version: '4.19.2' } },
          }),
        },
      },
      1,
    );
    const json = JSON.parse((await depmap(['check', '--base', 'main', '--format', 'json'], imported)).stdout);
    expect(
      json.violations.map(
        (v: { rule: string; severity: string; message: string }) =>
          `${v.rule} ${v.severity} ${v.message.replace(/: JSON.*/, '')}`,
      ),
    ).toEqual(['new-dependency warn depmap.yaml was invalid at main: package-lock.json:1']);
  });

  it('exits 2 for an unknown revision or a folder that is not a git repo', async () => {
    const dir = repoWithBranch(SHOP(['pkg:npm/express@4.18.2']));
    expect(await depmap(['check', '--base', 'no-such-branch'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown revision "no-such-branch"'),
    });
    expect((await depmap(['check', '--base', 'main', '--snapshot', 'x.json'], dir)).code).toBe(2);
    const plain = testDir({ 'depmap.yaml': SHOP(['pkg:npm/express@4.18.2']) });
    expect(await depmap(['check', '--base', 'main'], plain)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is not a git repository'),
    });
  });
});
