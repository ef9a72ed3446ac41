/**
 * RubyGems: Gem::Version order and Gem::Requirement operators. A version's segments are its
 * runs of digits and of letters (`1.0.a` is [1, 0, "a"], `-` reads as `.pre.`); a letter
 * segment is a prerelease, below any number (1.0.a < 1.0 < 1.0.1), and trailing zeros do not
 * count (1.0 == 1). `~> 2.1` is ">= 2.1, < 3" and `~> 5.2.0` is ">= 5.2.0, < 5.3", judged on
 * the version without its prerelease part, as RubyGems does.
 */
import { matcher, orderedTest, readBound, readComparators, splitAlternatives, type Test } from './comparators.js';
import { compareDigits, compareTexts, compareWith, type Family, type Ordering } from './ordering.js';
import type { RangeInput } from './syntax-error.js';

/** A segment: digits (a number, kept as text so no size is too big) or letters. */
type Segment = { number: string } | { letters: string };
type GemVersion = Segment[];

const GEM_VERSION = /^[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

function read(text: string): GemVersion | undefined {
  const version = text.trim();
  if (!GEM_VERSION.test(version)) return undefined;
  return (version.replaceAll('-', '.pre.').match(/[0-9]+|[a-z]+/gi) ?? []).map((s) =>
    /^\d/.test(s) ? { number: s } : { letters: s },
  );
}

const isZero = (s: Segment): boolean => 'number' in s && /^0+$/.test(s.number);

/** Trailing zeros dropped from the release part and from the prerelease part, as Gem::Version#canonical_segments. */
function canonical(version: GemVersion): GemVersion {
  const firstLetters = version.findIndex((s) => 'letters' in s);
  const parts = firstLetters < 0 ? [version] : [version.slice(0, firstLetters), version.slice(firstLetters)];
  return parts.flatMap((part) => {
    let end = part.length;
    while (end > 0 && isZero(part[end - 1] as Segment)) end--;
    return part.slice(0, end);
  });
}

const ZERO: Segment = { number: '0' };

function compare(a: GemVersion, b: GemVersion): number {
  const l = canonical(a);
  const r = canonical(b);
  for (let i = 0; i < Math.max(l.length, r.length); i++) {
    const x = l[i] ?? ZERO;
    const y = r[i] ?? ZERO;
    if ('number' in x && 'number' in y) {
      const order = compareDigits(x.number, y.number);
      if (order !== 0) return order;
    } else if ('letters' in x && 'letters' in y) {
      const order = compareTexts(x.letters, y.letters);
      if (order !== 0) return order;
    } else return 'letters' in x ? -1 : 1;
  }
  return 0;
}

/** The version without its prerelease part (Gem::Version#release). */
function release(version: GemVersion): GemVersion {
  const firstLetters = version.findIndex((s) => 'letters' in s);
  return firstLetters < 0 ? version : version.slice(0, firstLetters);
}

/** The upper bound of `~>` (Gem::Version#bump): drop the prerelease and the last number, add one to the one before. */
function bump(version: GemVersion): GemVersion {
  const numbers = release(version).map((s) => ('number' in s ? s.number : '0'));
  if (numbers.length > 1) numbers.pop();
  const last = numbers.pop() ?? '0';
  return [...numbers, String(BigInt(last) + 1n)].map((n) => ({ number: n }));
}

const ordering: Ordering<GemVersion> = { read, compare };

function alternative(input: RangeInput, text: string): Test<GemVersion>[] {
  return readComparators(input, text, ['~>']).map((comparator) => {
    if (comparator.op !== '~>') return orderedTest(input, ordering, comparator);
    const low = readBound(input, ordering, comparator.version);
    const high = bump(low);
    return (v) => compare(v, low) >= 0 && compare(release(v), high) < 0;
  });
}

export const gem: Family = {
  examples: '"~> 5.2.0", ">= 1.0, < 2", "!= 1.5" or "< 6.1.7.1"',
  compare: (a, b) => compareWith(ordering, a, b),
  matcher(input) {
    return matcher(
      ordering,
      splitAlternatives(input).map((text) => alternative(input, text)),
    );
  },
};
