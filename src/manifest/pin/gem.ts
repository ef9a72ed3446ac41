/**
 * RubyGems: the requirement of a Gemfile `gem` line or a gemspec dependency. Several
 * constraints arrive as one string, comma-separated, quoted or not (`">= 2.2.4", "< 3"`).
 *
 * - Pinned: a bare version (`7.1.3`, `7.2.0.beta1`) or `= 7.1.3`, which RubyGems reads as
 *   exactly that version.
 * - Not pinned: `~> 7.1` (pessimistic), `>=`, `>`, `<`, `<=`, `!=`, and several constraints
 *   unless one of them is exact (the others can only narrow it).
 * - The hint offers the operand only when it has three parts or more: `~> 7.1.3` → `= 7.1.3`,
 *   `~> 7.1` → no guess.
 */
import type { PinVerdict, VersionSyntax } from '../types.js';
import { PINNED, exactHint, quote, unpinned } from './verdict.js';

/** Gem::Version::VERSION_PATTERN. */
const V = '[0-9]+(?:\\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?';
const EXACT = new RegExp(`^(?:=\\s*)?${V}$`);
const CLAUSE = /^\s*["']?\s*(~>|>=|<=|!=|=|>|<)?\s*(.*?)\s*["']?\s*$/;

export function checkGem(version: string, syntax: VersionSyntax): PinVerdict {
  if (EXACT.test(version)) return PINNED;
  const shown = quote(version);
  const render = syntax === 'native' ? withEquals : undefined;
  if (version.includes(',')) {
    for (const clause of version.split(',')) {
      const match = CLAUSE.exec(clause);
      if (EXACT.test(`${match?.[1] ?? ''}${match?.[2] ?? ''}`)) return PINNED;
    }
    return unpinned(`${shown} has several constraints`, exactHint(undefined));
  }
  const match = CLAUSE.exec(version);
  const operator = match?.[1] ?? '';
  const operand = match?.[2] ?? '';
  if (operator === '' || operator === '=') {
    if (EXACT.test(operand)) return PINNED; // it was only quoted
    return unpinned(`${shown} is not a gem version`, exactHint(undefined, render));
  }
  const hint = exactHint(operand, render);
  switch (operator) {
    case '~>':
      return unpinned(`${shown} is a pessimistic constraint`, hint);
    case '>=':
      return unpinned(`${shown} is a minimum version`, hint);
    case '!=':
      return unpinned(`${shown} only excludes a version`, exactHint(undefined, render));
    default:
      return unpinned(`${shown} is a comparison constraint`, exactHint(undefined, render));
  }
}

function withEquals(v: string): string {
  return `= ${v}`;
}
