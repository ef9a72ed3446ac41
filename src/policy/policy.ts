/**
 * The normalized policy, and the defaults that make `depmap check` useful with no
 * configuration at all in a repo's own CI.
 */
import type { DockerPinLevel } from '../manifest/types.js';
import { RULE_IDS, RULES, type CheckScope, type FailOn, type RuleId, type RuleSeverity } from './types.js';

interface DenyEntry {
  pattern: string;
  reason?: string;
}

export interface Policy {
  /** The file it came from (`depmap.policy.yaml`, `depmap.config.yaml`), or undefined for the defaults. */
  source?: string;
  failOn?: FailOn;
  /** Severities the policy sets; a rule not listed takes its default for the scope. */
  severities: Partial<Record<RuleId, RuleSeverity>>;
  // Each rule's options, as its own normalize writes them (rules/*.ts).
  unpinned: { docker?: DockerPinLevel; ignore: string[] };
  newDependency: { allow: string[]; transitive: boolean };
  denied: { deny: DenyEntry[] };
  unresolvedService: { ignore: string[] };
  skew: { threshold: number; ignore: string[] };
  undeclaredCall: { ignore: string[] };
  unobservedDependency: { minDays: number; ignore: string[] };
}

/** The policy with no file: every rule at its default severity, with its options' defaults. */
export function defaultPolicy(): Policy {
  const policy = { severities: {} } as Policy;
  for (const id of RULE_IDS) RULES[id].normalize?.({}, policy);
  return policy;
}

/**
 * The severity of a rule in a run. Unset, every rule is an error, except that rules which
 * need the whole organisation to judge only warn when one repo was scanned: a repo's CI
 * cannot know whether `payments` exists in another repo.
 */
export function severityOf(policy: Policy, rule: RuleId, scope: CheckScope): RuleSeverity {
  const set = policy.severities[rule];
  if (set) return set;
  if (RULES[rule].defaultSeverity === 'warn') return 'warn';
  return RULES[rule].orgWide && scope === 'repo' ? 'warn' : 'error';
}
