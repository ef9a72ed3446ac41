/**
 * The official CycloneDX 1.5 and 1.6 JSON schemas (as @cyclonedx/cyclonedx-library ships them)
 * as validate functions, compiled with ajv on first use.
 *
 * This is what runs from the source tree (tests, build/). The shipped bundle does not carry
 * ajv: scripts/build.mjs compiles these same schemas with this module's compileBomSchema, turns
 * them into ajv's standalone code (dist/cyclonedx-bom-<version>.cjs) and swaps this module for
 * one that loads that file on first use. Measured: compiling a schema costs ~250 ms per run;
 * loading its standalone code ~12 ms.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

export const BOM_VERSIONS = ['1.5', '1.6'] as const;
export type BomVersion = (typeof BOM_VERSIONS)[number];

export interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

export type BomValidate = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

const require = createRequire(import.meta.url);
const compiled = new Map<BomVersion, BomValidate>();

export function bomValidator(version: BomVersion): BomValidate {
  let validate = compiled.get(version);
  if (!validate) {
    validate = compileBomSchema(version).validate;
    compiled.set(version, validate);
  }
  return validate;
}

/**
 * The schema compiled, with the ajv that compiled it (what ajv's standalone code generation
 * needs). The two schemas a BOM schema refers to (SPDX licence ids, JSF signatures) are
 * registered under the names its relative `$ref`s resolve to.
 *
 * @public scripts/build.mjs generates the shipped validators with it.
 */
export function compileBomSchema(version: BomVersion): { ajv: Ajv.default; validate: BomValidate } {
  // The package does not export its res/ folder: the files are found beside its package.json.
  const dir = join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res/schema');
  const load = (name: string) => require(join(dir, name)) as Record<string, unknown>;
  const ajv = new Ajv.default({ strict: false, allErrors: true, code: { source: true } });
  addFormats.default(ajv);
  // ajv-formats has no IRI or internationalized e-mail formats: their ASCII forms are checked instead.
  ajv.addFormat('iri-reference', /^[^\s]*$/);
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/);
  for (const name of ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json']) {
    const { $id: _id, ...schema } = load(name);
    ajv.addSchema(schema, `http://cyclonedx.org/schema/${name}`);
  }
  return { ajv, validate: ajv.compile(load(`bom-${version}.SNAPSHOT.schema.json`)) as BomValidate };
}
