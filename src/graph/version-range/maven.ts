/**
 * Maven: ComparableVersion order, range syntax (`[1.0,2.0)`, `(,2.15.0)`, `[2.17.1]`, unions
 * `(,1.0],[1.2,)`) and the comparator lists users type (`<2.15.0`, `>=2.0, <2.15.0`). A bare
 * `1.0` is a soft requirement in a POM; in a query it means 1.0 exactly.
 */
import { comparatorList, matcher, splitAlternatives, type Alternatives } from './comparators.js';
import { isInterval, readIntervals } from './intervals.js';
import { compareMavenVersions, parseMavenVersion, type MavenVersion } from './maven-version.js';
import { compareWith, type Family, type Ordering } from './ordering.js';

/** ComparableVersion reads any text; a version here starts with a digit (not `${project.version}`, `LATEST`). */
const MAVEN_VERSION = /^\d[0-9A-Za-z._+-]*$/;

const ordering: Ordering<MavenVersion> = {
  read: (text) => (MAVEN_VERSION.test(text.trim()) ? parseMavenVersion(text.trim()) : undefined),
  compare: compareMavenVersions,
};

export const maven: Family = {
  examples: '"[2.0-beta9,2.15.0)", "(,2.15.0)", "[2.17.1]", "<2.15.0" or ">=2.0, <2.15.0"',
  compare: (a, b) => compareWith(ordering, a, b),
  matcher(input) {
    const alternatives: Alternatives<MavenVersion> = splitAlternatives(input).flatMap((alternative) =>
      isInterval(alternative)
        ? readIntervals(input, ordering, alternative, true).map((test) => [test])
        : [comparatorList(input, ordering, alternative)],
    );
    return matcher(ordering, alternatives);
  },
};
