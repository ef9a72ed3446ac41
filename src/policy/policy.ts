/**
 * The normalized policy, and the defaults that make `depmap check` useful with no
 * configuration at all in a repo's own CI.
 */
import type { DockerPinLevel } from '../manifest/types.js';
import { RULES, type CheckScope, type FailOn, type RuleId, type RuleSeverity } from './types.js';

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
  unpinned: { docker?: DockerPinLevel; ignore: string[] };
  newDependency: { allow: string[]; transitive: boolean };
  denied: { deny: DenyEntry[] };
  unresolvedService: { ignore: string[] };
  skew: { threshold: number; ignore: string[] };
}

export function defaultPolicy(): Policy {
  return {
    severities: {},
    unpinned: { ignore: [] },
    newDependency: { allow: [], transitive: false },
    denied: { deny: [] },
    unresolvedService: { ignore: [] },
    skew: { threshold: 1, ignore: [] },
  };
}

/**
 * The severity of a rule in a run. Unset, every rule is an error, except that rules which
 * need the whole organisation to judge only warn when one repo was scanned: a repo's CI
 * cannot know whether `payments` exists in another repo.
 */
export function severityOf(policy: Policy, rule: RuleId, scope: CheckScope): RuleSeverity {
  const set = policy.severities[rule];
  if (set) return set;
  return RULES[rule].orgWide && scope === 'repo' ? 'warn' : 'error';
}
