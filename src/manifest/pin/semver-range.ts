/**
 * Names the kind of a node-semver range, for npm and Composer, whose constraint syntaxes
 * share `^ ~ > < >= <= * x ||` and hyphen ranges. Only called on strings already known not
 * to be one exact version, so it may allocate.
 */
import semver from 'semver';
import type { PinVerdict } from '../types.js';
import { exactHint, quote, unpinned } from './verdict.js';

const WILDCARD = /(?:^|[.\s])[xX*](?:$|[.\s])/;
const SEVERAL = /\S\s+\S/;
const HAS_SPACE = /\s/;
const OPERATOR = /^(\^|~>?|[<>]=?)\s*(.*)$/;
const EXACT_OPERATOR = /^[=v]+/;
/**
 * What could be a partial or x-range. semver reports an invalid range by throwing, which
 * costs microseconds: dist-tags such as `latest` must not get that far.
 */
const RANGE_START = /^[v=\s]*[\dxX*]/;

/**
 * Cheap gate before `semver.valid`: only strings that start like a full version are parsed,
 * because semver throws (slowly) on the rest.
 */
export const FULL_VERSION_START = /^[v=\s]*\d+\.\d+\.\d+/;

/** `otherwise` completes the reason for a string that is no range at all (npm: a dist-tag). */
/** Reads a string semver does not accept as one version: which kind of range is it? */
export function classifyRange(
  version: string,
  otherwise = 'is a dist-tag, which moves with every publish',
): PinVerdict {
  const shown = quote(version);
  if (version === '*' || version === 'x' || version === 'X' || version === '') {
    return unpinned(`${shown} matches any version`, 'pin an exact version');
  }
  if (version.includes('||')) return unpinned(`${shown} is a union of ranges`, 'pin an exact version');
  if (version.includes(' - ')) {
    return unpinned(`${shown} is a hyphen range`, exactHint(version.slice(0, version.indexOf(' - ')).trim()));
  }
  const op = OPERATOR.exec(version);
  if (op !== null) {
    const operator = op[1] ?? '';
    const operand = op[2] ?? '';
    // Only a single comparator's operand is offered back: in `>=1.2.3 <2` it is one bound of many.
    const single = !SEVERAL.test(operand);
    if (operator === '^') return unpinned(`${shown} is a caret range`, exactHint(single ? operand : undefined));
    if (operator.startsWith('~')) return unpinned(`${shown} is a tilde range`, exactHint(single ? operand : undefined));
    return unpinned(`${shown} is a comparator range`, exactHint(single && operator === '>=' ? operand : undefined));
  }
  if (RANGE_START.test(version) && semver.validRange(version, true) !== null) {
    if (WILDCARD.test(version)) return unpinned(`${shown} is a wildcard range`, 'pin an exact version');
    if (HAS_SPACE.test(version)) return unpinned(`${shown} is a range`, 'pin an exact version');
    return unpinned(
      `${shown} is a partial version (any ${version.replace(EXACT_OPERATOR, '')}.x)`,
      'pin an exact version',
    );
  }
  return unpinned(`${shown} ${otherwise}`, 'pin an exact version');
}
