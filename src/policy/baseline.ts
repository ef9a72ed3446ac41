/**
 * The baseline: violations known and accepted for now (depmap-baseline.json). Later runs
 * report only violations not in it, and list its entries that no longer occur (stale), so
 * it can only shrink. Entries match by fingerprint, which holds no line numbers; the other
 * fields are there for people reading the file and reviewing its diffs.
 */
import { ConfigError } from '../errors.js';
import { RULE_IDS, type RuleId, type Violation } from './types.js';

const BASELINE_FORMAT = 'depmap-baseline';
const BASELINE_VERSION = 1;
export const DEFAULT_BASELINE_FILE = 'depmap-baseline.json';

export interface BaselineEntry {
  fingerprint: string;
  rule: RuleId;
  path: string;
  subject: string;
  message: string;
}

export interface Baseline {
  entries: BaselineEntry[];
}

export interface BaselineSplit<T extends Violation> {
  /** Not in the baseline: these are reported and decide the exit code. */
  fresh: T[];
  /** In the baseline: not reported one by one, only counted. */
  known: T[];
  /** Baseline entries that no longer occur. */
  stale: BaselineEntry[];
}

/** The baseline file for these violations: sorted, no timestamp, so it diffs cleanly. */
export function serializeBaseline(violations: readonly Violation[]): string {
  const entries: BaselineEntry[] = violations.map((v) => ({
    fingerprint: v.fingerprint,
    rule: v.rule,
    path: v.path,
    subject: v.subject,
    message: v.message,
  }));
  entries.sort(
    (a, b) =>
      cmp(a.path, b.path) || cmp(a.rule, b.rule) || cmp(a.subject, b.subject) || cmp(a.fingerprint, b.fingerprint),
  );
  return `${JSON.stringify({ format: BASELINE_FORMAT, version: BASELINE_VERSION, violations: entries }, null, 2)}\n`;
}

export function parseBaseline(text: string, file: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file} is not JSON: ${(error as Error).message}`, {
      hint: 'write it again with `depmap check --update-baseline`',
    });
  }
  const v = value as { format?: unknown; version?: unknown; violations?: unknown } | null;
  if (!v || typeof v !== 'object' || v.format !== BASELINE_FORMAT) {
    throw new ConfigError(`${file} is not a depmap baseline (no "format": "${BASELINE_FORMAT}")`, {
      hint: 'write it with `depmap check --update-baseline`',
    });
  }
  if (v.version !== BASELINE_VERSION) {
    throw new ConfigError(
      `${file} is baseline version ${String(v.version)}; this depmap reads version ${BASELINE_VERSION}`,
      { hint: 'write it again with `depmap check --update-baseline`' },
    );
  }
  if (!Array.isArray(v.violations))
    throw new ConfigError(`${file}: "violations" must be a list`, {
      hint: 'write it again with `depmap check --update-baseline`',
    });
  const entries: BaselineEntry[] = v.violations.map((raw: unknown, i: number) => {
    const e = raw as Partial<BaselineEntry> | null;
    if (!e || typeof e.fingerprint !== 'string' || !RULE_IDS.includes(e.rule as RuleId)) {
      throw new ConfigError(`${file}: violations[${i}] needs a "fingerprint" and a known "rule"`, {
        hint: 'write it again with `depmap check --update-baseline`',
      });
    }
    return {
      fingerprint: e.fingerprint,
      rule: e.rule as RuleId,
      path: String(e.path ?? ''),
      subject: String(e.subject ?? ''),
      message: String(e.message ?? ''),
    };
  });
  return { entries };
}

/** Splits violations into fresh and known; each entry excuses one violation with its fingerprint. */
export function applyBaseline<T extends Violation>(
  violations: readonly T[],
  baseline: Baseline | undefined,
): BaselineSplit<T> {
  if (!baseline) return { fresh: [...violations], known: [], stale: [] };
  const remaining = new Map<string, BaselineEntry[]>();
  for (const entry of baseline.entries) {
    const list = remaining.get(entry.fingerprint) ?? [];
    list.push(entry);
    remaining.set(entry.fingerprint, list);
  }
  const fresh: T[] = [];
  const known: T[] = [];
  for (const v of violations) {
    const list = remaining.get(v.fingerprint);
    if (list && list.length > 0) {
      list.pop();
      known.push(v);
    } else {
      fresh.push(v);
    }
  }
  const stale = [...remaining.values()]
    .flat()
    .sort((a, b) => cmp(a.path, b.path) || cmp(a.rule, b.rule) || cmp(a.subject, b.subject));
  return { fresh, known, stale };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
