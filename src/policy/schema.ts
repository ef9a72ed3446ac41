/**
 * The policy of `depmap check` (depmap.policy.yaml, or `policy:` in depmap.config.yaml) as a
 * zod schema: the single source of truth. schema/depmap.policy.schema.json is generated
 * from it; the loader maps zod's issues back to lines and columns.
 *
 * Every rule takes a severity (`unpinned: warn`) or a mapping with a severity and the
 * rule's options (`skew: { severity: error, threshold: 2 }`).
 */
import { z } from 'zod';
import { ECOSYSTEM_TYPES } from '../manifest/purl.js';
import { didYouMean } from '../util/suggest.js';
import { RULE_IDS } from './types.js';

export const SEVERITIES = ['error', 'warn', 'off'] as const;

const severity = z
  .enum(SEVERITIES)
  .meta({ description: 'error fails the build (with --fail-on error), warn reports, off disables the rule.' });

const PKG_PATTERN = /^pkg:([^/]+)\/(.+)$/;
const NAME_PATTERN = /^[A-Za-z0-9*?[\]{}!._-][A-Za-z0-9*?[\]{}!,._-]*$/;
const GLOB_TYPE = /[*?[\]{}]/;

/**
 * A dependency pattern: a Package URL with wildcards (`pkg:npm/@acme/*`, `pkg:maven/org.apache.*\/**`,
 * `pkg:npm/event-stream@3.3.6`, `pkg:docker/bitnami/*` for images), or a service name
 * with wildcards (`payments`, `team-*`).
 */
const patternSchema = z
  .string()
  .min(1)
  .max(500)
  .superRefine((value, ctx) => {
    if (value.startsWith('pkg:')) {
      const match = PKG_PATTERN.exec(value);
      if (!match) {
        ctx.addIssue({
          code: 'custom',
          message: `"${value}" is not a Package URL pattern`,
          params: {
            code: 'invalid-pattern',
            hint: 'write pkg:<type>/<name>, with * for any part of a segment and ** for any segments, e.g. pkg:npm/@acme/*',
          },
        });
        return;
      }
      const type = match[1] as string;
      if (!GLOB_TYPE.test(type) && !ECOSYSTEM_TYPES.includes(type)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${type}" in "${value}" is not a Package URL type${didYouMean(type, ECOSYSTEM_TYPES)}`,
          params: { code: 'invalid-pattern', hint: `use one of ${ECOSYSTEM_TYPES.join(', ')}` },
        });
      }
      return;
    }
    if (!NAME_PATTERN.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is neither a Package URL pattern nor a service name pattern`,
        params: {
          code: 'invalid-pattern',
          hint: 'write pkg:<type>/<name> for libraries and images, or a service name such as payments or team-*',
        },
      });
    }
  })
  .meta({
    description:
      'pkg:<type>/<name>[@<version>] with wildcards (* within a segment, ** across segments) for libraries and images (pkg:docker/<image>); a service name with wildcards for services.',
  });

const denyEntry = z.union([
  patternSchema,
  z.strictObject({
    pattern: patternSchema,
    reason: z
      .string()
      .min(1)
      .max(500)
      .optional()
      .meta({ description: 'Shown with every violation: why, and what to use instead.' }),
  }),
]);

/** A rule that takes only a severity. */
const plainRule = z.union([severity, z.strictObject({ severity: severity.optional() })]);

export const rulesSchema = z
  .strictObject({
    unpinned: z
      .union([
        severity,
        z.strictObject({
          severity: severity.optional(),
          docker: z
            .enum(['exact', 'digest'])
            .optional()
            .meta({ description: 'Images: a specific version tag (exact, default) or a digest (digest).' }),
          ignore: z.array(patternSchema).optional().meta({ description: 'Dependencies this rule does not judge.' }),
        }),
      ])
      .optional(),
    'new-dependency': z
      .union([
        severity,
        z.strictObject({
          severity: severity.optional(),
          allow: z
            .array(patternSchema)
            .optional()
            .meta({ description: 'Dependencies that may be added without review.' }),
          transitive: z
            .boolean()
            .optional()
            .meta({ description: 'Also judge transitive dependencies taken from lockfiles (default false).' }),
        }),
      ])
      .optional(),
    denied: z
      .union([
        severity,
        z.strictObject({
          severity: severity.optional(),
          deny: z
            .array(denyEntry)
            .optional()
            .meta({ description: 'Dependencies that must not be used, each with the reason shown to the user.' }),
        }),
      ])
      .optional(),
    'unresolved-service': z
      .union([
        severity,
        z.strictObject({
          severity: severity.optional(),
          ignore: z
            .array(patternSchema)
            .optional()
            .meta({ description: 'Service names known to live outside the scanned repos.' }),
        }),
      ])
      .optional(),
    cycle: plainRule.optional(),
    skew: z
      .union([
        severity,
        z.strictObject({
          severity: severity.optional(),
          threshold: z.number().int().min(1).max(1000).optional().meta({
            description: 'Most distinct versions of one library allowed across the organisation (default 1).',
          }),
          ignore: z.array(patternSchema).optional().meta({ description: 'Libraries this rule does not judge.' }),
        }),
      ])
      .optional(),
    'invalid-manifest': plainRule.optional(),
    drift: plainRule.optional(),
  })
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

// The rule names of the schema and of the rule registry are the same list.
const schemaRules: readonly string[] = Object.keys(rulesSchema.shape);
if (schemaRules.length !== RULE_IDS.length || RULE_IDS.some((id) => !schemaRules.includes(id))) {
  throw new Error('policy schema and RULE_IDS disagree');
}

/** JSON Schema (draft 2020-12) of depmap.policy.yaml, generated from the zod schema. */
function policyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(policySchema, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
}

export function policyJsonSchemaText(): string {
  return `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
}
