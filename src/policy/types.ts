/**
 * The vocabulary of `depmap check`: rules, severities, findings and violations. A rule
 * produces findings (what is wrong and where); the runner gives each its severity and a
 * fingerprint, and the baseline splits them into new and known.
 */

export const RULE_IDS = [
  'unpinned',
  'new-dependency',
  'denied',
  'unresolved-service',
  'cycle',
  'skew',
  'invalid-manifest',
  'drift',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

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

export interface RuleInfo {
  id: RuleId;
  /** One line: what the rule reports. */
  summary: string;
  /** Why it matters and how to fix it, for SARIF rule help and the README. */
  help: string;
  /** True when the rule can only be judged with the whole organisation in view. */
  orgWide: boolean;
}

export const RULES: Readonly<Record<RuleId, RuleInfo>> = {
  unpinned: {
    id: 'unpinned',
    summary: 'A library, image or service API version that is not pinned to one exact version.',
    help: 'Ranges, moving tags and missing versions make builds and deployments unreproducible. Pin the exact version (for images a version tag, or a digest when the policy asks for digests).',
    orgWide: false,
  },
  'new-dependency': {
    id: 'new-dependency',
    summary: 'A library or service dependency that is absent at the base revision and not allowed by the policy.',
    help: 'New dependencies are reviewed before they land. Add the dependency to the allow list of the policy (rules.new-dependency.allow) or remove it.',
    orgWide: false,
  },
  denied: {
    id: 'denied',
    summary: 'A dependency that matches a deny pattern of the policy.',
    help: 'The policy forbids this dependency; the reason is given with each violation. Replace it.',
    orgWide: false,
  },
  'unresolved-service': {
    id: 'unresolved-service',
    summary: 'A service reference that no component of the organisation is or provides.',
    help: 'Fix the name, add the manifest of the service to the scan, or mark third parties and infrastructure with kind: external, database, queue, ….',
    orgWide: true,
  },
  cycle: {
    id: 'cycle',
    summary: 'Services that call each other in a cycle.',
    help: 'A call cycle couples deployments and can cascade failures. Break it, e.g. with an event instead of a call back.',
    orgWide: true,
  },
  skew: {
    id: 'skew',
    summary:
      'A library used at more versions across the organisation than the policy allows, or an API consumed at a version its provider does not offer.',
    help: 'Align the versions (usually on the newest), or consume a version of the API that its provider serves.',
    orgWide: true,
  },
  'invalid-manifest': {
    id: 'invalid-manifest',
    summary: 'A manifest (or a file it imports) that fails validation.',
    help: 'Run `depmap validate` for the full list of problems and their fixes.',
    orgWide: false,
  },
  drift: {
    id: 'drift',
    summary: "A library pinned in depmap.yaml at a version other than its lockfile's, or missing from the lockfile.",
    help: 'Make the manifest and the lockfile agree: update the version in depmap.yaml, or take the libraries from the lockfile with { from: <lockfile> }.',
    orgWide: false,
  },
};

export function severityRank(severity: ViolationSeverity): number {
  return severity === 'error' ? 2 : 1;
}

/** Does a violation of this severity fail a run with `--fail-on failOn`? */
export function fails(severity: ViolationSeverity, failOn: FailOn): boolean {
  return severityRank(severity) >= severityRank(failOn);
}
