/**
 * The pieces of the policy schema that rules share: severities and dependency patterns. Apart
 * from schema.ts so that each rule can declare its own options with them (rules/*.ts) while
 * the schema is assembled from the rules.
 */
import { strictObject, string, union, enum as zEnum } from 'zod';
import { ECOSYSTEM_TYPES } from '../manifest/purl.js';
import { didYouMean } from '../util/suggest.js';

export const SEVERITIES = ['error', 'warn', 'off'] as const;

export const severity = zEnum(SEVERITIES).meta({
  description: 'error fails the build (with --fail-on error), warn reports, off disables the rule.',
});

const PKG_PATTERN = /^pkg:([^/]+)\/(.+)$/;
const NAME_PATTERN = /^[A-Za-z0-9*?[\]{}!._-][A-Za-z0-9*?[\]{}!,._-]*$/;
const GLOB_TYPE = /[*?[\]{}]/;

/**
 * A dependency pattern: a Package URL with wildcards (`pkg:npm/@acme/*`, `pkg:maven/org.apache.*\/**`,
 * `pkg:npm/event-stream@3.3.6`, `pkg:docker/bitnami/*` for images), or a service name
 * with wildcards (`payments`, `team-*`).
 */
export const patternSchema = string()
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

export const denyEntry = union([
  patternSchema,
  strictObject({
    pattern: patternSchema,
    reason: string()
      .min(1)
      .max(500)
      .optional()
      .meta({ description: 'Shown with every violation: why, and what to use instead.' }),
  }),
]);
