/**
 * The formats each command's page lists are its registry's: the code is the one source,
 * and a format added to a registry without its page fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORTERS } from '../../src/export/index.js';
import { CI_FORMATS } from '../../src/render/ci/index.js';
import { DIFF_FORMATS } from '../../src/render/diff/index.js';
import type { OutputRegistry, OutputFormat } from '../../src/render/output-format.js';
import { TIMELINE_FORMATS } from '../../src/render/timeline/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

const PAGES: [string, OutputRegistry<OutputFormat<never, never>>][] = [
  ['docs/commands/diff.md', DIFF_FORMATS],
  ['docs/commands/timeline.md', TIMELINE_FORMATS],
  ['docs/commands/check.md', CI_FORMATS],
  ['docs/commands/export.md', EXPORTERS],
];

describe('docs list the formats of the code', () => {
  it.each(PAGES)('%s: the synopsis gives --format with every format of the registry', (page, registry) => {
    const synopsis = /--format ([a-z]+(?:\|[a-z]+)+)/.exec(readFileSync(path.join(ROOT, page), 'utf8'));
    expect(synopsis?.[1]?.split('|')).toEqual(registry.names());
  });
});
