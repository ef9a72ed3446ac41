/**
 * Go modules: semantic versions with a `v` (optional here), the shorthands `v1` and `v1.2`
 * (v1.0.0, v1.2.0), pseudo-versions, which are prereleases and so sort where Go sorts them
 * (v0.0.0-20211210…-abcdef < v0.0.0; v1.2.4-0.2021…-abcdef between v1.2.3 and v1.2.4), and
 * `+incompatible`, build metadata that does not count in the order. Ranges are comparator lists:
 * `<v1.2.3`, `>=1.0.0, <1.5.0`.
 */
import semver from 'semver';
import { comparatorList, matcher, splitAlternatives } from './comparators.js';
import { compareWith, type Family, type Ordering } from './ordering.js';

const SHORTHAND = /^\d+(\.\d+)?$/;

const ordering: Ordering<semver.SemVer> = {
  read(text) {
    const t = text.trim().replace(/^v(?=\d)/, '');
    const full = SHORTHAND.test(t) ? `${t}.0.0`.split('.').slice(0, 3).join('.') : t;
    return semver.parse(full) ?? undefined;
  },
  compare: (a, b) => semver.compare(a, b),
};

export const golang: Family = {
  examples: '"<v1.2.3", ">=v1.0.0, <v1.5.0", "v0.0.0-20211210000000-abcdef123456" or "<1.5.0 || >=2.0.0"',
  compare: (a, b) => compareWith(ordering, a, b),
  matcher(input) {
    return matcher(
      ordering,
      splitAlternatives(input).map((alternative) => comparatorList(input, ordering, alternative)),
    );
  },
};
