import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES } from './fixture.js';
import {
  findImporter,
  importFile,
  listImporters,
  pickComponent,
  runImporter,
  servicesFor,
} from '../../src/importers/index.js';
import type { ImportResult, Importer } from '../../src/importers/types.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/** Every `export const xImporter = defineImporter(` in src/importers: the importers there are. */
function definedImporters(): string[] {
  return files(fileURLToPath(new URL('../../src/importers', import.meta.url)))
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/^export const (\w+) = defineImporter\(/gm)])
    .map((match) => match[1]!);
}

describe('importer registry', () => {
  it('lists every importer once, each with a description', () => {
    const ids = listImporters().map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Each importer file's definition is registered (the count was a number kept by hand).
    expect(ids).toHaveLength(definedImporters().length);
    for (const importer of listImporters()) expect(importer.description.length).toBeGreaterThan(10);
  });

  it('an unknown file is a problem naming the supported formats', () => {
    const result = importFile('x', { file: 'README.md', readFile: () => undefined, transitive: false });
    expect(result.problems[0]?.message).toBe('depmap cannot import README.md: no importer reads this kind of file');
    expect(result.problems[0]?.hint).toContain('package-lock');
  });

  it('a bug in an importer becomes a problem, not a crash', () => {
    const broken: Importer = {
      id: 'broken',
      files: '`x`',
      description: 'always throws',
      provides: 'libraries',
      matches: () => true,
      parse: () => {
        throw new Error('boom');
      },
    };
    const result = runImporter(broken, '', { file: 'x', readFile: () => undefined, transitive: false });
    expect(result.problems[0]?.message).toBe('the broken importer failed on x: boom');
  });

  // Every fixture, cut short at several points and fed to every importer: malformed input
  // must come back as problems, never as an exception.
  it('never throws on truncated or foreign input', () => {
    const texts = files(FIXTURES).map((file) => readFileSync(file, 'utf8'));
    for (const importer of listImporters()) {
      for (const text of texts) {
        for (const cut of [0, 7, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length - 1]) {
          const result: ImportResult = importer.parse(text.slice(0, cut), {
            file: 'x/y',
            readFile: () => undefined,
            transitive: true,
          });
          expect(Array.isArray(result.problems)).toBe(true);
        }
      }
    }
  });

  it('every fixture file that names a format is claimed by an importer', () => {
    const unclaimed = files(FIXTURES)
      .map((file) => relative(FIXTURES, file).split('\\').join('/'))
      .filter((file) => !findImporter(file))
      .filter(
        (file) =>
          !/(\.env|pnpm-workspace\.yaml|Pipfile|pyproject\.toml|libs\.versions\.toml|openapi\.yaml|infra\/[a-z]+\.yml)$/.test(
            file,
          ),
      );
    expect(unclaimed).toEqual([]);
  });
});

describe('servicesFor', () => {
  const base = (components: ImportResult['components'], edges: ImportResult['edges']): ImportResult => ({
    libraries: [],
    components,
    edges,
    problems: [],
  });
  const app = (name: string, extra = {}) => ({ name, kind: 'service', infrastructure: false, ...extra });
  const db = { name: 'db', kind: 'database', infrastructure: true, image: 'postgres:16.3' };

  it('matches the component by name, case-insensitively', () => {
    const result = base(
      [app('Orders'), app('web'), db],
      [
        { from: 'Orders', to: 'db', evidence: 'depends_on', protocol: 'sql' },
        { from: 'web', to: 'Orders', evidence: 'depends_on' },
      ],
    );
    expect(servicesFor(result, 'orders')).toEqual([
      { name: 'db', kind: 'database', image: 'postgres:16.3', protocol: 'sql', evidence: 'depends_on' },
    ]);
  });

  it('falls back to the only node built here, then to the only application', () => {
    const built = base(
      [app('api', { built: true }), app('worker'), db],
      [{ from: 'api', to: 'db', evidence: 'depends_on' }],
    );
    expect(pickComponent(built, 'checkout')).toEqual({
      name: 'api',
      reason: 'api is the only node built from this repo',
    });
    const single = base([app('app'), db], [{ from: 'app', to: 'db', evidence: 'depends_on' }]);
    expect(servicesFor(single, 'checkout').map((s) => s.name)).toEqual(['db']);
  });

  it('returns nothing when the file describes several applications and none is this one', () => {
    const result = base([app('a'), app('b'), db], [{ from: 'a', to: 'db', evidence: 'depends_on' }]);
    expect(servicesFor(result, 'checkout')).toEqual([]);
    expect(pickComponent(result, 'checkout').reason).toBe(
      'no node is named checkout and it cannot be told apart among a, b',
    );
  });
});
