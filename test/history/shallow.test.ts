/**
 * Whether a clone is shallow is read from its git folder (the `shallow` file, in the common
 * folder for a linked worktree), not asked of a git process: the answer must be git's own.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRepoHistory } from '../../src/history/repo-history.js';
import { tempDir } from '../helpers/fs.js';
import { git, gitRepo } from '../helpers/git.js';

describe('a shallow clone', () => {
  const { dir } = gitRepo([
    { files: { 'depmap.yaml': 'depmap: 1\nname: a\nkind: service\n' } },
    { files: { 'depmap.yaml': 'depmap: 1\nname: a\nkind: job\n' } },
    { files: { 'README.md': 'x\n' } },
  ]);

  it('is said to be one, as git says, in a checkout, a linked worktree and a bare clone', async () => {
    const shallow = path.join(tempDir('depmap-shallow-'), 'clone');
    git(path.dirname(shallow), ['clone', '-q', '--depth', '1', `file://${dir}`, shallow]);
    const worktree = path.join(tempDir('depmap-worktree-'), 'wt');
    git(shallow, ['worktree', 'add', '-q', '--detach', worktree]);
    const bare = path.join(tempDir('depmap-bare-'), 'bare.git');
    git(path.dirname(bare), ['clone', '-q', '--bare', '--depth', '1', `file://${dir}`, bare]);
    for (const repo of [dir, shallow, worktree, bare]) {
      const expected = git(repo, ['rev-parse', '--is-shallow-repository']) === 'true';
      expect((await readRepoHistory(repo)).shallow, repo).toBe(expected);
    }
    expect((await readRepoHistory(shallow)).shallow).toBe(true);
    expect((await readRepoHistory(dir)).shallow).toBe(false);
  });
});
