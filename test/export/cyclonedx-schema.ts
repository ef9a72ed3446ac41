/**
 * The official CycloneDX 1.6 JSON schema, as @cyclonedx/cyclonedx-library bundles it, with
 * the two schemas it references (SPDX license ids, JSF signatures) registered under the
 * names its `$ref`s use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);

export function cycloneDx16Validator() {
  const dir = join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res/schema');
  const load = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // ajv-formats has no IRI or internationalized e-mail formats: their ASCII forms are checked instead.
  ajv.addFormat('iri-reference', /^[^\s]*$/);
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/);
  for (const [name, file] of [
    ['spdx.SNAPSHOT.schema.json', 'spdx.SNAPSHOT.schema.json'],
    ['jsf-0.82.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json'],
  ] as const) {
    const { $id: _id, ...schema } = load(file);
    ajv.addSchema(schema, `http://cyclonedx.org/schema/${name}`);
  }
  return ajv.compile(load('bom-1.6.SNAPSHOT.schema.json'));
}
