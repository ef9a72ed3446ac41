/**
 * Whether a locked version satisfies a range as a manifest writes it: npm's semver ranges,
 * Cargo's (a bare `1.2` is a caret), PEP 440 specifiers (`>=1.4,<2.0`, `~=2.1`, `==1.2.*`).
 * Undefined when it cannot be told (a git URL, a tag, a version PEP 440 or semver cannot
 * read): a caller that warns must say nothing then.
 */
import semver from 'semver';
import { ecosystemKey } from '../manifest/ecosystems.js';

export function rangeSatisfies(ecosystem: string, range: string, version: string): boolean | undefined {
  switch (ecosystemKey(ecosystem)) {
    case 'npm':
      return semverSatisfies(range, version);
    case 'cargo':
      return semverSatisfies(
        range
          .split(',')
          .map((r) => (/^\s*\d/.test(r) ? `^${r.trim()}` : r.trim()))
          .join(' '),
        version,
      );
    case 'pypi':
      return pep440Satisfies(range, version);
    default:
      return undefined;
  }
}

function semverSatisfies(range: string, version: string): boolean | undefined {
  const exact = semver.valid(version, { loose: true });
  const valid = semver.validRange(range.trim() === '' ? '*' : range, { loose: true });
  if (!exact || valid === null) return undefined;
  return semver.satisfies(exact, valid, { loose: true, includePrerelease: true });
}

/** A PEP 440 release (`1.4.54`, `v2.0`, `1!2.0` not), with what follows it (`rc1`, `.post1`). */
const RELEASE = /^v?(\d+(?:\.\d+)*)(.*)$/i;
const CLAUSE = /^(===|==|~=|!=|<=|>=|<|>)?\s*(\S+)$/;

function release(text: string): { parts: number[]; rest: string } | undefined {
  const match = RELEASE.exec(text.trim());
  if (!match) return undefined;
  return { parts: (match[1] as string).split('.').map(Number), rest: (match[2] ?? '').toLowerCase() };
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The clauses of a specifier on release numbers; a pre-, post- or dev-release side makes it unknown. */
function pep440Satisfies(range: string, version: string): boolean | undefined {
  const spec = range.split(';')[0]?.trim() ?? '';
  const v = release(version);
  if (!v || v.rest !== '') return undefined;
  if (spec === '' || spec === '*') return true;
  for (const clause of spec.split(',')) {
    const match = CLAUSE.exec(clause.trim());
    if (!match) return undefined;
    const op = match[1] ?? '==';
    const operand = match[2] as string;
    if (op === '===') {
      if (operand !== version) return false;
      continue;
    }
    const prefix = (op === '==' || op === '!=') && operand.endsWith('.*');
    const r = release(prefix ? operand.slice(0, -2) : operand);
    if (!r || r.rest !== '') return undefined;
    const d = prefix ? compare(v.parts.slice(0, r.parts.length), r.parts) : compare(v.parts, r.parts);
    const ok =
      op === '=='
        ? d === 0
        : op === '!='
          ? d !== 0
          : op === '>='
            ? d >= 0
            : op === '<='
              ? d <= 0
              : op === '>'
                ? d > 0
                : op === '<'
                  ? d < 0
                  : // ~=X.Y: >= X.Y and == X.*
                    r.parts.length > 1 &&
                    d >= 0 &&
                    compare(v.parts.slice(0, r.parts.length - 1), r.parts.slice(0, -1)) === 0;
    if (!ok) return false;
  }
  return true;
}
