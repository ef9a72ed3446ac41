/** Imports a file of a fixture repo under fixtures/importers/, reading its other files from disk. */
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findImporter, importFile } from '../../src/importers/index.js';
import type { ImportResult, ImportedLibrary } from '../../src/importers/types.js';

export const FIXTURES = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../fixtures/importers');

export function repoReader(root: string): (path: string) => string | undefined {
  return (path) => {
    const full = resolve(root, path);
    if (relative(root, full).startsWith('..')) throw new Error(`test reader asked for ${path}, outside the repo`);
    return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined;
  };
}

export function importFixture(
  repo: string,
  file: string,
  options: { transitive?: boolean; workspace?: string } = {},
): ImportResult {
  const root = join(FIXTURES, repo);
  const text = readFileSync(join(root, file), 'utf8');
  return importFile(text, {
    file,
    readFile: repoReader(root),
    transitive: options.transitive ?? false,
    workspace: options.workspace,
  });
}

export function importerIdOf(file: string): string | undefined {
  return findImporter(file)?.id;
}

/** `name@version` of each library, sorted: compact and order-independent for assertions. */
export function ids(libraries: ImportedLibrary[]): string[] {
  return libraries.map((l) => `${l.name}@${l.version ?? ''}`).sort();
}

export function byName(libraries: ImportedLibrary[], name: string): ImportedLibrary | undefined {
  return libraries.find((l) => l.name === name);
}

/** The text of a fixture line, to check that a reported line number points at the right thing. */
export function lineText(repo: string, file: string, line: number | undefined): string {
  if (line === undefined) return '';
  return readFileSync(join(FIXTURES, repo, file), 'utf8').split('\n')[line - 1] ?? '';
}
