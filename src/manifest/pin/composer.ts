/**
 * Composer: a constraint of composer.json `require`.
 *
 * - Pinned: an exact version, with or without `v` (`v6.4.8`), Composer's four-part versions
 *   (`2.4.0.1`) and stability suffixes (`1.0.0-RC1`, `2.0.0-beta.2`, `1.2.3-p1`); a stability
 *   flag (`1.2.3@beta`) does not loosen it. Composer reads a bare partial version as exact
 *   too (`1.2` means 1.2.0.0 only), so `1.2` is pinned.
 * - A branch pinned to a commit, `dev-main#2eb0c0978d290a1c45346a1955188929cb4e5db7`, is pinned.
 * - Not pinned: `^ ~ > < >= <= != *`, wildcards `6.4.*`, hyphen ranges, `||`/`|` unions, AND
 *   lists (`>=1.0 <2.0`, `>=1.0,<2.0`), branches `dev-master`, `dev-feature/x` and branch
 *   aliases `1.x-dev`. An inline alias (`dev-main as 1.0.x-dev`) is judged by its left side.
 * - In `resolved` syntax (composer.lock) any version is pinned except a branch without
 *   `#<sha>`: the importer is expected to append the lock's source reference.
 */
import semver from 'semver';
import type { PinVerdict, VersionSyntax } from '../types.js';
import { checkGitRef } from './git-ref.js';
import { FULL_VERSION_START, classifyRange } from './semver-range.js';
import { PINNED, quote, unpinned } from './verdict.js';

const PLAIN = /^v?\d+\.\d+\.\d+$/;
/** Composer's VersionParser::$modifierRegex, after 1–4 numeric parts. */
const EXACT = /^v?\d+(?:\.\d+){0,3}(?:[._-]?(?:stable|beta|b|RC|alpha|a|patch|pl|p)(?:[.-]?\d+)*)?$/i;
const FLAG = /@(?:dev|alpha|beta|RC|stable)$/i;
const ALIAS = /\s+as\s+/;
const DEV_SUFFIX = /[.-]dev$/i;
const BRANCH_HINT = 'pin a tagged release, or the branch at a commit: dev-main#<40-hex sha>';

export function checkComposer(version: string, syntax: VersionSyntax): PinVerdict {
  if (PLAIN.test(version)) return PINNED;
  let spec = version;
  if (ALIAS.test(spec)) spec = spec.split(ALIAS)[0] ?? spec;
  if (FLAG.test(spec)) {
    const at = spec.lastIndexOf('@');
    if (at === 0) return unpinned(`${quote(version)} matches any version of that stability`, 'pin an exact version');
    spec = spec.slice(0, at);
  }
  if (spec.startsWith('dev-')) {
    const hash = spec.indexOf('#');
    if (hash < 0) return unpinned(`${quote(version)} is a branch`, BRANCH_HINT);
    return checkGitRef(spec.slice(hash + 1), version, BRANCH_HINT);
  }
  if (DEV_SUFFIX.test(spec)) return unpinned(`${quote(version)} is a development branch`, BRANCH_HINT);
  if (syntax === 'resolved') return PINNED;
  if (EXACT.test(spec) || (FULL_VERSION_START.test(spec) && semver.valid(spec, true) !== null)) return PINNED;
  if (spec.includes('|')) {
    return unpinned(`${quote(version)} is a union of ranges`, 'pin an exact version');
  }
  if (spec.includes(',')) return unpinned(`${quote(version)} is a range`, 'pin an exact version');
  if (spec.startsWith('!=')) return unpinned(`${quote(version)} only excludes a version`, 'pin an exact version');
  const verdict = classifyRange(spec, 'is not a version constraint');
  if (spec === version) return verdict;
  return unpinned(verdict.reason?.replace(quote(spec), quote(version)) ?? `${quote(version)} is a range`, verdict.hint);
}
