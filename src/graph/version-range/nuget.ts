/**
 * NuGet: versions of up to four numbers with a SemVer 2 prerelease, compared without regard
 * to case (1.0 == 1.0.0.0; 1.0.0-Beta == 1.0.0-beta; metadata after `+` ignored); interval
 * notation `[1.0,2.0)`, `(,2.0)`, `[1.0]`, and comparator lists. NuGet reads a bare `1.0` as
 * "1.0 or later" (a minimum); in a query a bare version means that version exactly.
 */
import { comparatorList, matcher, splitAlternatives, type Alternatives } from './comparators.js';
import { isInterval, readIntervals } from './intervals.js';
import { compareDigits, compareTexts, compareWith, type Family, type Ordering } from './ordering.js';

interface NugetVersion {
  numbers: string[];
  prerelease: string[];
}

const NUGET_VERSION = /^(\d+(?:\.\d+){0,3})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

function read(text: string): NugetVersion | undefined {
  const match = NUGET_VERSION.exec(text.trim());
  if (!match) return undefined;
  const numbers = (match[1] as string).split('.');
  while (numbers.length < 4) numbers.push('0');
  return { numbers, prerelease: match[2] ? match[2].split('.') : [] };
}

function compareLabel(a: string, b: string): number {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) return compareDigits(a, b);
  if (na !== nb) return na ? -1 : 1;
  return compareTexts(a.toUpperCase(), b.toUpperCase());
}

function compare(a: NugetVersion, b: NugetVersion): number {
  for (let i = 0; i < 4; i++) {
    const order = compareDigits(a.numbers[i] as string, b.numbers[i] as string);
    if (order !== 0) return order;
  }
  // A release is above its prereleases; labels compare one by one, fewer labels first.
  if (!a.prerelease.length || !b.prerelease.length) return b.prerelease.length - a.prerelease.length;
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const order = compareLabel(a.prerelease[i] as string, b.prerelease[i] as string);
    if (order !== 0) return order;
  }
  return a.prerelease.length - b.prerelease.length;
}

const ordering: Ordering<NugetVersion> = { read, compare };

export const nuget: Family = {
  examples: '"[1.0,2.0)", "(,13.0.1)", "[13.0.1]", "<13.0.1" or ">=1.0, <2.0"',
  compare: (a, b) => compareWith(ordering, a, b),
  matcher(input) {
    const alternatives: Alternatives<NugetVersion> = splitAlternatives(input).map((alternative) =>
      isInterval(alternative)
        ? readIntervals(input, ordering, alternative, false)
        : comparatorList(input, ordering, alternative),
    );
    return matcher(ordering, alternatives);
  },
};
