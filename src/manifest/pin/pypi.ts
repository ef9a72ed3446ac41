/**
 * PyPI: a PEP 440 specifier as requirements.txt, pyproject.toml or Pipfile write it, or a
 * bare version.
 *
 * - Pinned: `==2.31.0`, `===2.31.0` (arbitrary equality), local versions (`==2.1.0+cu118`).
 * - A bare PEP 440 version (`2.31.0`) is pinned in every syntax: a PEP 508 requirement cannot
 *   carry one, and Poetry, the one format that writes it, reads it as `==2.31.0`.
 * - Not pinned: `==1.2.*` (prefix match), `~=`, `>=`, `>`, `<`, `<=`, `!=`, Poetry's `^`/`~`,
 *   `*`, a name without a specifier, anything that is not a PEP 440 version (`==latest`).
 * - Several comma-separated clauses are pinned when one of them is an exact `==`/`===`: the
 *   others can only narrow one version (`==2.31.0,!=2.30.0`); `>=4.2,<5.0` is a range.
 * - Environment markers after `;` and pip options after ` --` (`--hash=…`) are ignored.
 */
import type { PinVerdict, VersionSyntax } from '../types.js';
import { PINNED, exactHint, quote, unpinned } from './verdict.js';

/** PEP 440's version grammar (packaging's VERSION_PATTERN), without the capture groups. */
const V =
  'v?(?:\\d+!)?\\d+(?:\\.\\d+)*' +
  '(?:[-_.]?(?:alpha|a|beta|b|preview|pre|c|rc)[-_.]?\\d*)?' +
  '(?:-\\d+|[-_.]?(?:post|rev|r)[-_.]?\\d*)?' +
  '(?:[-_.]?dev[-_.]?\\d*)?' +
  '(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?';
const VERSION = new RegExp(`^${V}$`, 'i');
/** The common single-clause pins, marker or not, matched without splitting. */
const EXACT = new RegExp(`^\\s*(?:==\\s*${V}|===\\s*[^\\s,;]+|${V})\\s*(?:;.*)?$`, 'i');
const CLAUSE = /^\s*(===|==|~=|!=|<=|>=|<|>|\^|~)?\s*(.*?)\s*$/;
const OPTIONS = /\s--.*$/;

export function checkPypi(version: string, syntax: VersionSyntax): PinVerdict {
  if (EXACT.test(version)) return PINNED;
  return classify(version, syntax);
}

function classify(version: string, syntax: VersionSyntax): PinVerdict {
  const semicolon = version.indexOf(';');
  const spec = (semicolon < 0 ? version : version.slice(0, semicolon)).replace(OPTIONS, '').trim();
  const shown = quote(spec);
  const render = syntax === 'native' ? (v: string) => `==${v}` : (v: string) => v;
  if (spec === '') return unpinned('no version', exampleHint(render));
  if (spec === '*') return unpinned(`${shown} matches any version`, 'pin an exact version');

  const clauses = spec.split(',');
  let first: PinVerdict | undefined;
  for (const clause of clauses) {
    const verdict = checkClause(clause, shown, render, clauses.length > 1);
    if (verdict.pinned) return verdict;
    first ??= verdict;
  }
  return first ?? unpinned('no version');
}

function checkClause(clause: string, shown: string, render: (v: string) => string, several: boolean): PinVerdict {
  const match = CLAUSE.exec(clause);
  const operator = match?.[1] ?? '';
  const operand = match?.[2] ?? '';
  if (operator === '===' && operand !== '') return PINNED;
  if (operator === '==' || operator === '') {
    if (operand.endsWith('.*'))
      return unpinned(`${shown} is a prefix match (any ${operand.slice(0, -2)}.*)`, 'pin an exact version');
    if (VERSION.test(operand)) return PINNED;
    return unpinned(`${shown} is not a PEP 440 version`, exampleHint(render));
  }
  if (several) return unpinned(`${shown} is a range`, 'pin an exact version');
  switch (operator) {
    case '~=':
      return unpinned(`${shown} is a compatible-release range`, exactHint(operand, render));
    case '>=':
      return unpinned(`${shown} is a minimum version`, exactHint(operand, render));
    case '^':
      return unpinned(`${shown} is a caret range`, exactHint(operand, render));
    case '~':
      return unpinned(`${shown} is a tilde range`, exactHint(operand, render));
    case '!=':
      return unpinned(`${shown} only excludes a version`, 'pin an exact version');
    default:
      return unpinned(`${shown} is a range`, 'pin an exact version');
  }
}

function exampleHint(render: (v: string) => string): string {
  return `pin an exact version (${render('<version>')})`;
}
