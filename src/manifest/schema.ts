/**
 * The depmap.yaml spec v1, as a zod schema: the single source of truth. The JSON Schema in
 * schema/depmap.schema.json is generated from it (`depmap schema`), and the validator maps
 * zod's issues back to lines and columns of the YAML.
 */
import type { z } from 'zod';
import { array, boolean, literal, strictObject, string, toJSONSchema, union, enum as zEnum } from 'zod';
import { didYouMean } from '../util/suggest.js';
import { ECOSYSTEM_TYPES, parsePurl, purlType } from './purl.js';
import { COMPONENT_KINDS, PROTOCOLS, SCOPES, SERVICE_KINDS } from './vocabulary.js';

export const SPEC_VERSION = 1;

export { COMPONENT_KINDS, PROTOCOLS } from './vocabulary.js';

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const name = string()
  .min(1)
  .max(120)
  .regex(NAME_PATTERN, { error: 'use letters, digits, ".", "_" or "-", starting with a letter or digit' });

const text = string().max(2000);
const version = string().min(1).max(200);

const protocol = union([zEnum(PROTOCOLS), string().regex(/^x-[a-z0-9][a-z0-9-]*$/)]).meta({
  description: `One of ${PROTOCOLS.join(', ')}; or x-<name> for another protocol.`,
});

const url = string()
  .min(1)
  .max(2000)
  .superRefine((value, ctx) => {
    try {
      new URL(value);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a URL`,
        params: { code: 'invalid-url', hint: 'write an absolute URL such as https://api.example.com' },
      });
    }
  });

export const linkSchema = strictObject({
  url,
  title: string().max(200).optional(),
});

export const providedSchema = strictObject({
  api: name.meta({ description: 'Name of the interface, unique within the organisation (e.g. checkout-http).' }),
  protocol,
  version: version.meta({ description: 'Version of the interface this component serves (2.1.0, v3, 2024-06-20).' }),
  description: text.optional(),
}).meta({ description: 'An interface (API, topic, schema) this component offers to others.' });

/** `{ from: path }`: take entries from a lockfile or another file of the same repo. */
export const fromSchema = strictObject({
  from: string().min(1).max(500).meta({ description: 'Path of a lockfile, compose file, … inside this repo.' }),
  transitive: boolean().optional().meta({ description: 'Also take transitive dependencies (default false).' }),
}).meta({ description: 'Import entries from a file of this repo (a lockfile, a compose file, …).' });

const purlStringSchema = string()
  .max(1000)
  .superRefine((value, ctx) => {
    const hint = 'write pkg:<type>/<namespace>/<name>@<version>, e.g. pkg:npm/express@4.19.2';
    if (!value.startsWith('pkg:')) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a Package URL`,
        params: { code: 'invalid-purl', hint },
      });
      return;
    }
    if (/\s/.test(value)) {
      // "- a\n   - b": the second entry, indented deeper, became the tail of the first.
      const joined = /\s-\s+pkg:/.test(value);
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a valid Package URL: it has spaces`,
        params: {
          code: 'invalid-purl',
          hint: joined
            ? 'two entries ran together: line the "-" of the second up with the first'
            : 'percent-encode spaces (%20), or check the quotes',
        },
      });
      return;
    }
    try {
      parsePurl(value);
    } catch (error) {
      const reason = (error as Error).message.replace(/^Invalid purl: /, '');
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a valid Package URL: ${reason}`,
        params: { code: 'invalid-purl', hint },
      });
    }
  })
  .meta({
    description: 'Package URL, e.g. pkg:npm/express@4.19.2 or pkg:maven/org.slf4j/slf4j-api@2.0.13.',
    pattern: '^pkg:[A-Za-z.+-]+/',
  });

