/**
 * The SPDX 3.0.1 JSON schemas vendored under schema/vendor/spdx-3.0.1 (see its README: two
 * generations of the schema the SPDX specification site published for 3.0.1, neither
 * byte-identical to the file spdx.org serves today), compiled with ajv's draft 2020-12 build.
 * An exported document must pass both.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ROOT } from './snapshot.js';

export const SPDX_SCHEMA_DIR = join(ROOT, 'schema/vendor/spdx-3.0.1');

/** File → SHA-256, as the README records them. */
export const SPDX_SCHEMAS = {
  'schema.e435f40.json': 'aeee07d6dfa86b4ae01b00388d78b024c3556f43cbfda05c4d8ba3675495d5eb',
  'schema.f55ac8b.json': 'd711c811b1ff6face561cbd8cfd07cb5d581845030d4c24cf8cc7107cc8d112a',
} as const;

export type SpdxValidator = ((doc: unknown) => boolean) & { errors?: unknown[] | null };

export function spdxValidators(): [file: string, validate: SpdxValidator][] {
  return Object.keys(SPDX_SCHEMAS).map((file) => {
    const ajv = new Ajv2020.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const schema = JSON.parse(readFileSync(join(SPDX_SCHEMA_DIR, file), 'utf8')) as Record<string, unknown>;
    return [file, ajv.compile(schema) as SpdxValidator];
  });
}
