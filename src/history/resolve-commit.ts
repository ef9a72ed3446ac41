/**
 * A user's revision (a branch, a tag, `HEAD~3`, `origin/main`, a sha prefix) to a commit.
 * Revisions are checked before they reach git, and a name that resolves to nothing is told
 * apart from a repo that has no commits yet.
 */
import { IoError, UsageError } from '../errors.js';
import { CatFile } from './cat-file.js';
import { runGit, type GitCall } from './run-git.js';

const HISTORY_HINT =
  'fetch more history: `git fetch --unshallow`, or in GitHub Actions actions/checkout with fetch-depth: 0';

/**
 * Refuses revisions that could be read as options or break line-based protocols. Anything
 * else is left to git to resolve (branches, tags, `HEAD~3`, `origin/main`, sha prefixes).
 */
function checkRevision(rev: string): void {
  if (rev.length === 0) throw new UsageError('empty revision');
  if (rev.startsWith('-'))
    throw new UsageError(`refusing revision "${rev}": it starts with "-" and would be read as an option`);
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(rev) || rev.length > 1000)
    throw new UsageError(`refusing revision ${JSON.stringify(rev)}: control characters or too long`);
}

/**
 * Resolves a user's revision to a commit id through an open cat-file, or throws with a hint.
 * `call` lets a failure tell a repo without commits from a name that is not there.
 */
export async function resolveCommit(cat: CatFile, rev: string, where: string, call?: GitCall): Promise<string> {
  checkRevision(rev);
  const [found] = await cat.get([`${rev}^{commit}`]);
  if (found?.oid) return found.oid;
  if (call && !(await hasCommits(cat, call))) {
    throw new IoError(`${where} has no commits yet, so it has no revision "${rev}"`, {
      hint: 'commit a depmap.yaml first, or give another repo',
    });
  }
  throw new IoError(`unknown revision "${rev}" in ${where}`, {
    hint: `check the name; in a shallow or single-branch clone, ${HISTORY_HINT}`,
  });
}

/** False for a fresh `git init`: HEAD is unborn and no branch or tag points anywhere. */
async function hasCommits(cat: CatFile, call: GitCall): Promise<boolean> {
  const [head] = await cat.get(['HEAD^{commit}']);
  if (head?.oid) return true;
  const refs = await runGit(['for-each-ref', '--count=1', '--format=%(objectname)'], call).catch(() => Buffer.alloc(0));
  return refs.toString('utf8').trim() !== '';
}

/** True when `rev` names a commit in the repo at `dir`; false outside a repo or for anything else. */
export async function isRevision(dir: string, rev: string, env?: NodeJS.ProcessEnv): Promise<boolean> {
  try {
    checkRevision(rev);
  } catch {
    return false;
  }
  const cat = new CatFile(env ? { cwd: dir, env } : { cwd: dir });
  try {
    const [found] = await cat.get([`${rev}^{commit}`]);
    return found?.oid !== undefined;
  } catch {
    return false;
  } finally {
    cat.close();
  }
}
