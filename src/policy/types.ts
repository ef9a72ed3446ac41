/**
 * The vocabulary of `depmap check`: rules, severities, findings and violations. A rule
 * produces findings (what is wrong and where); the runner gives each its severity and a
 * fingerprint, and the baseline splits them into new and known.
 */
import type { PolicyRule } from './define-rule.js';
import { POLICY_RULES } from './rules/index.js';

/** The rules by name, in the order reports list them: the registry's (rules/index.ts). */
export type RuleId = keyof typeof POLICY_RULES;
export const RULE_IDS = Object.keys(POLICY_RULES) as RuleId[];
export const RULES: Readonly<Record<RuleId, PolicyRule>> = POLICY_RULES;

/** What a policy file can say of a rule. */
export type RuleSeverity = 'error' | 'warn' | 'off';

/** What a reported violation can be. */
export type ViolationSeverity = 'error' | 'warn';

export type FailOn = 'error' | 'warn';

/** How much of the organisation was scanned: one repo (its own CI) or all of it. */
export type CheckScope = 'repo' | 'org';

/** Where a finding is: a file of a repo, as the manifest or lockfile names it. */
export interface FindingLocation {
  repo: string;
  /** Path relative to the repo root, `/`-separated; empty for the repo itself. */
  file: string;
  line: number;
  col: number;
}

/** What a rule reports, before severity, display path and fingerprint are added. */
export interface Finding extends FindingLocation {
  rule: RuleId;
  /** The component whose manifest declares it, when there is one. */
  component?: string;
  /**
   * What the finding is about, stable across edits that do not change its meaning: a purl,
   * `service:payments`, `image:postgres`, a cycle's members. Part of the fingerprint.
   */
  subject: string;
  message: string;
  /** How to fix it. */
  hint?: string;
  /** The path to show, when the rule already knows it (problems read from disk do). */
  path?: string;
  /**
   * Set on a note about the check itself rather than a dependency (new-dependency could not
   * judge a manifest): it warns at most, whatever severity the policy gives the rule.
   */
  maxSeverity?: 'warn';
}

/**
 * Something the check says about itself that is neither a violation nor a warning (the
 * change adopts depmap). It fails nothing and is not part of any baseline.
 */
export interface Note {
  rule: RuleId;
  repo: string;
  file: string;
  message: string;
  /** The path to show: set by runChecks. */
  path?: string;
}

export interface Violation extends Finding {
  severity: ViolationSeverity;
  /** Path as the user opens it: relative to the working folder, `/`-separated. */
  path: string;
  /** Stable id: rule, path, component and subject; no line, so it survives edits above it. */
  fingerprint: string;
}

export function severityRank(severity: ViolationSeverity): number {
  return severity === 'error' ? 2 : 1;
}

/** Does a violation of this severity fail a run with `--fail-on failOn`? */
export function fails(severity: ViolationSeverity, failOn: FailOn): boolean {
  return severityRank(severity) >= severityRank(failOn);
}
