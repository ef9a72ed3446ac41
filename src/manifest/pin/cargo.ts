/**
 * Cargo: a Cargo.toml version requirement (or a cargo purl version).
 *
 * - In `native` syntax a bare version is a caret requirement (`serde = "1.0.197"` accepts
 *   any 1.x ≥ 1.0.197), so it is not pinned; the hint offers `=1.0.197`.
 * - Pinned: `=1.0.197` (spaces allowed: `= 1.0.197`), with prerelease/build.
 * - Not pinned: `^`, `~`, `*`, `>=`, `>`, `<`, `<=`, wildcards `1.2.*`, partial exact
 *   requirements (`=1.2` is any 1.2.x), and comma lists unless one clause is an exact `=`
 *   with a full version (the others can only narrow it).
 * - In `purl` syntax a bare full version is exact (`1.0.197`); partial (`1.0`) is not, since
 *   every crate version is a full semver.
 */
import type { PinVerdict, VersionSyntax } from '../types.js';
import { PINNED, exactHint, quote, unpinned } from './verdict.js';

const NUM = '(?:0|[1-9]\\d*)';
const FULL = `${NUM}\\.${NUM}\\.${NUM}(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?`;
const EXACT = new RegExp(`^=\\s*${FULL}$`);
const BARE = new RegExp(`^${FULL}$`);
const CLAUSE = /^\s*(\^|~|=|>=|<=|>|<)?\s*(.*?)\s*$/;
const WILDCARD = /(?:^|\.)[*xX](?:\.|$)/;
const DIGIT = /^\d/;

export function checkCargo(version: string, syntax: VersionSyntax): PinVerdict {
  if (EXACT.test(version)) return PINNED;
  if (syntax !== 'native' && BARE.test(version)) return PINNED;
  const shown = quote(version);
  const render = syntax === 'native' ? withEquals : undefined;
  if (version.includes(',')) {
    for (const clause of version.split(',')) {
      if (EXACT.test(clause.trim())) return PINNED;
    }
    return unpinned(`${shown} is a range`, exactHint(undefined));
  }
  const match = CLAUSE.exec(version);
  const operator = match?.[1] ?? '';
  const operand = match?.[2] ?? '';
  const hint = exactHint(operand, render);
  if (operand === '*' || WILDCARD.test(operand)) return unpinned(`${shown} is a wildcard requirement`, hint);
  if (!DIGIT.test(operand)) return unpinned(`${shown} is not a version requirement`, hint);
  switch (operator) {
    case '':
      return syntax === 'native'
        ? unpinned(`${shown} is a caret requirement in cargo`, hint)
        : unpinned(`${shown} is a partial version`, hint);
    case '=':
      return unpinned(`${shown} is a partial version (any ${operand}.x)`, hint);
    case '^':
      return unpinned(`${shown} is a caret requirement`, hint);
    case '~':
      return unpinned(`${shown} is a tilde requirement`, hint);
    case '>=':
      return unpinned(`${shown} is a minimum version`, hint);
    default:
      return unpinned(`${shown} is a comparison requirement`, exactHint(undefined));
  }
}

function withEquals(v: string): string {
  return `=${v}`;
}
