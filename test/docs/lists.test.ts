/**
 * Lists that the code defines and the docs repeat (skipped folders, kinds, protocols): one
 * source, the code; the docs are checked against it, and links between pages resolve.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SKIPPED_DIRS } from '../../src/crawl/find-manifests.js';
import { COMPONENT_KINDS, PROTOCOLS, SERVICE_KINDS } from '../../src/manifest/vocabulary.js';
import { runCli } from '../../src/cli/main.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
/** The `code` items of the sentence or table row that contains `marker`. */
const codesAfter = (text: string, marker: string, until: RegExp) => {
  const start = text.indexOf(marker);
  expect(start, marker).toBeGreaterThanOrEqual(0);
  const rest = text.slice(start + marker.length);
  const end = rest.search(until);
  return [...rest.slice(0, end < 0 ? undefined : end).matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
};

describe('docs say what the code does', () => {
  it('the skipped folders: docs and validate --help list exactly SKIPPED_DIRS', async () => {
    expect(codesAfter(read('docs/commands/validate.md'), '(skipping', /;/)).toEqual([...SKIPPED_DIRS]);
    const help = (await runCli(['validate', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`skipping ${[...SKIPPED_DIRS].slice(0, -1).join(', ')} and ${[...SKIPPED_DIRS].at(-1)};`);
  });

  it('the component kinds, service kinds and protocols of the manifest page', () => {
    const manifest = read('docs/manifest.md');
    expect(codesAfter(manifest, '| `kind` | yes |', /\n/)).toEqual([...COMPONENT_KINDS]);
    expect(codesAfter(manifest, '`kind` (`service` default,', /\)/).concat('service').sort()).toEqual(
      [...SERVICE_KINDS].sort(),
    );
    expect(codesAfter(manifest, '**Protocols** are', /, or `x-/)).toEqual([...PROTOCOLS]);
  });

  it('every relative link of the README and docs/ resolves', () => {
    const pages = [
      'README.md',
      ...readdirSync(path.join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ];
    const broken: string[] = [];
    for (const page of pages) {
      for (const [, target] of read(page).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target as string)) continue;
        if (!existsSync(path.resolve(ROOT, path.dirname(page), target as string))) broken.push(`${page} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