export const libraryObjectSchema = strictObject({
  ecosystem: string()
    .min(1)
    .max(40)
    .superRefine((value, ctx) => {
      if (purlType(value)) return;
      ctx.addIssue({
        code: 'custom',
        message: `unknown ecosystem "${value}"${didYouMean(value, ECOSYSTEM_TYPES)}`,
        params: { code: 'unknown-ecosystem', hint: `use a Package URL type: ${ECOSYSTEM_TYPES.join(', ')}` },
      });
    })
    .meta({ description: 'npm, pypi, maven, golang, cargo, gem, nuget, docker, composer, githubactions, git, …' }),
  name: string()
    .min(1)
    .max(500)
    .meta({ description: 'Name as the ecosystem writes it: @scope/pkg, group:artifact, …' }),
  version: version
    .optional()
    .meta({ description: "Version in the ecosystem's own syntax (Cargo's 1.2.3 is a caret range; write =1.2.3)." }),
  scope: zEnum(SCOPES).optional(),
}).meta({ description: 'A library given by ecosystem, name and version.' });

export const purlObjectSchema = strictObject({
  purl: purlStringSchema,
  scope: zEnum(SCOPES).optional(),
}).meta({ description: 'A library given as a Package URL, with a scope.' });

// Most entries are purl strings, then objects: tried in that order, a union stops at the
// first match (the order matters for speed; parse.ts maps failures back by the same order).
const libraryEntrySchema = union([purlStringSchema, libraryObjectSchema, purlObjectSchema, fromSchema]);

export const serviceSchema = strictObject({
  name: name.meta({ description: "Another component's name, or an infrastructure/external node." }),
  kind: zEnum(SERVICE_KINDS).optional().meta({ description: 'What is called (default service).' }),
  protocol: protocol.optional(),
  api: name.optional().meta({ description: 'The interface consumed, as its provider names it in provides.' }),
  version: version
    .optional()
    .meta({ description: 'The API version consumed: exact (2.1.0, v3) or a date (2024-06-20).' }),
  image: string().min(1).max(500).optional().meta({ description: 'Container image, tag and/or digest.' }),
  url: url.optional().meta({ description: 'Address of an external service.' }),
  critical: boolean().optional().meta({ description: 'This component cannot work without it.' }),
  description: text.optional(),
}).meta({ description: 'A service, database, queue or third-party API this component calls.' });

const serviceEntrySchema = union([serviceSchema, fromSchema]);

export const manifestSchema = strictObject({
  $schema: string().optional(),
  depmap: literal(SPEC_VERSION).meta({ description: 'Spec version of this file: 1.' }),
  name: name.meta({ description: 'Unique id of this component across the organisation.' }),
  kind: zEnum(COMPONENT_KINDS).meta({ description: 'What this component is.' }),
  system: name.optional().meta({ description: 'The system it belongs to: one subgraph per system in diagrams.' }),
  owner: string().min(1).max(200).optional().meta({ description: 'Owning team.' }),
  aliases: array(name).max(50).optional().meta({
    description:
      'Other names this component is reached by (a hostname, a Kubernetes Service, its package or image name): references to them resolve to it.',
  }),
  image: string()
    .min(1)
    .max(500)
    .optional()
    .meta({ description: 'The container image this component runs as, judged by the image pin rules.' }),
  description: text.optional(),
  tags: array(string().min(1).max(100)).max(100).optional(),
  links: array(linkSchema).max(100).optional(),
  provides: array(providedSchema).optional(),
  libraries: array(libraryEntrySchema).optional(),
  services: array(serviceEntrySchema).optional(),
}).meta({
  title: 'depmap.yaml',
  description: 'The dependency manifest of one deployable unit: what it is, what it offers, what it depends on.',
});

export type RawManifest = z.infer<typeof manifestSchema>;

/** JSON Schema (draft 2020-12) of depmap.yaml, generated from the zod schema. */
export function manifestJsonSchema(): Record<string, unknown> {
  const schema: Record<string, unknown> = toJSONSchema(manifestSchema, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
  });
  return schema;
}
