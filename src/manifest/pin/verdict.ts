/**
 * Building blocks shared by the per-ecosystem pin rules: the one pinned verdict, the
 * unpinned constructor and the patterns several ecosystems agree on (commit SHAs, the
 * moving words no ecosystem treats as a version).
 *
 * Verdicts are built only on the unpinned path; every pinned result is the same frozen
 * object, so a scan of 100,000 versions allocates nothing for the pinned majority.
 */
import type { PinVerdict } from '../types.js';

/** The verdict of every pinned version. Frozen: it is shared, never mutate it. */
export const PINNED: PinVerdict = Object.freeze({ pinned: true });

/** Reason given for `file:`, `link:`, `workspace:` and path specs; callers may choose to ignore them. */
export const LOCAL_PATH = 'local path';

export function unpinned(reason: string, hint?: string): PinVerdict {
  return hint === undefined ? { pinned: false, reason } : { pinned: false, reason, hint };
}

export function quote(text: string): string {
  return JSON.stringify(text);
}

export const NO_VERSION: PinVerdict = Object.freeze({
  pinned: false,
  reason: 'no version',
  hint: 'pin an exact version',
});

/** A full git object name: SHA-1 (40 hex) or SHA-256 (64 hex). Git accepts either case. */
export const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
/** What looks like an abbreviated commit: 7 to 39 hex digits with at least one digit. */
export const SHORT_SHA = /^(?=[a-f]*\d)[0-9a-f]{7,39}$/i;

/** Words that name whatever is newest, in every ecosystem that has them. */
export const MOVING_WORDS: ReadonlySet<string> = new Set([
  'latest',
  'head',
  'master',
  'main',
  'trunk',
  'develop',
  'dev',
  'next',
  'canary',
  'nightly',
  'stable',
  'current',
  'release',
  'snapshot',
  'edge',
  'lts',
  'unstable',
]);

export function isMovingWord(version: string): boolean {
  // Every moving word starts with a letter; versions mostly start with a digit or `v`.
  if (version.charCodeAt(0) < 0x41) return false;
  return MOVING_WORDS.has(version) || MOVING_WORDS.has(version.toLowerCase());
}

/**
 * A version with at least major.minor.patch ("named fully"): only such an operand is offered
 * back in a hint, because `~> 7.1` or `^4` do not say which release the author had in mind.
 */
const THREE_PART = /^v?\d+\.\d+\.\d+(?:[-+.][0-9A-Za-z.+-]*)?$/;

/** `"^4.19.0"` → `"pin an exact version, e.g. 4.19.0"` when the operand is named fully. */
export function exactHint(operand: string | undefined, render: (v: string) => string = identity): string {
  return operand !== undefined && THREE_PART.test(operand)
    ? `pin an exact version, e.g. ${render(operand)}`
    : 'pin an exact version';
}

function identity(v: string): string {
  return v;
}
