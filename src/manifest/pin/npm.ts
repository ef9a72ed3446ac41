/**
 * npm: the version of a package.json dependency (the same string works as a purl version).
 *
 * - Pinned: one exact semver, with prerelease/build (`4.19.2`, `1.0.0-rc.1+build.5`); `v1.2.3`
 *   and `=1.2.3` too, which npm reads as that exact version.
 * - Ranges are not: `^ ~ > < >= <= * x X ||`, hyphen ranges `1.2.3 - 2.0.0`, partial versions
 *   (`1.2` means any 1.2.x), dist-tags (`latest`, `next`, `beta`).
 * - Git specs (`git+https://…`, `git+ssh://…`, `github:u/r`, the `u/r` shorthand) are pinned only
 *   by a full commit SHA after `#`; `#main`, `#v1.2` and `#semver:^1.2` are not.
 * - Tarball URLs are not: what a URL serves can change and nothing in the spec checks it.
 * - `npm:name@version` aliases follow the aliased version.
 * - `file:`, `link:`, `workspace:`, `portal:` and paths are local code: unpinned with the
 *   reason `local path` (LOCAL_PATH), in every syntax, so a caller can tell and ignore them.
 * - In `resolved` syntax (a lockfile) any version is pinned, except a git spec, which still
 *   needs a commit SHA, and a local path.
 */
import semver from 'semver';
import type { PinVerdict, VersionSyntax } from '../types.js';
import { checkGitRef } from './git-ref.js';
import { FULL_VERSION_START, classifyRange } from './semver-range.js';
import { LOCAL_PATH, PINNED, quote, unpinned } from './verdict.js';

/** The overwhelmingly common case, checked before asking semver. */
const PLAIN = /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$/;
const LOCAL = /^(?:file:|link:|workspace:|portal:|\.\.?(?:[/\\]|$)|[/\\]|~[/\\]|[a-zA-Z]:[/\\])/;
const GIT_PROTOCOL = /^(?:git\+(?:ssh|https?|file):|git:|github:|gitlab:|bitbucket:|gist:|git@[^:/]+:)/i;
/** npm-package-arg's GitHub shorthand `user/repo#ref`. */
const GITHUB_SHORTHAND = /^[^@%/\s.:-][^:@%/\s]*\/[^@\s/%:]+(?:#.*)?$/;
const URL = /^https?:\/\//i;
const HOSTED_GIT_URL =
  /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)\/[^/]+\/[^/#]+\/?(?:#|$)|\.git(?:#|$)/i;
const E_G = /e\.g\. (?=\S)/;
const LOCAL_HINT = 'local packages carry no version; ignore them or publish and pin an exact version';

export function checkNpm(version: string, syntax: VersionSyntax): PinVerdict {
  if (PLAIN.test(version)) return PINNED;
  if (LOCAL.test(version)) return unpinned(LOCAL_PATH, LOCAL_HINT);
  if (version.startsWith('npm:')) return checkAlias(version, syntax);
  if (
    GIT_PROTOCOL.test(version) ||
    GITHUB_SHORTHAND.test(version) ||
    (URL.test(version) && HOSTED_GIT_URL.test(version))
  ) {
    return checkGitSpec(version);
  }
  if (syntax === 'resolved') return PINNED;
  if (URL.test(version)) {
    return unpinned(
      `${quote(version)} is a tarball url, whose content can change`,
      'pin a registry version or a git commit sha',
    );
  }
  if (FULL_VERSION_START.test(version) && semver.valid(version, true) !== null) return PINNED;
  return classifyRange(version);
}

function checkAlias(version: string, syntax: VersionSyntax): PinVerdict {
  // npm:@scope/name@1.2.3 — the version follows the last @ that is not the scope's.
  const at = version.lastIndexOf('@');
  if (at <= 4)
    return unpinned(`${quote(version)} aliases no version (latest)`, 'pin an exact version, e.g. npm:name@1.2.3');
  const target = version.slice(at + 1);
  const verdict = checkNpm(target, syntax);
  if (verdict.pinned || verdict.reason === LOCAL_PATH) return verdict;
  // Speak of the alias as written: `"npm:x@^4.2.0" is a caret range`, `e.g. npm:x@4.2.0`.
  const prefix = version.slice(0, at + 1);
  return unpinned(
    (verdict.reason ?? '').replace(quote(target), quote(version)),
    verdict.hint?.replace(E_G, `e.g. ${prefix}`),
  );
}

function checkGitSpec(version: string): PinVerdict {
  const hash = version.indexOf('#');
  const hint = 'pin the full 40-character commit sha after #';
  if (hash < 0) return unpinned(`${quote(version)} follows the default branch`, hint);
  // npm accepts `#<committish>`, `#semver:<range>` and `::path:<dir>` parts in any order.
  let committish = '';
  for (const part of version.slice(hash + 1).split('::')) {
    if (part.startsWith('semver:')) return unpinned(`${quote(version)} is a git semver range`, hint);
    if (!part.startsWith('path:')) committish = part;
  }
  return checkGitRef(committish, version, hint);
}
