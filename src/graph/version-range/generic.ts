/**
 * Every other ecosystem (composer, docker, github actions, generic, …): comparator lists on
 * a loose order. A version starts with a digit, after an optional `v`; it is read as runs of
 * digits and of letters, whatever separates them. Numbers compare as numbers, trailing zeros
 * do not count (1.0 == 1.0.0); the words of prereleases (dev < alpha, a < beta, b < milestone,
 * m < rc, cr, pre, preview < snapshot) are below the release, other words (`alpine`, `patch1`)
 * above it, and a number is above any word (1.0-rc.1 < 1.0 < 1.0-alpine < 1.0.1).
 */
import { comparatorList, matcher, splitAlternatives } from './comparators.js';
import { compareDigits, compareTexts, compareWith, type Family, type Ordering } from './ordering.js';

type Token = { number: string } | { word: string };

const LOOSE_VERSION = /^[vV]?\d[0-9A-Za-z.+_~:-]*$/;

const PRERELEASE: Record<string, number> = {
  dev: 0,
  alpha: 1,
  a: 1,
  beta: 2,
  b: 2,
  milestone: 3,
  m: 3,
  rc: 4,
  cr: 4,
  pre: 4,
  preview: 4,
  snapshot: 5,
};

const isZero = (t: Token | undefined): boolean => t !== undefined && 'number' in t && /^0+$/.test(t.number);

function read(text: string): Token[] | undefined {
  const version = text.trim();
  if (!LOOSE_VERSION.test(version)) return undefined;
  const tokens: Token[] = [];
  for (const run of version.replace(/^v/i, '').match(/\d+|[a-z]+/gi) ?? []) {
    // Zeros just before a word or the end do not count: 1.0-rc1 is 1-rc1, 1.0.0 is 1.
    if (/^\D/.test(run)) while (isZero(tokens.at(-1))) tokens.pop();
    tokens.push(/^\d/.test(run) ? { number: run } : { word: run.toLowerCase() });
  }
  while (isZero(tokens.at(-1))) tokens.pop();
  return tokens;
}

/** A word against the end of the other version: prerelease words are below it, others above. */
const wordRank = (word: string): number => (word in PRERELEASE ? -1 : 1);

function compareToken(a: Token | undefined, b: Token | undefined): number {
  if (a === undefined) return b === undefined ? 0 : -compareToken(b, undefined);
  if (b === undefined) return 'number' in a ? 1 : wordRank(a.word);
  if ('number' in a) return 'number' in b ? compareDigits(a.number, b.number) : 1;
  if ('number' in b) return -1;
  const ra = PRERELEASE[a.word];
  const rb = PRERELEASE[b.word];
  if (ra !== undefined && rb !== undefined) return ra - rb;
  if (ra !== undefined || rb !== undefined) return ra !== undefined ? -1 : 1;
  return compareTexts(a.word, b.word);
}

function compare(a: Token[], b: Token[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const order = compareToken(a[i], b[i]);
    if (order !== 0) return order;
  }
  return 0;
}

const ordering: Ordering<Token[]> = { read, compare };

export const generic: Family = {
  examples: '"<2.15.0", ">=1.0, <2.0", "!=1.5" or "<1.2 || >=2.0"',
  compare: (a, b) => compareWith(ordering, a, b),
  matcher(input) {
    return matcher(
      ordering,
      splitAlternatives(input).map((alternative) => comparatorList(input, ordering, alternative)),
    );
  },
};
