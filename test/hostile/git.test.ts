/**
 * Git repos and git URLs a crawl does not control: special files inside .git, missing and
 * corrupt objects, and URLs or revisions that try to reach git as options or transports.
 * None hangs, none runs anything, and each is said with what and where.
 */
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { commit, git, initRepo } from '../helpers/git.js';
import { writeTree } from '../helpers/fs.js';
import { fifo, manifest, symlink } from './cases.js';
import { runRows, type Row } from './harness.js';

/** `org/good` and `org/<name>`: two repos with two commits of their manifest each. */
function historyOrg(dir: string, name = 'bad'): { good: string; bad: string } {
  const repos = { good: path.join(dir, 'org', 'good'), bad: path.join(dir, 'org', name) };
  for (const [id, repo] of Object.entries({ good: repos.good, [name]: repos.bad })) {
    initRepo(repo);
    commit(repo, { files: { 'depmap.yaml': manifest(id, 'libraries:\n  - pkg:npm/a@1.0.0\n') } }, 0);
    commit(repo, { files: { 'depmap.yaml': manifest(id, 'libraries:\n  - pkg:npm/a@2.0.0\n') } }, 1);
  }
  return repos;
}

/** The object file of `rev:path` (the repo's objects are loose: it was just committed). */
function objectFile(repo: string, spec: string): string {
  const oid = git(repo, ['rev-parse', spec]);
  return path.join(repo, '.git', 'objects', oid.slice(0, 2), oid.slice(2));
}

const URL_HINT = 'use an https://, ssh://, git://, file:// or git@host:org/repo.git URL';

function urlRow(name: string, url: string, why: string, command = 'scan'): Row {
  return {
    name: `${command} refuses ${name}`,
    setup: (dir) => ({ args: [command, url], env: { DEPMAP_CACHE_DIR: path.join(dir, 'cache') } }),
    code: 2,
    says: ['refusing git URL', why, URL_HINT],
    absent: ['MARK'],
  };
}

