/** The lockfile names written out for `depmap check` are the registry's, in its order. */
import { describe, expect, it } from 'vitest';
import { LOCKFILE_NAMES as FROM_REGISTRY } from '../../src/importers/library-sources.js';
import { LOCKFILE_NAMES as WRITTEN } from '../../src/importers/lockfile-names.js';

describe('src/importers/lockfile-names.ts', () => {
  it('lists the lockfiles of the importer registry', () => {
    const expected = `[\n${FROM_REGISTRY.map((n) => `  '${n}',`).join('\n')}\n]`;
    expect([...WRITTEN], `paste into src/importers/lockfile-names.ts:\n${expected}`).toEqual([...FROM_REGISTRY]);
  });
});
