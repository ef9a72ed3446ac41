import { chmodSync, copyFileSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tempDir, testDir, writeTree } from '../helpers/fs.js';

const fixture = (rel: string) => path.resolve('fixtures/manifests', rel);

describe('depmap validate', () => {
  it('exits 0 on the demo organisation and says so', async () => {
    const result = await runCli(['validate', 'fixtures/demo-org']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/9 manifests checked: all valid \(0 errors, 1 warning\)\n$/);
    expect(result.stdout).toContain(
      'fixtures/demo-org/web-shop/depmap.yaml:15:5: warning: libraries[3]: pkg:npm/lodash: "^4.17.21" is a caret range',
    );
  });

  it('reports every problem grouped per file as path:line:col, then a summary, exit 1', async () => {
    const dir = tempDir();
    copyFileSync(fixture('invalid/unknown-field.yaml'), path.join(dir, 'depmap.yaml'));
    writeTree(dir, { 'svc/depmap.yaml': 'depmap: 1\nname: ok\nkind: service\n' });
    const result = await runCli(['validate'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'depmap.yaml (2 errors, 0 warnings)',
        '  depmap.yaml:2:1: error: nmae: unknown field "nmae"; did you mean "name"?',
        '      hint: allowed here: depmap, name, kind, system, owner, aliases, image, description, tags, links, provides, libraries, services',
        '  depmap.yaml:5:38: error: libraries[0].verison: unknown field "verison"; did you mean "version"?',
        '      hint: allowed here: ecosystem, name, version, scope',
        '',
        '2 manifests checked: 1 invalid (2 errors, 0 warnings)',
        '',
      ].join('\n'),
    );
  });

  it('--strict turns unpinned versions into errors', async () => {
    const file = fixture('invalid/unpinned.yaml');
    const loose = await runCli(['validate', file]);
    expect(loose.code).toBe(0);
    const strict = await runCli(['validate', file, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain(
      'unpinned.yaml:5:5: error: libraries[0]: pkg:npm/express: "^4.19.0" is a caret range',
    );
    expect(strict.stdout).toContain('1 manifest checked: 1 invalid (5 errors, 0 warnings)');
  });

  it('--docker digest asks images for a digest', async () => {
    const dir = testDir({
      'depmap.yaml':
        'depmap: 1\nname: a\nkind: service\nservices:\n  - { name: db, kind: database, image: "postgres:16.3" }\n',
    });
    expect((await runCli(['validate', dir])).stdout).toContain('all valid (0 errors, 0 warnings)');
    const digest = await runCli(['validate', dir, '--docker', 'digest', '--strict']);
    expect(digest.code).toBe(1);
    expect(digest.stdout).toMatch(/depmap.yaml:5:40: error: services\[0\].image: service db: image /);
  });

  it('--format json gives the same as data', async () => {
    const result = await runCli([
      'validate',
      fixture('invalid/bad-values.yaml'),
      fixture('valid/minimal.yaml'),
      '--format',
      'json',
    ]);
    expect(result.code).toBe(1);
    const data = JSON.parse(result.stdout);
    expect(data.summary).toEqual({ files: 2, valid: 1, invalid: 1, errors: 7, warnings: 0 });
    expect(data.files[0].problems[0]).toMatchObject({
      severity: 'error',
      code: 'invalid-value',
      line: 3,
      col: 7,
      path: 'kind',
      hint: expect.stringContaining('service'),
    });
    expect(data.files[1]).toMatchObject({ valid: true, component: 'tiny', problems: [] });
  });

  it('skips node_modules, vendor and .git, and symlinks that leave the folder', async () => {
    const outside = testDir({ 'depmap.yaml': 'not: valid\n' });
    const dir = testDir({
      'depmap.yaml': 'depmap: 1\nname: a\nkind: service\n',
      'node_modules/x/depmap.yaml': 'broken',
      'vendor/y/depmap.yaml': 'broken',
      '.git/depmap.yaml': 'broken',
    });
    symlinkSync(outside, path.join(dir, 'escape'));
    const result = await runCli(['validate', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 manifest checked: all valid');
  });

  it('exit 2 for a missing path or an unreadable file; exit 1 when nothing is found', async () => {
    const missing = await runCli(['validate', 'no/such/dir']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'depmap: no/such/dir does not exist\n  hint: give a depmap.yaml or a folder that contains some\n',
    );
    const empty = await runCli(['validate', tempDir()]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('no depmap.yaml found under');
    if (process.getuid?.() !== 0) {
      const dir = testDir({ 'depmap.yaml': 'depmap: 1\nname: a\nkind: service\n' });
      chmodSync(path.join(dir, 'depmap.yaml'), 0o000);
      const unreadable = await runCli(['validate', dir]);
      expect(unreadable.code).toBe(2);
      expect(unreadable.stderr).toContain('EACCES');
    }
  });

  it('hostile files are findings with positions, never crashes', async () => {
    const files = readdirSync(fixture('invalid')).map((f) => fixture(`invalid/${f}`));
    const result = await runCli(['validate', ...files, '--format', 'json']);
    expect(result.code).toBe(1);
    const data = JSON.parse(result.stdout) as { files: { file: string; problems: { code: string; line: number }[] }[] };
    const codes = Object.fromEntries(data.files.map((f) => [path.basename(f.file), f.problems[0]?.code]));
    expect(codes).toMatchObject({
      'alias-bomb.yaml': 'yaml-limit',
      'empty.yaml': 'empty',
      'latin1.yaml': 'encoding',
      'multi-doc.yaml': 'multiple-documents',
      'duplicate-key.yaml': 'duplicate-key',
      'syntax.yaml': 'yaml-syntax',
      'future-version.yaml': 'spec-version',
    });
  });
});

describe('depmap --help and --version', () => {
  it('lists every command with examples', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of [
      'init',
      'validate',
      'scan',
      'merge',
      'impact',
      'deps',
      'why',
      'cycles',
      'skew',
      'list',
      'render',
      'docs',
      'diff',
      'timeline',
      'check',
      'export',
      'schema',
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(result.stdout).toContain('Examples:');
  });

  it('every command has --help with examples', async () => {
    for (const command of ['validate', 'scan', 'merge', 'impact', 'deps', 'why', 'cycles', 'skew', 'list', 'schema']) {
      const result = await runCli([command, '--help']);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toContain('Examples:');
    }
  });

  it('--version prints the package version; unknown commands suggest the nearest', async () => {
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const typo = await runCli(['valdate']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('(Did you mean validate?)');
  });
});
