/**
 * Every other purl type (generic, hex, pub, swift, cocoapods, conan, conda, cran, hackage,
 * deb, rpm, apk, helm, terraform, …), read the purl way: the version is one exact version.
 *
 * - Pinned: a non-empty version without whitespace.
 * - Not pinned: moving words (`latest`, `head`, `master`, `main`, `stable`, `nightly`, pub's
 *   `any`, …, any case), `*`, wildcards (`1.x`, `1.*`), ranges: a leading `^ ~ > < = !` operator
 *   (`~> 1.2` of hex, `^1.2.3` of pub, `>= 1.0`), `||`, `,`, interval brackets `[1,2)`, and
 *   a trailing `+` (dynamic versions).
 * - A leading `=` counts as a range operator here: depmap cannot know every ecosystem's
 *   meaning of it, and the bare version says the same.
 */
import type { PinVerdict } from '../types.js';
import { MOVING_WORDS, PINNED, exactHint, quote, unpinned } from './verdict.js';

/** The shared moving words, plus pub's and others' `any`. */
const MOVING: ReadonlySet<string> = new Set([...MOVING_WORDS, 'any']);
const NOT_EXACT = /^[\^~><=!*[(]|\|\||,|\s|(?:^|\.)[xX*](?:\.|$)|\+$/;
const WILDCARD = /^\*$|(?:^|\.)[xX*](?:\.|$)/;
const RANGE = /^[\^~><=!*[(]|\|\||,|\+$/;
/** A single lower-bounded comparator, whose operand the hint can offer back. */
const LOWER_BOUNDED = /^(?:\^|~>?|>=|==?)\s*([^\s,|]+)$/;

export function checkGeneric(version: string): PinVerdict {
  if (!NOT_EXACT.test(version) && !isMoving(version)) return PINNED;
  const shown = quote(version);
  if (isMoving(version)) return unpinned(`${shown} names whatever is newest`, 'pin an exact version');
  if (WILDCARD.test(version)) return unpinned(`${shown} is a wildcard`, 'pin an exact version');
  if (RANGE.test(version)) return unpinned(`${shown} is a range`, exactHint(LOWER_BOUNDED.exec(version)?.[1]));
  return unpinned(`${shown} contains whitespace`, 'pin one exact version');
}

function isMoving(version: string): boolean {
  // Every moving word starts with a letter: skip the lower-casing for `1.2.3`.
  return version.charCodeAt(0) >= 0x41 && MOVING.has(version.toLowerCase());
}
