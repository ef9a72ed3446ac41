/**
 * Git references, shared by the `git` purl type, git specs inside npm/Composer versions and
 * GitHub Actions: only a full commit SHA names one tree. Branches move, tags can be moved
 * (and often are: `v4` of an action is re-pointed at every release), and an abbreviated SHA
 * is refused by GitHub Actions and can become ambiguous as a repository grows.
 */
import type { PinVerdict } from '../types.js';
import { FULL_SHA, PINNED, SHORT_SHA, isMovingWord, quote, unpinned } from './verdict.js';

const SHA_HINT = 'pin the full 40-character commit sha';

/**
 * `ref` is the reference itself (`main`, `v1.2`, a SHA); `shown` is what the reason quotes
 * (the whole spec, when the ref came out of a URL fragment).
 */
export function checkGitRef(ref: string, shown: string = ref, hint: string = SHA_HINT): PinVerdict {
  if (FULL_SHA.test(ref)) return PINNED;
  if (ref.length === 0) return unpinned(`${quote(shown)} names no commit (the default branch)`, hint);
  if (SHORT_SHA.test(ref)) return unpinned(`${quote(shown)} is an abbreviated commit sha`, hint);
  if (isMovingWord(ref)) return unpinned(`${quote(shown)} is a branch`, hint);
  return unpinned(`${quote(shown)} is a tag or branch, which can move`, hint);
}

/** The `git` purl type: the version is a commit, tag or branch. */
export function checkGit(version: string): PinVerdict {
  return checkGitRef(version);
}
