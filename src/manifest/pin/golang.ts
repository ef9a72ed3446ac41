/**
 * Go modules: the version of a go.mod `require`, or of a golang purl.
 *
 * - Pinned: canonical semantic versions with the `v` prefix (`v1.9.1`, `v1.0.0-rc.1`),
 *   `+incompatible` (`v2.0.0+incompatible`) and pseudo-versions
 *   (`v0.0.0-20240101120000-abcdef123456`, `v1.2.4-0.20191109021931-daa7c04131f5`): each
 *   names one module zip, checked by go.sum. A full 40-hex commit is pinned too.
 * - Not pinned: queries (`latest`, `upgrade`, `patch`), branches (`master`), partial versions
 *   (`v1`, `v1.9`: `go get` reads them as "newest v1.9.x"), comparisons (`>=v1.2.0`), a
 *   version without the `v` (`1.9.1`: the hint adds it), build metadata other than
 *   `+incompatible`.
 * - In `purl` syntax an abbreviated commit (7+ hex digits) is pinned as well: the purl spec's
 *   own example is `pkg:golang/github.com/gorilla/context@234fd47e07d1004f0aed9c`.
 */
import type { PinVerdict, VersionSyntax } from '../types.js';
import { FULL_SHA, PINNED, SHORT_SHA, isMovingWord, quote, unpinned } from './verdict.js';

const NUM = '(?:0|[1-9]\\d*)';
const PRE_ID = '(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)';
const CANONICAL = new RegExp(`^v${NUM}\\.${NUM}\\.${NUM}(?:-${PRE_ID}(?:\\.${PRE_ID})*)?(?:\\+incompatible)?$`);
const PARTIAL = /^v\d+(?:\.\d+)?$/;
const QUERIES: ReadonlySet<string> = new Set(['latest', 'upgrade', 'patch', 'none']);

export function checkGolang(version: string, syntax: VersionSyntax): PinVerdict {
  if (CANONICAL.test(version) || FULL_SHA.test(version)) return PINNED;
  if (syntax === 'purl' && SHORT_SHA.test(version)) return PINNED;
  const shown = quote(version);
  const hint = 'pin an exact module version, e.g. v1.2.3 or a pseudo-version';
  if (QUERIES.has(version)) return unpinned(`${shown} is a version query`, hint);
  if (isMovingWord(version)) return unpinned(`${shown} is a branch`, hint);
  if (PARTIAL.test(version)) return unpinned(`${shown} is a partial version (newest ${version}.x)`, hint);
  if (CANONICAL.test(`v${version}`)) return unpinned(`${shown} lacks the v prefix`, `add the v prefix: v${version}`);
  if (SHORT_SHA.test(version)) {
    return unpinned(`${shown} is an abbreviated commit`, 'use the pseudo-version go get records for it');
  }
  if (version.charCodeAt(0) === 0x3c || version.charCodeAt(0) === 0x3e)
    return unpinned(`${shown} is a version query`, hint);
  return unpinned(`${shown} is not a canonical module version`, hint);
}
