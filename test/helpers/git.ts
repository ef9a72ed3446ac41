/**
 * Real git repositories for tests. `gitRepo()` commits a list of file states with chosen
 * dates and authors, so history tests see exactly the commits they describe.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { tempDir, writeTree } from './fs.js';

export interface CommitSpec {
  /** Files to write (content) or delete (null), relative to the repo root. */
  files: Record<string, string | null>;
  message?: string;
  /** ISO date used as both author and committer date. */
  date?: string;
  author?: string;
  /** Rename before writing files: [from, to]. */
  rename?: [string, string][];
}

const BASE_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
};

export function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...BASE_ENV, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Initializes a repo on branch main with a fixed identity. */
export function initRepo(dir: string): string {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', 'Test User']);
  git(dir, ['config', 'user.email', 'test@example.com']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  return dir;
}

/** Commits one state of files; returns the commit id. */
export function commit(dir: string, spec: CommitSpec, index = 0): string {
  for (const [from, to] of spec.rename ?? []) {
    mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
    git(dir, ['mv', from, to]);
  }
  const writes: Record<string, string> = {};
  for (const [rel, content] of Object.entries(spec.files)) {
    if (content === null) rmSync(path.join(dir, rel), { force: true });
    else writes[rel] = content;
  }
  writeTree(dir, writes);
  git(dir, ['add', '-A']);
  const date = spec.date ?? new Date(Date.UTC(2024, 0, 1 + index)).toISOString();
  const [name, email] = (spec.author ?? 'Test User <test@example.com>').match(/^(.*) <(.*)>$/)?.slice(1) ?? [
    'Test User',
    'test@example.com',
  ];
  git(dir, ['commit', '-q', '--allow-empty', '-m', spec.message ?? `commit ${index + 1}`], {
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
    GIT_AUTHOR_NAME: name as string,
    GIT_AUTHOR_EMAIL: email as string,
    GIT_COMMITTER_NAME: name as string,
    GIT_COMMITTER_EMAIL: email as string,
  });
  return git(dir, ['rev-parse', 'HEAD']);
}

/** A new repo in a temp folder with `commits` applied in order; returns its path and commit ids. */
export function gitRepo(commits: CommitSpec[], dir = tempDir('depmap-git-')): { dir: string; commits: string[] } {
  initRepo(dir);
  const ids = commits.map((spec, i) => commit(dir, spec, i));
  return { dir, commits: ids };
}

/** A bare clone of `source`, for file:// URL tests. */
export function bareClone(source: string): string {
  const dir = tempDir('depmap-bare-');
  git(path.dirname(dir), ['clone', '-q', '--bare', source, dir]);
  return dir;
}
