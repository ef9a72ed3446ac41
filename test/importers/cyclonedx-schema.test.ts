/**
 * The shipped bundle checks BOMs with ajv's standalone code generated at build time
 * (scripts/cyclonedx-validators.mjs); the source tree compiles the same schemas with ajv. The
 * two must give the same verdicts and the same errors, and the generated files must stand on
 * their own (no ajv in an installed depmap).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bomValidatorFiles } from '../../scripts/cyclonedx-validators.mjs';
import { BOM_VERSIONS, compileBomSchema, type BomValidate } from '../../src/importers/cyclonedx/bom-validator.js';
import { toCycloneDx } from '../../src/export/cyclonedx.js';
import { ROOT, demoOrg } from '../export/snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'depmap-cdx-validators-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('standalone CycloneDX validators (what dist/ ships)', async () => {
  const files = await bomValidatorFiles(ROOT);
  const load = createRequire(join(dir, 'x.cjs'));
  const boms: [string, unknown][] = [
    [
      'saasbom-1.6',
      JSON.parse(readFileSync(join(ROOT, 'test/fixtures/interop/cyclonedx-saasbom/saasbom-1.6.cdx.json'), 'utf8')),
    ],
    ['depmap export', JSON.parse(toCycloneDx(demoOrg()))],
    [
      'invalid',
      {
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        services: [{ name: 'web', data: [{ flow: 'sideways', classification: 'PII' }] }, { endpoints: [] }],
        components: [{ type: 'gadget', name: 'x', hashes: [{ alg: 'MD5', content: 'nothex' }] }],
      },
    ],
  ];

  it('one file per version the importer checks, carrying the licences of what it holds', () => {
    expect(files.map((f) => f.file)).toEqual(BOM_VERSIONS.map((v) => `cyclonedx-bom-${v}.cjs`));
    expect(files[0]!.packages).toEqual(expect.arrayContaining(['ajv', 'ajv-formats', '@cyclonedx/cyclonedx-library']));
  });

  for (const version of BOM_VERSIONS) {
    // Loaded from a temp folder with no node_modules: a file that still needed ajv would not load.
    it(`${version}: the same verdicts and errors as the schema compiled from source`, () => {
      const file = files.find((f) => f.version === version)!;
      writeFileSync(join(dir, file.file), file.code);
      const standalone = load(join(dir, file.file)) as BomValidate;
      const compiled = compileBomSchema(version).validate;
      for (const [label, bom] of boms) {
        const verdict = compiled(bom);
        expect(standalone(bom), label).toBe(verdict);
        expect(standalone.errors ?? null, label).toEqual(compiled.errors ?? null);
        if (label === 'invalid') expect(verdict).toBe(false);
        else expect(verdict, JSON.stringify(compiled.errors?.slice(0, 2))).toBe(true);
      }
    });
  }
});
