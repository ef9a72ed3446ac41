/**
 * GitHub Actions and GitHub repositories (`githubactions` and `github` purl types): the ref
 * after `@` in `uses: actions/checkout@…`.
 *
 * - Pinned: a full 40-hex commit SHA (64-hex for SHA-256 repositories).
 * - Not pinned: tags (`v4`, `v4.1.7`: an action's tags are re-pointed at will, `v4` at every
 *   release), branches (`main`), and abbreviated SHAs, which Actions refuses to resolve.
 *   The hint asks for the SHA with the tag kept in a comment, the form Dependabot and
 *   Renovate keep updated: `uses: actions/checkout@<sha> # v4.1.7`.
 * - The same in every syntax: a lockfile cannot make a tag immutable.
 */
import type { PinVerdict } from '../types.js';
import { checkGitRef } from './git-ref.js';
import { FULL_SHA, PINNED, SHORT_SHA } from './verdict.js';

export function checkGithubAction(version: string): PinVerdict {
  if (FULL_SHA.test(version)) return PINNED;
  const hint = SHORT_SHA.test(version)
    ? 'use the full 40-character commit sha'
    : `pin the full 40-character commit sha and keep ${JSON.stringify(version)} in a comment`;
  return checkGitRef(version, version, hint);
}
