/**
 * Runs every rule the policy leaves on and turns findings into violations: with the
 * severity in force, the path the user opens, and a fingerprint for the baseline. Pure.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { CheckInput } from './input.js';
import { severityOf } from './policy.js';
import { RULE_IDS, RULES, severityRank, type Note, type RuleId, type RuleSeverity, type Violation } from './types.js';

export interface RuleState {
  id: RuleId;
  severity: RuleSeverity;
  /** False when the rule could not run: new-dependency without --base, drift without lockfiles read. */
  active: boolean;
}

export interface CheckOutcome {
  rules: RuleState[];
  violations: Violation[];
  notes: Note[];
}

export function runChecks(input: CheckInput): CheckOutcome {
  const rules: RuleState[] = [];
  const violations: Violation[] = [];
  const notes: Note[] = [];
  for (const id of RULE_IDS) {
    const severity = severityOf(input.policy, id, input.scope);
    const rule = RULES[id];
    const active = rule.active?.(input) ?? true;
    rules.push({ id, severity, active });
    if (severity === 'off' || !active) continue;
    for (const note of rule.notes?.(input) ?? []) {
      if (input.only && !input.only.has(note.repo)) continue;
      notes.push({ ...note, path: displayPath(input.roots?.get(note.repo) ?? note.repo, note.file) });
    }
    for (const { maxSeverity, ...finding } of rule.check(input)) {
      if (input.only && !input.only.has(finding.repo)) continue;
      const shown = finding.path ?? displayPath(input.roots?.get(finding.repo) ?? finding.repo, finding.file);
      const capped =
        maxSeverity !== undefined && severityRank(maxSeverity) < severityRank(severity) ? maxSeverity : severity;
      violations.push({
        ...finding,
        severity: capped,
        path: shown,
        fingerprint: fingerprint(finding.rule, shown, finding.component, finding.subject),
      });
    }
  }
  return { rules, violations: sortViolations(dedupe(violations)), notes };
}

/** `repos/checkout` + `depmap.yaml` → `repos/checkout/depmap.yaml`; `.` + `depmap.yaml` → `depmap.yaml`. */
export function displayPath(root: string, file: string): string {
  const joined = path.posix.join(root.split(path.sep).join('/') || '.', file);
  return path.posix.normalize(joined).replace(/^\.\/(?=.)/, '');
}

/**
 * Stable across runs and machines: the rule, the file, the component and what the violation
 * is about, but no line or column, so adding lines above a known violation keeps it known.
 */
function fingerprint(rule: RuleId, file: string, component: string | undefined, subject: string): string {
  return createHash('sha256')
    .update([rule, file, component ?? '', subject].join('\0'))
    .digest('hex')
    .slice(0, 20);
}

/** One violation per fingerprint and line: the same declaration reached twice is one problem. */
function dedupe(violations: Violation[]): Violation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.fingerprint}:${v.line}:${v.col}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortViolations<T extends Violation>(violations: T[]): T[] {
  return violations.sort(
    (a, b) =>
      compare(a.path, b.path) ||
      a.line - b.line ||
      a.col - b.col ||
      RULE_IDS.indexOf(a.rule) - RULE_IDS.indexOf(b.rule) ||
      compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
