/**
 * The policy of `depmap check` (depmap.policy.yaml, or `policy:` in depmap.config.yaml) as a
 * zod schema: the single source of truth. schema/depmap.policy.schema.json is generated
 * from it; the loader maps zod's issues back to lines and columns.
 *
 * Every rule takes a severity (`unpinned: warn`) or a mapping with a severity and the
 * rule's options (`skew: { severity: error, threshold: 2 }`).
 */
import type { z } from 'zod';
import { array, boolean, number, strictObject, string, toJSONSchema, union, enum as zEnum } from 'zod';
import type { OptionKit, PolicyRule } from './define-rule.js';
import { denyEntry, patternSchema, severity } from './pattern-schema.js';
import { RULE_IDS, RULES, type RuleId } from './types.js';

export { SEVERITIES } from './pattern-schema.js';

/** A rule that takes only a severity. */
const plainRule = union([severity, strictObject({ severity: severity.optional() })]);

const KIT: OptionKit = { z: { array, boolean, enum: zEnum, number }, pattern: patternSchema, deny: denyEntry };

/** Each rule of the registry: a severity, or a mapping with a severity and the rule's own options. */
function ruleSchema(rule: PolicyRule) {
  if (!rule.options) return plainRule.optional();
  return union([severity, strictObject({ severity: severity.optional(), ...rule.options(KIT) })]).optional();
}

/**
 * The schema of depmap.policy.yaml, built on first use: `depmap check` without a policy file
 * never needs it, and building every rule's zod schema is a measurable part of its start-up.
 */
function buildSchemas() {
  const rules = strictObject(
    Object.fromEntries(RULE_IDS.map((id) => [id, ruleSchema(RULES[id])])) as Record<
      RuleId,
      ReturnType<typeof ruleSchema>
    >,
  ).meta({ description: 'Rules by name, each a severity or a mapping with a severity and options.' });

  const policy = strictObject({
    $schema: string().optional(),
    failOn: zEnum(['error', 'warn'])
      .optional()
      .meta({ description: 'Lowest severity that fails the run (default error); --fail-on overrides it.' }),
    rules: rules.optional(),
  }).meta({
    title: 'depmap.policy.yaml',
    description: 'The policy of `depmap check`: which rules fail the build, and their options.',
  });
  return { rules, policy };
}

let built: ReturnType<typeof buildSchemas> | undefined;

export function policySchemas(): ReturnType<typeof buildSchemas> {
  built ??= buildSchemas();
  return built;
}

export type RawPolicy = z.infer<ReturnType<typeof buildSchemas>['policy']>;

/** JSON Schema (draft 2020-12) of depmap.policy.yaml, generated from the zod schema. */
function policyJsonSchema(): Record<string, unknown> {
  return toJSONSchema(policySchemas().policy, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}

export function policyJsonSchemaText(): string {
  return `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
}
