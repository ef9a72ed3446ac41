import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDir } from '../helpers/fs.js';
import { depmap, PINNED, UNPINNED } from './run.js';

describe('depmap check in one repo', () => {
  it('passes a pinned repo with no configuration', async () => {
    const dir = testDir({ 'depmap.yaml': PINNED });
    const r = await depmap(['check'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('depmap check: no violations in 1 manifest; passes (--fail-on error)\n');
  });

  it('fails on an unpinned library, with where, what and how to fix it', async () => {
    const dir = testDir({ 'depmap.yaml': UNPINNED });
    const r = await depmap(['check'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'depmap.yaml',
        '  depmap.yaml:6:5  error  unpinned  pkg:npm/lodash: "^4.17.21" is a caret range',
        '      fix: pin an exact version, e.g. 4.17.21',
        '',
        'depmap check: 1 error, 0 warnings in 1 manifest; fails (--fail-on error)',
        '',
      ].join('\n'),
    );
  });

  it('only warns about services it cannot resolve when it sees one repo', async () => {
    const dir = testDir({
      'depmap.yaml': `${PINNED}services:\n  - { name: payments, api: payments-grpc, version: 3.2.0 }\n`,
    });
    const r = await depmap(['check'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'warning  unresolved-service  service "payments" is not a component and no component provides api payments-grpc',
    );
    expect((await depmap(['check', '--fail-on', 'warn'], dir)).code).toBe(1);
  });

  it('decides the exit code with --fail-on and the policy failOn', async () => {
    const dir = testDir({ 'depmap.yaml': UNPINNED, 'depmap.policy.yaml': 'rules:\n  unpinned: warn\n' });
    expect((await depmap(['check'], dir)).code).toBe(0);
    expect((await depmap(['check', '--fail-on', 'warn'], dir)).code).toBe(1);
    writeFileSync(path.join(dir, 'depmap.policy.yaml'), 'failOn: warn\nrules:\n  unpinned: warn\n');
    expect((await depmap(['check'], dir)).code).toBe(1);
    expect((await depmap(['check', '--fail-on', 'error'], dir)).code).toBe(0);
  });

  it('reads the policy from --policy, or from the policy: section of depmap.config.yaml', async () => {
    const dir = testDir({
      'depmap.yaml': UNPINNED,
      'strict.yaml': 'rules:\n  unpinned: off\n',
      'depmap.config.yaml': 'policy:\n  rules:\n    unpinned: off\n',
    });
    expect((await depmap(['check'], dir)).code).toBe(0);
    expect((await depmap(['check', '--policy', 'strict.yaml'], dir)).code).toBe(0);
    writeFileSync(path.join(dir, 'depmap.policy.yaml'), 'rules: {}\n');
    const both = await depmap(['check'], dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('two policies: depmap.policy.yaml and the policy: section of depmap.config.yaml');
  });

  it('exits 2 on an invalid policy, listing every problem at file:line:col', async () => {
    const dir = testDir({
      'depmap.yaml': PINNED,
      'depmap.policy.yaml': 'rules:\n  unpined: error\n  cycle: warning\n',
    });
    const r = await depmap(['check'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'depmap: invalid policy',
        'depmap.policy.yaml:2:3: rules.unpined: unknown rule "unpined"; did you mean "unpinned"?',
        '  hint: rules: unpinned, new-dependency, denied, unresolved-service, cycle, skew, invalid-manifest, drift, undeclared-call, unobserved-dependency',
        'depmap.policy.yaml:3:10: rules.cycle: "warning" is not a valid severity of cycle; did you mean "warn"?',
        '  hint: use one of: error, warn, off',
        '',
      ].join('\n'),
    );
  });

  it('exits 2 on a missing policy file and a bad --output, saying what is wrong with it', async () => {
    const dir = testDir({ 'depmap.yaml': PINNED });
    expect(await depmap(['check', '--policy', 'nope.yaml'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('cannot read policy nope.yaml: it does not exist'),
    });
    expect(await depmap(['check', '--output', 'sarf=x.sarif'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown format "sarf"; did you mean "sarif"?'),
    });
    expect(await depmap(['check', '--output', 'sarif'], dir)).toMatchObject({
      code: 2,
      stderr:
        'depmap: --output sarif: missing =PATH; --output takes FORMAT=PATH\n  hint: e.g. --output sarif=depmap.sarif (formats: text, json, sarif, junit, github, markdown)\n',
    });
    expect(await depmap(['check', '--output', 'foo'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        '--output foo: missing =PATH; --output takes FORMAT=PATH\n  hint: e.g. --output sarif=depmap.sarif',
      ),
    });
    expect(await depmap(['check', '--output', 'out/report.sarif'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('hint: e.g. --output sarif=out/report.sarif'),
    });
    expect(await depmap(['check', '--output', 'json='], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--output json=: no path after "="'),
    });
    expect((await depmap(['check', '--format', 'yaml'], dir)).code).toBe(2);
  });

  it('exits 1 in a folder without manifest, as validate does: a finding, not a usage error', async () => {
    const empty = testDir({ 'README.md': '# nothing\n' });
    expect(await depmap(['check'], empty)).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'depmap: no depmap.yaml found in .\n  hint: run `depmap init` to write one\n',
    });
    expect((await depmap(['validate'], empty)).code).toBe(1);
  });

  it('reports an invalid manifest as a violation', async () => {
    const dir = testDir({ 'depmap.yaml': 'depmap: 1\nname: shop\nkind: servise\n' });
    const r = await depmap(['check'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'depmap.yaml:3:7  error  invalid-manifest  kind: "servise" is not one of the allowed values; did you mean "service"?',
    );
  });

  it('counts every manifest file it checked, valid or not', async () => {
    const dir = testDir({
      'a/depmap.yaml': 'depmap: 1\nname: x y\nkind: service\n',
      'b/depmap.yml': 'depmap: 1\nname: b\nkind: servise\n',
      'c/depmap.yaml': PINNED,
    });
    const r = await depmap(['check', '--format', 'json'], dir);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ errors: 2, manifests: 3 });
    await import('node:fs').then(({ rmSync }) => rmSync(path.join(dir, 'c'), { recursive: true }));
    expect((await depmap(['check'], dir)).stdout).toContain(
      'depmap check: 2 errors, 0 warnings in 2 manifests; fails (--fail-on error)\n',
    );
  });

  it('reports drift between inline pins and the lockfile beside the manifest', async () => {
    const lock = JSON.stringify({
      name: 'shop',
      lockfileVersion: 3,
      packages: {
        '': { name: 'shop', dependencies: { express: '4.19.2', lodash: '4.17.21' } },
        'node_modules/express': { version: '4.19.2' },
        'node_modules/lodash': { version: '4.17.21' },
      },
    });
    const dir = testDir({
      'depmap.yaml':
        'depmap: 1\nname: shop\nkind: service\nlibraries:\n  - pkg:npm/express@4.19.2\n  - pkg:npm/lodash@4.17.20\n',
      'package-lock.json': lock,
    });
    const r = await depmap(['check'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'depmap.yaml:6:5  error  drift  pkg:npm/lodash is pinned at 4.17.20 in depmap.yaml but package-lock.json has 4.17.21',
    );
    writeFileSync(
      path.join(dir, 'depmap.yaml'),
      'depmap: 1\nname: shop\nkind: service\nlibraries:\n  - pkg:npm/express@4.19.2\n  - pkg:npm/lodash@4.17.21\n',
    );
    expect((await depmap(['check'], dir)).code).toBe(0);
  });

  it('writes several formats at once, and colours text on a terminal only', async () => {
    const dir = testDir({ 'depmap.yaml': UNPINNED });
    const r = await depmap(
      [
        'check',
        '--format',
        'github',
        '--output',
        'sarif=out/depmap.sarif',
        '--output',
        'junit=out/junit.xml',
        '--output',
        'json=out/report.json',
      ],
      dir,
    );
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(
      '::error file=depmap.yaml,line=6,col=5,title=depmap unpinned::pkg:npm/lodash: "^4.17.21" is a caret range%0AFix: pin an exact version, e.g. 4.17.21',
    );
    expect(JSON.parse(readFileSync(path.join(dir, 'out/depmap.sarif'), 'utf8')).runs[0].results).toHaveLength(1);
    expect(readFileSync(path.join(dir, 'out/junit.xml'), 'utf8')).toContain(
      '<failure message="pkg:npm/lodash: &quot;^4.17.21&quot; is a caret range" type="unpinned">',
    );
    expect(JSON.parse(readFileSync(path.join(dir, 'out/report.json'), 'utf8')).summary).toMatchObject({
      errors: 1,
      failed: true,
    });
    expect((await depmap(['check'], dir, { tty: true })).stdout).toContain('\x1b[31merror\x1b[0m');
    expect((await depmap(['check'], dir, { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await depmap(['check'], dir)).stdout).not.toContain('\x1b[');
  });

  it('appends the markdown summary to $GITHUB_STEP_SUMMARY, keeping what other steps wrote', async () => {
    const dir = testDir({ 'depmap.yaml': UNPINNED, 'summary.md': '# Build\n\nall good\n' });
    const summary = path.join(dir, 'summary.md');
    const r = await depmap(['check', '--format', 'github', '--output', 'markdown=depmap.md'], dir, {
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(r.code).toBe(1);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# Build\n\nall good\n\n## depmap check\n')).toBe(true);
    expect(text).toContain(
      '| 🔴 error | `unpinned` | `depmap.yaml:6:5` | pkg:npm/lodash: "^4.17.21" is a caret range | pin an exact version, e.g. 4.17.21 |',
    );
    expect(readFileSync(path.join(dir, 'depmap.md'), 'utf8')).toBe(text.slice('# Build\n\nall good\n\n'.length));
    // Without a markdown report the job summary is left alone.
    await depmap(['check'], dir, { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(readFileSync(summary, 'utf8')).toBe(text);
  });

  it('explains itself in --help, with examples', async () => {
    const r = await depmap(['check', '--help'], process.cwd());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--base <ref>');
    expect(r.stdout).toContain('--update-baseline');
  });
});
