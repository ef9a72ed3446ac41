/**
 * PyPI: PEP 440 versions and specifiers (`<2.0,>=1.4`, `~=1.4.2`, `==1.*`, `!=1.5`) through
 * @renovatebot/pep440, Renovate's well-kept implementation. Comparators may also be written
 * with spaces between them (`>= 1.4 < 2.0`), a bare version means `==`, and `||` joins
 * alternatives. Prereleases match (a query asks who ran them too), except that PEP 440 keeps
 * `<2.0` from matching 2.0's own prereleases.
 */
import { compare as comparePep440, satisfies, valid, validRange } from '@renovatebot/pep440';
import { readComparators, splitAlternatives } from './comparators.js';
import { compareWith, type Family, type Ordering } from './ordering.js';
import { fail } from './syntax-error.js';

const ordering: Ordering<string> = {
  read: (text) => (valid(text.trim()) === null ? undefined : text.trim()),
  compare: comparePep440,
};

export const pypi: Family = {
  examples: '"<3.2.14", ">=1.4,<2.0", "~=1.4.2", "==1.*" or "!=1.5"',
  compare: (a, b) => compareWith(ordering, a, b),
  matcher(input) {
    const specifiers = splitAlternatives(input).map((alternative) => {
      const specifier = readComparators(input, alternative, ['~=', '==='])
        .map(({ op, version }) => `${op === '' || op === '=' ? '==' : op}${version}`)
        .join(',');
      if (!validRange(specifier)) fail(input, `${JSON.stringify(alternative)} is not a PEP 440 specifier`);
      return specifier;
    });
    return (version) => {
      const text = version.trim();
      return valid(text) !== null && specifiers.some((s) => satisfies(text, s, { prereleases: true }));
    };
  },
};
