/**
 * A policy rule is one file: what it reports and why (for SARIF and the docs), whether it
 * needs the whole organisation in view, the options a policy file may give it, and the check.
 * The rule registry (rules/index.ts) lists them; the policy schema, the defaults, the
 * normalized policy and the runner are derived from that list.
 */
import type { z } from 'zod';
import type { CheckInput } from './input.js';
import type { denyEntry, patternSchema } from './pattern-schema.js';
import type { Policy } from './policy.js';
import type { Finding, Note } from './types.js';

/** What rules build their options from: zod, and the policy's dependency patterns. */
export interface OptionKit {
  /** The zod builders rules use (named, so the bundle keeps only what depmap calls of zod). */
  z: Pick<typeof z, 'array' | 'boolean' | 'enum' | 'number'>;
  pattern: typeof patternSchema;
  deny: typeof denyEntry;
}

export interface PolicyRule {
  /** One line: what the rule reports. */
  summary: string;
  /** Why it matters and how to fix it, for SARIF rule help and the docs. */
  help: string;
  /** True when the rule can only be judged with the whole organisation in view. */
  orgWide: boolean;
  /** Its severity when the policy sets none (default: error; an org-wide rule warns when one repo was scanned). */
  defaultSeverity?: 'error' | 'warn';
  /**
   * The options of `rules.<id>` besides `severity`, built from the schema's kit when a policy
   * is read (a rule module loads no zod: `depmap check` without a policy never builds them).
   * A rule without takes only a severity.
   */
  options?: (kit: OptionKit) => z.ZodRawShape;
  /** Writes the rule's options (as the policy file gives them, `{}` when it gives none) into the policy. */
  normalize?(raw: Record<string, unknown>, policy: Policy): void;
  /** False when the rule cannot run in this check (new-dependency without --base). */
  active?(input: CheckInput): boolean;
  /** Things the check says about itself while the rule runs (the change adopts depmap). */
  notes?(input: CheckInput): Note[];
  check(input: CheckInput): Finding[];
}

/**
 * A rule, with `normalize` typed by its own options: the zod shape `options` gives the type
 * of what the policy file holds, so a rule reads its options without casts.
 */
export function defineRule<S extends z.ZodRawShape = Record<never, never>>(
  rule: Omit<PolicyRule, 'options' | 'normalize'> & {
    options?: (kit: OptionKit) => S;
    normalize?(raw: Partial<z.infer<z.ZodObject<S>>>, policy: Policy): void;
  },
): PolicyRule {
  return rule as PolicyRule;
}
