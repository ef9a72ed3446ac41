/**
 * The policy of `depmap check` (depmap.policy.yaml, or `policy:` in depmap.config.yaml) as a
 * zod schema: the single source of truth. schema/depmap.policy.schema.json is generated
 * from it; the loader maps zod's issues back to lines and columns.
 *
 * Every rule takes a severity (`unpinned: warn`) or a mapping with a severity and the
 * rule's options (`skew: { severity: error, threshold: 2 }`).
 */
import { z } from 'zod';
import type { PolicyRule } from './define-rule.js';
import { severity } from './pattern-schema.js';
import { RULE_IDS, RULES, type RuleId } from './types.js';

export { SEVERITIES } from './pattern-schema.js';

/** A rule that takes only a severity. */
const plainRule = z.union([severity, z.strictObject({ severity: severity.optional() })]);

/** Each rule of the registry: a severity, or a mapping with a severity and the rule's own options. */
function ruleSchema(rule: PolicyRule) {
  if (!rule.options) return plainRule.optional();
  return z.union([severity, z.strictObject({ severity: severity.optional(), ...rule.options })]).optional();
}

export const rulesSchema = z
  .strictObject(
    Object.fromEntries(RULE_IDS.map((id) => [id, ruleSchema(RULES[id])])) as Record<
      RuleId,
      ReturnType<typeof ruleSchema>
    >,
  )
  .meta({ description: 'Rules by name, each a severity or a mapping with a severity and options.' });

export const policySchema = z
  .strictObject({
    $schema: z.string().optional(),
    failOn: z
      .enum(['error', 'warn'])
      .optional()
      .meta({ description: 'Lowest severity that fails the run (default error); --fail-on overrides it.' }),
    rules: rulesSchema.optional(),
  })
  .meta({
    title: 'depmap.policy.yaml',
    description: 'The policy of `depmap check`: which rules fail the build, and their options.',
  });

export type RawPolicy = z.infer<typeof policySchema>;

/** JSON Schema (draft 2020-12) of depmap.policy.yaml, generated from the zod schema. */
function policyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(policySchema, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
}

export function policyJsonSchemaText(): string {
  return `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
}
