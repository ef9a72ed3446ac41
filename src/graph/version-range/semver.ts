/**
 * npm and Cargo, both on node-semver. npm ranges are node-semver's own (`<2.15.0`, `^1.2`,
 * `>=1 <2 || 3.x`, `1.2 - 1.4`); Cargo requirements (`1.2` = `^1.2`, `~1.2`, `=1.2.3`,
 * `>=1, <2`, `*`) are translated to them, as their meanings agree. Both also take `!=`.
 * Prereleases are included: `<2.15.0` matches 2.15.0-rc.1, which a query for "before the fix"
 * wants, where node-semver by default leaves prereleases out.
 */
import semver from 'semver';
import { readBound, readComparators, splitAlternatives } from './comparators.js';
import { compareWith, type Family, type Ordering } from './ordering.js';
import { article, fail, type RangeInput } from './syntax-error.js';

/** Versions are read loosely (`=1.2.3`, `1.2.3-SNAPSHOT`); ranges strictly, since a loose range drops what it cannot read (`>=1 latest` is `>=1`). */
const VERSION_OPTIONS = { loose: true, includePrerelease: true };
const RANGE_OPTIONS = { includePrerelease: true };
/** `1`, `v1.2`: partial versions read as `1.0.0`, `1.2.0`; ranges like `^4.19.0` are no version. */
const PARTIAL = /^[v=]?\d+(\.\d+)?$/;

const ordering: Ordering<semver.SemVer> = {
  read(text) {
    const t = text.trim();
    return semver.parse(t, VERSION_OPTIONS) ?? (PARTIAL.test(t) ? semver.coerce(t) : null) ?? undefined;
  },
  compare: (a, b) => semver.compare(a, b),
};

/** One alternative: a node-semver range, and versions it must not be (`!=`). */
interface Alternative {
  range: semver.Range;
  not: semver.SemVer[];
}

function semverRange(input: RangeInput, text: string): semver.Range {
  try {
    return new semver.Range(text, RANGE_OPTIONS);
  } catch {
    return fail(input, `${JSON.stringify(text)} is not ${article(input.ecosystem)} range`);
  }
}

function test(alternatives: Alternative[]): (version: string) => boolean {
  return (text) => {
    const version = ordering.read(text);
    return (
      version !== undefined &&
      alternatives.some(({ range, not }) => range.test(version) && not.every((n) => semver.neq(version, n)))
    );
  };
}

const NOT = /!=\s*([^\s,|]+)/g;

export const npm: Family = {
  examples: '"<2.15.0", "^1.2", ">=1 <2 || 3.x" or "1.2 - 1.4"',
  compare: (a, b) => compareWith(ordering, a, b),
  matcher(input) {
    return test(
      splitAlternatives(input).map((alternative) => {
        const not = [...alternative.matchAll(NOT)].map((m) => readBound(input, ordering, m[1] as string));
        // node-semver reads `>=1, <2` as `<2` alone: commas are separators here, as users mean them.
        const rest = alternative.replace(NOT, ' ').replaceAll(',', ' ').trim();
        return { range: semverRange(input, rest || '*'), not };
      }),
    );
  },
};

export const cargo: Family = {
  examples: '"1.2" (= "^1.2"), "~1.2", ">=1, <2", "=1.2.3" or "<0.8.5"',
  compare: (a, b) => compareWith(ordering, a, b),
  matcher(input) {
    return test(
      splitAlternatives(input).map((alternative) => {
        const comparators = readComparators(input, alternative, ['^', '~']);
        const not = comparators.filter((c) => c.op === '!=').map((c) => readBound(input, ordering, c.version));
        const range = comparators
          .filter((c) => c.op !== '!=')
          .map(({ op, version }) => {
            // A bare requirement is a caret one in Cargo (`1.2` is `^1.2`), except a wildcard (`1.*`).
            if (op === '') return /[*xX]/.test(version) ? version : `^${version}`;
            return `${op === '==' ? '=' : op}${version}`;
          });
        for (const part of range) semverRange(input, part);
        return { range: semverRange(input, range.join(' ') || '*'), not };
      }),
    );
  },
};