const rows: Row[] = [
  {
    name: "timeline: .git/HEAD as a FIFO is refused, the other repo's history is shown",
    setup: (dir) => {
      const { bad } = historyOrg(dir);
      rmSync(path.join(bad, '.git', 'HEAD'));
      fifo(path.join(bad, '.git', 'HEAD'));
      return { args: ['timeline', 'org'] };
    },
    code: 1,
    says: [/bad: \S*org\/bad: \.git\/HEAD is a FIFO \(named pipe\); depmap does not run git on it/],
    stdoutSays: ['good: pkg:npm/a 1.0.0 → 2.0.0'],
  },
  {
    name: "timeline: .git symlinked to /dev/zero is refused, the other repo's history is shown",
    setup: (dir) => {
      const { bad } = historyOrg(dir);
      renameSync(path.join(bad, '.git'), path.join(dir, 'moved-git'));
      symlink('/dev/zero', path.join(bad, '.git'));
      return { args: ['timeline', 'org'] };
    },
    code: 1,
    says: ['org/bad: .git is a character device; depmap does not run git on it'],
    stdoutSays: ['good: pkg:npm/a 1.0.0 → 2.0.0'],
  },
  {
    name: 'timeline: packed-refs as a FIFO is refused before git waits on it',
    setup: (dir) => {
      const { bad } = historyOrg(dir);
      fifo(path.join(bad, '.git', 'packed-refs'));
      return { args: ['timeline', 'org'] };
    },
    code: 1,
    says: ['.git/packed-refs is a FIFO (named pipe); depmap does not run git on it'],
    stdoutSays: ['good: pkg:npm/a 1.0.0 → 2.0.0'],
  },
  {
    name: 'timeline: git stopped on a loose object that is a FIFO, the crawl goes on (DEPMAP_GIT_TIMEOUT)',
    setup: (dir) => {
      const { bad } = historyOrg(dir);
      const file = objectFile(bad, 'HEAD~1:depmap.yaml');
      rmSync(file, { force: true });
      fifo(file);
      return { args: ['timeline', 'org'], env: { DEPMAP_GIT_TIMEOUT: '2' } };
    },
    code: 1,
    says: ['gave no output for 2 s and was stopped', 'a file in its .git may be a FIFO or a device'],
    stdoutSays: ['good: pkg:npm/a 1.0.0 → 2.0.0'],
  },
  {
    name: 'timeline: a corrupt object is named with its commit, not silently skipped',
    setup: (dir) => {
      const { bad } = historyOrg(dir);
      const file = objectFile(bad, 'HEAD~1:depmap.yaml');
      chmodSync(file, 0o644);
      writeFileSync(file, 'garbage');
      return { args: ['timeline', 'org/bad'] };
    },
    code: 1,
    says: [
      /git object [0-9a-f]{40} \(depmap\.yaml at commit [0-9a-f]{12}\) is missing or corrupt; that version is left out/,
      'git fsck',
    ],
  },
  {
    name: 'timeline: a missing object is named with its commit',
    setup: (dir) => {
      const { bad } = historyOrg(dir);
      rmSync(objectFile(bad, 'HEAD:depmap.yaml'));
      return { args: ['timeline', 'org'] };
    },
    code: 1,
    says: [/bad: git object [0-9a-f]{40} \(depmap\.yaml at commit [0-9a-f]{12}\) is missing or corrupt/],
    stdoutSays: ['good: pkg:npm/a 1.0.0 → 2.0.0'],
  },
  {
    name: 'check --base: a manifest whose object is missing at the base is not judged, and says which object',
    setup: (dir) => {
      const { bad } = historyOrg(dir);
      rmSync(objectFile(bad, 'HEAD~1:depmap.yaml'));
      return { args: ['check', '--base', 'HEAD~1'], cwd: 'org/bad' };
    },
    code: 0,
    stdoutSays: [
      /cannot read depmap\.yaml at HEAD~1: git object [0-9a-f]{40} is missing or corrupt; new dependencies not judged/,
    ],
  },
  {
    name: 'diff: a revision that starts with "-" is refused before git sees it',
    setup: (dir) => {
      historyOrg(dir);
      return { args: ['diff', '--output=/tmp/depmap-pwned', 'HEAD', 'org/bad'] };
    },
    code: 2,
    absent: ['/tmp/depmap-pwned'],
  },
  {
    name: 'check --base refuses a revision that starts with "-"',
    setup: (dir) => {
      historyOrg(dir);
      return { args: ['check', '--base=--output=MARK'], cwd: 'org/bad' };
    },
    code: 2,
    says: ['refusing revision "--output=MARK": it starts with "-"'],
    absent: ['org/bad/MARK'],
  },
  {
    name: 'diff refuses a revision with a line break',
    setup: (dir) => {
      historyOrg(dir);
      return { args: ['diff', 'HEAD\nHEAD~1', 'HEAD', 'org/bad'] };
    },
    code: 2,
    says: ['refusing revision', 'control characters'],
  },
  urlRow('an ext:: transport (it runs a command)', 'ext::sh -c touch% MARK', 'it contains whitespace'),
  urlRow(
    'an ext:: transport without spaces',
    'ext::sh%20-c%20touch%20MARK',
    'transport helpers such as ext:: and fd:: can run commands',
  ),
  urlRow('an fd:: transport', 'fd::3', 'transport helpers'),
  urlRow('a URL smuggling --upload-pack', 'file:///tmp/x#--upload-pack=touch', 'it carries a git option'),
  urlRow('a URL with a ref that is an option', 'file:///tmp/x#-b', 'is not a valid branch, tag or commit'),
  urlRow(
    'an ssh host that is an option',
    'ssh://-oProxyCommand=touch%20MARK/repo.git',
    'its host or user starts with "-"',
  ),
  urlRow('an scp-like host that is an option', 'git@-oProxyCommand=touch:repo.git', 'it is not a URL'),
  {
    name: 'scan refuses a source that is an option after --',
    setup: () => ({ args: ['scan', '--', '--upload-pack=touch MARK'] }),
    code: 2,
    says: ['refusing git URL "--upload-pack=touch MARK"', URL_HINT],
    absent: ['MARK'],
  },
  {
    name: 'scan takes an option-like source before -- as an unknown option, never as a path or URL',
    setup: () => ({ args: ['scan', '--upload-pack=touch MARK'] }),
    code: 2,
    says: ["unknown option '--upload-pack=touch MARK'"],
    absent: ['MARK'],
  },
  urlRow('a ref with ".."', 'https://example.com/org/repo.git#../../etc', 'is not a valid branch'),
  urlRow('an unknown scheme', 'javascript://example.com/%0aalert(1)', 'the javascript scheme is not allowed'),
  urlRow('a URL with a line break', 'https://example.com/a\n::error::INJECTED', 'whitespace or control characters'),
  urlRow('git URLs in timeline too', 'ext::sh%20-c%20touch%20MARK', 'transport helpers', 'timeline'),
  {
    name: 'a refused URL with a password does not print the password',
    setup: (dir) => ({
      args: ['scan', 'https://user:hunter2@example.com/a.git#bad..ref'],
      env: { DEPMAP_CACHE_DIR: path.join(dir, 'cache') },
    }),
    code: 2,
    says: ['refusing git URL "https://***@example.com/a.git#bad..ref"'],
    then: (run) => expect(run.stderr).not.toContain('hunter2'),
  },
  {
    name: 'a refused URL in depmap.config.yaml is reported at its line',
    setup: (dir) => {
      writeTree(dir, { 'depmap.config.yaml': 'sources:\n  - ./here\n  - url: "ext::sh%20-c%20touch%20MARK"\n' });
      mkdirSync(path.join(dir, 'here'));
      return { args: ['scan'] };
    },
    code: 2,
    says: ['depmap.config.yaml:3:10: refusing git URL', 'transport helpers'],
    absent: ['MARK'],
  },
  {
    name: 'a missing folder in depmap.config.yaml is reported at its line',
    setup: (dir) => {
      writeTree(dir, { 'depmap.config.yaml': 'sources:\n  - ./nope\n' });
      return { args: ['list', 'components'] };
    },
    code: 2,
    says: ['depmap.config.yaml:2:5:', 'nope does not exist'],
  },
  {
    name: 'timeline: a date that is not a date is a usage error',
    setup: (dir) => {
      historyOrg(dir);
      return { args: ['timeline', 'org', '--since', 'yesterday; rm -rf /'] };
    },
    code: 2,
    says: ['--since'],
  },
];

/**
 * The history reads again with git started by the helper process (history/git-runner.ts), as a
 * read of many repos starts it: the same refusals, the same stop of a stalled git (its kill
 * goes through the helper), the same reports.
 */
const throughHelper: Row[] = rows
  .filter((row) => row.name.startsWith('timeline:'))
  .map((row) => ({
    ...row,
    name: `${row.name} (git started by the helper process)`,
    setup: async (dir: string) => {
      const setup = await row.setup(dir);
      return { ...setup, env: { ...setup.env, DEPMAP_GIT_RUNNER: '1' } };
    },
  }));

describe('hostile git repos and URLs', () => runRows([...rows, ...throughHelper]));
