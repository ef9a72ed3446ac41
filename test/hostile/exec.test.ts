/**
 * Code execution from a crawled repo: a repo's .git/config, hooks, attributes and build
 * files name programs git or a package manager would run. depmap only reads: every command
 * that touches the repo runs, and no marker file appears.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/fs.js';
import { commit, git, initRepo } from '../helpers/git.js';
import { manifest } from './cases.js';
import { runRows, type Row } from './harness.js';

/** A repo whose git config, hooks and attributes all try to run `touch <dir>/MARK-<what>`. */
function trappedRepo(dir: string): string {
  const repo = path.join(dir, 'org', 'trap');
  initRepo(repo);
  const mark = (what: string) => `touch ${path.join(dir, `MARK-${what}`)}`;
  commit(
    repo,
    {
      files: {
        'depmap.yaml': manifest('trap', 'libraries:\n  - pkg:npm/a@1.0.0\n'),
        '.gitattributes': '* filter=evil diff=evil\n',
      },
    },
    0,
  );
  commit(
    repo,
    {
      files: {
        'depmap.yaml': manifest('trap', 'libraries:\n  - pkg:npm/a@2.0.0\n  - { from: package.json }\n'),
        'package.json': JSON.stringify({
          name: 'trap',
          version: '1.0.0',
          scripts: { preinstall: mark('npm'), postinstall: mark('npm') },
          dependencies: { a: '2.0.0' },
        }),
        gradlew: `#!/bin/sh\n${mark('gradle')}\n`,
        'setup.py': `import os\nos.system("${mark('python')}")\n`,
        Makefile: `all:\n\t${mark('make')}\n`,
      },
    },
    1,
  );
  const hooks = path.join(dir, 'hooks');
  mkdirSync(hooks, { recursive: true });
  for (const hook of [
    'post-checkout',
    'post-merge',
    'pre-commit',
    'reference-transaction',
    'fsmonitor-watchman',
    'pre-auto-gc',
  ]) {
    writeFileSync(path.join(hooks, hook), `#!/bin/sh\n${mark(`hook-${hook}`)}\n`);
    chmodSync(path.join(hooks, hook), 0o755);
  }
  const settings: [string, string][] = [
    ['core.fsmonitor', mark('fsmonitor')],
    ['core.hooksPath', hooks],
    ['core.pager', mark('pager')],
    ['pager.log', mark('pager-log')],
    ['core.sshCommand', mark('ssh')],
    ['core.gitProxy', mark('proxy')],
    ['core.askPass', mark('askpass')],
    ['credential.helper', `!${mark('credential')}`],
    ['diff.external', mark('diff-external')],
    ['diff.evil.textconv', mark('textconv')],
    ['diff.evil.command', mark('diff-command')],
    ['filter.evil.clean', mark('filter-clean')],
    ['filter.evil.smudge', mark('filter-smudge')],
    ['filter.evil.process', mark('filter-process')],
    ['gpg.program', mark('gpg')],
    ['log.showSignature', 'true'],
    ['core.editor', mark('editor')],
    ['sequence.editor', mark('sequence-editor')],
    ['uploadpack.packObjectsHook', mark('pack-objects')],
    ['alias.log', `!${mark('alias')}`],
  ];
  for (const [key, value] of settings) git(repo, ['config', key, value]);
  writeFileSync(path.join(dir, 'included.cfg'), `[core]\n\tfsmonitor = ${mark('include')}\n`);
  git(repo, ['config', 'include.path', path.join(dir, 'included.cfg')]);
  writeFileSync(path.join(repo, '.git', 'hooks', 'post-checkout'), `#!/bin/sh\n${mark('local-hook')}\n`);
  chmodSync(path.join(repo, '.git', 'hooks', 'post-checkout'), 0o755);
  return repo;
}

const MARKS = [
  'npm',
  'gradle',
  'python',
  'make',
  'fsmonitor',
  'pager',
  'pager-log',
  'ssh',
  'proxy',
  'askpass',
  'credential',
  'diff-external',
  'textconv',
  'diff-command',
  'filter-clean',
  'filter-smudge',
  'filter-process',
  'gpg',
  'editor',
  'sequence-editor',
  'pack-objects',
  'alias',
  'include',
  'local-hook',
  ...['post-checkout', 'post-merge', 'pre-commit', 'reference-transaction', 'fsmonitor-watchman', 'pre-auto-gc'].map(
    (h) => `hook-${h}`,
  ),
].map((m) => `MARK-${m}`);

function execRow(
  command: string,
  args: (repo: string, dir: string) => string[],
  code: number | number[] = [0, 1],
  cwd?: (dir: string) => string,
): Row {
  return {
    name: `${command} runs nothing a crawled repo configures (git config, hooks, filters, build files)`,
    setup: (dir) => {
      const repo = trappedRepo(dir);
      const setup: { args: string[]; cwd?: string; env: Record<string, string> } = {
        args: args(repo, dir),
        env: { DEPMAP_CACHE_DIR: path.join(dir, 'cache'), GIT_PAGER: '', PAGER: '' },
      };
      if (cwd) setup.cwd = cwd(dir);
      return setup;
    },
    code,
    absent: MARKS,
    limit: 60_000,
  };
}

const rows: Row[] = [
  execRow('scan', () => ['scan', 'org', '--out', 'g.json']),
  execRow('scan --discover', () => ['scan', 'org', '--discover', '--out', 'g.json']),
  execRow('validate', () => ['validate', 'org']),
  execRow('timeline', () => ['timeline', 'org']),
  execRow('diff of two revisions', (repo) => ['diff', 'HEAD~1', 'HEAD', repo]),
  execRow('diff of two dates', () => ['diff', '--from-date', '2024-01-01', '--to-date', '2024-01-03', 'org']),
  execRow(
    'check --base',
    () => ['check', '--base', 'HEAD~1'],
    [0, 1],
    () => 'org/trap',
  ),
  execRow('docs with the timeline page', () => ['docs', 'org', '--out', 'out', '--no-svg']),
  execRow('init --dry-run', (repo) => ['init', repo, '--dry-run'], 0),
  execRow('scan of the repo as a file:// git URL', (repo) => ['scan', `file://${repo}`, '--out', 'g.json']),
  execRow('timeline of the repo as a file:// git URL', (repo) => ['timeline', `file://${repo}`]),
];

describe('no code runs from a crawled repo', () => {
  // The traps are armed: plain git, run the way a careless tool would, springs them.
  it('the trapped repo runs its traps under plain git (so the rows below can fail)', () => {
    const dir = tempDir('depmap-hostile-');
    const repo = trappedRepo(dir);
    for (const args of [['status'], ['diff', 'HEAD~1', 'HEAD'], ['log', '-p', '--ext-diff', '-1']]) {
      try {
        git(repo, args);
      } catch {
        // a trap's program prints nothing git can use: what counts is that it ran
      }
    }
    expect(existsSync(path.join(dir, 'MARK-include')), 'core.fsmonitor from an included file').toBe(true);
    expect(
      ['diff-command', 'diff-external', 'textconv', 'filter-process', 'filter-clean'].some((what) =>
        existsSync(path.join(dir, `MARK-${what}`)),
      ),
      'a diff driver or filter',
    ).toBe(true);
  });
  runRows(rows);
});
