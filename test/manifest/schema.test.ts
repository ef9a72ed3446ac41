import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { schemaText } from '../../src/cli/commands/schema.js';

const committed = 'schema/depmap.schema.json';

describe('schema/depmap.schema.json', () => {
  it('is the JSON Schema generated from the zod spec (run `npm run schema` to refresh it)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(schemaText());
  });

  it('`depmap schema --policy` prints the committed policy schema', async () => {
    const { runCli } = await import('../../src/cli/main.js');
    const result = await runCli(['schema', '--policy']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync('schema/depmap.policy.schema.json', 'utf8'));
  });

  it('accepts the demo manifests and rejects unknown fields, as the validator does', () => {
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(schemaText()));
    for (const name of ['checkout', 'payments', 'web-shop', 'inventory']) {
      const manifest = parse(readFileSync(`fixtures/demo-org/${name}/depmap.yaml`, 'utf8'));
      expect(validate(manifest), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(validate({ depmap: 1, name: 'x', kind: 'service', nmae: 'y' })).toBe(false);
    expect(validate({ depmap: 1, name: 'x', kind: 'servce' })).toBe(false);
    expect(
      validate({
        depmap: 1,
        name: 'x',
        kind: 'service',
        libraries: [{ from: 'package-lock.json' }, 'pkg:npm/a@1.0.0'],
      }),
    ).toBe(true);
  });
});
