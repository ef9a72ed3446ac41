/**
 * The vendored SPDX 3.0.1 schemas are the files the README names, byte for byte, and they are
 * the real thing: they accept the spike's hand-written example and reject what SPDX forbids.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './snapshot.js';
import { SPDX_SCHEMAS, SPDX_SCHEMA_DIR, spdxValidators } from './spdx-schema.js';

const example = () =>
  JSON.parse(readFileSync(join(ROOT, 'test/fixtures/interop/spdx3-example.spdx3.json'), 'utf8')) as {
    '@graph': Record<string, unknown>[];
  };

describe('vendored SPDX 3.0.1 schemas', () => {
  it.each(Object.entries(SPDX_SCHEMAS))('%s has the SHA-256 the README records', (file, sha256) => {
    const bytes = readFileSync(join(SPDX_SCHEMA_DIR, file));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
  });

  it('the README says the official file (582c64e8…) is not among them', () => {
    const readme = readFileSync(join(SPDX_SCHEMA_DIR, 'README.md'), 'utf8');
    expect(readme).toContain('582c64e809d5b3ef9bd0c4de13a32391b47b0284a3e8d199569fb96f649234b1');
    expect(readme).toMatch(/not the file spdx\.org serves today/);
    for (const sha256 of Object.values(SPDX_SCHEMAS)) expect(readme).toContain(sha256);
  });

  const validators = spdxValidators();

  it.each(validators)('%s accepts the hand-written example', (_file, validate) => {
    expect(validate(example()), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it.each(validators)(
    '%s rejects a scope SPDX does not have, a missing creationInfo and a 3.0.0 context',
    (_file, validate) => {
      const badScope = example();
      const relationship = badScope['@graph'].find((e) => e.type === 'LifecycleScopedRelationship')!;
      relationship.scope = 'dev';
      expect(validate(badScope)).toBe(false);

      const noCreationInfo = example();
      delete noCreationInfo['@graph'].find((e) => e.type === 'software_Package')!.creationInfo;
      expect(validate(noCreationInfo)).toBe(false);

      const oldContext = { ...example(), '@context': 'https://spdx.org/rdf/3.0.0/spdx-context.jsonld' };
      expect(validate(oldContext)).toBe(false);
    },
  );
});
