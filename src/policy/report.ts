/**
 * The result of a check as every reporter sees it: what is new, what the baseline knew,
 * what in the baseline is gone, and whether the run fails.
 */
import type { BaselineEntry } from './baseline.js';
import type { RuleState } from './run-checks.js';
import { fails, type CheckScope, type FailOn, type Note, type Violation } from './types.js';

export interface CheckReport {
  tool: { name: string; version: string };
  failOn: FailOn;
  scope: CheckScope;
  /** The git ref compared against, with --base. */
  base?: string;
  /** Where the policy came from; undefined for the defaults. */
  policy?: string;
  /** The baseline file that was applied. */
  baseline?: string;
  rules: RuleState[];
  /** Files that were checked (manifests, and any other file a violation points at), sorted. */
  files: string[];
  /** Violations not in the baseline. */
  violations: Violation[];
  /** Violations the baseline lists. */
  known: Violation[];
  /** Baseline entries that no longer occur. */
  stale: BaselineEntry[];
  /** What the check says about itself (this change adopts depmap); fails nothing. */
  notes: Note[];
  summary: {
    errors: number;
    warnings: number;
    known: number;
    stale: number;
    manifests: number;
    /** True when a violation is at or above failOn: the exit code is then 1. */
    failed: boolean;
  };
}

export interface ReportInput {
  tool: { name: string; version: string };
  failOn: FailOn;
  scope: CheckScope;
  base?: string;
  policy?: string;
  baseline?: string;
  rules: RuleState[];
  manifests: string[];
  violations: Violation[];
  known: Violation[];
  stale: BaselineEntry[];
  notes?: Note[];
}

export function buildReport(input: ReportInput): CheckReport {
  const files = [
    ...new Set([...input.manifests, ...input.violations.map((v) => v.path), ...input.known.map((v) => v.path)]),
  ].sort();
  const report: CheckReport = {
    tool: input.tool,
    failOn: input.failOn,
    scope: input.scope,
    rules: input.rules,
    files,
    violations: input.violations,
    known: input.known,
    stale: input.stale,
    notes: input.notes ?? [],
    summary: {
      errors: input.violations.filter((v) => v.severity === 'error').length,
      warnings: input.violations.filter((v) => v.severity === 'warn').length,
      known: input.known.length,
      stale: input.stale.length,
      manifests: input.manifests.length,
      failed: input.violations.some((v) => fails(v.severity, input.failOn)),
    },
  };
  if (input.base !== undefined) report.base = input.base;
  if (input.policy !== undefined) report.policy = input.policy;
  if (input.baseline !== undefined) report.baseline = input.baseline;
  return report;
}
