#!/usr/bin/env node
/**
 * Makes each folder of fixtures/demo-org a git repo with the history that
 * fixtures/demo-org.history.yaml describes, so the demo's timeline is the demo's own, not this
 * project's commits. Deterministic (fixed authors, dates and committer), and rebuilt on every
 * run: the last commit of each repo is its depmap.yaml as it is now. Needs git; without it,
 * says so and leaves the folders as they are (the demo's docs then have no timeline page).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const org = path.join(root, 'fixtures', 'demo-org');
const spec = parse(readFileSync(path.join(root, 'fixtures', 'demo-org.history.yaml'), 'utf8'));

try {
  execFileSync('git', ['--version'], { stdio: 'ignore' });
} catch {
  process.stderr.write('demo-history: git is not installed: the demo organisation has no history of its own\n');
  process.exit(0);
}

const env = {
  PATH: process.env.PATH ?? '',
  HOME: path.join(org, '.no-home'),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  LC_ALL: 'C',
};
const git = (cwd, args, extra = {}, input) =>
  execFileSync('git', args, {
    cwd,
    env: { ...env, ...extra },
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });

for (const [repo, commits] of Object.entries(spec.repos)) {
  const dir = path.join(org, repo);
  const file = path.join(dir, 'depmap.yaml');
  if (!existsSync(file)) throw new Error(`demo-history: ${repo} has no depmap.yaml`);
  const final = readFileSync(file, 'utf8');
  rmSync(path.join(dir, '.git'), { recursive: true, force: true });
  git(dir, ['init', '-q', '-b', 'main']);
  commits.forEach((c, i) => {
    let text = final;
    for (const [from, to] of Object.entries(c.replace ?? {})) {
      if (!text.includes(from))
        throw new Error(`demo-history: ${repo} commit ${i + 1}: "${from}" is not in depmap.yaml`);
      text = text.split(from).join(to);
    }
    for (const line of c.drop ?? []) {
      if (!text.includes(`${line}\n`))
        throw new Error(`demo-history: ${repo} commit ${i + 1}: the line "${line}" is not in depmap.yaml`);
      text = text.replace(`${line}\n`, '');
    }
    if (i === commits.length - 1 && text !== final)
      throw new Error(`demo-history: ${repo}: the last commit must be depmap.yaml as it is`);
    const blob = git(dir, ['hash-object', '-w', '--stdin'], {}, text).toString().trim();
    git(dir, ['update-index', '--add', '--cacheinfo', `100644,${blob},depmap.yaml`]);
    const tree = git(dir, ['write-tree']).toString().trim();
    const [, name, email] = /^(.*) <(.*)>$/.exec(spec.authors[c.author]);
    const date = new Date(c.date).toISOString();
    const who = {
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email,
      GIT_COMMITTER_DATE: date,
    };
    const parent = i === 0 ? [] : ['-p', git(dir, ['rev-parse', 'HEAD']).toString().trim()];
    const commit = git(dir, ['commit-tree', tree, ...parent, '-m', c.message], who)
      .toString()
      .trim();
    git(dir, ['update-ref', 'refs/heads/main', commit]);
  });
  // The working tree is the file as it is: nothing to commit.
  git(dir, ['reset', '-q']);
}
