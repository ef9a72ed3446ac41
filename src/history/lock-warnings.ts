/**
 * History before adoption: a commit that edits a manifest's ranges (package.json,
 * pyproject.toml, Cargo.toml, …) and leaves the lockfile beside it as it was. The lockfile is
 * what gets installed, so the map follows it and shows no change of those libraries; the
 * commit gets a warning for each range the locked versions no longer satisfy
 * (importers/stale-lock.ts). Only commits that change a manifest without its lockfile pay for
 * reading them.
 */
import { detectImporter, runImporter } from '../importers/index.js';
import { librarySourcesOf } from '../importers/library-sources.js';
import { pyprojectRequirements } from '../importers/python/pyproject.js';
import { staleLock } from '../importers/stale-lock.js';
import type { ImportedLibrary } from '../importers/types.js';
import { basename, dirname } from '../util/paths.js';
import type { HistoryWarning } from './types.js';

interface RangesReader {
  family: string;
  read(text: string | undefined): ImportedLibrary[];
}

/** How the manifest at `path` gives its ranges, when it is one a lockfile of its family locks. */
function rangesReader(
  path: string,
  text: string,
  readFile: (p: string) => string | undefined,
): RangesReader | undefined {
  if (basename(path) === 'pyproject.toml') {
    return {
      family: 'python',
      read: (t) =>
        pyprojectRequirements(t).map((r) => ({
          ecosystem: 'pypi',
          name: r.name,
          ...(r.version !== undefined ? { version: r.version } : {}),
          syntax: 'native',
        })),
    };
  }
  const importer = detectImporter(path, text);
  if (importer?.library?.kind !== 'ranges') return undefined;
  return {
    family: importer.library.family,
    read: (t) =>
      t === undefined ? [] : runImporter(importer, t, { file: path, readFile, transitive: false }).libraries,
  };
}

/**
 * The warnings of one commit. `before` holds the blob id each changed path had before it
 * (undefined: the file is new); `tree` is the tree after it; `read` gives a blob's text.
 */
export function staleLockWarnings(
  before: ReadonlyMap<string, string | undefined>,
  tree: ReadonlyMap<string, string>,
  read: (oid: string) => string | undefined,
): HistoryWarning[] {
  const warnings: HistoryWarning[] = [];
  let present: Set<string> | undefined;
  const readFile = (p: string) => {
    const oid = tree.get(p);
    return oid === undefined ? undefined : read(oid);
  };
  for (const [path, was] of before) {
    const text = readFile(path);
    if (
      text === undefined ||
      !/^(package\.json|pyproject\.toml|Cargo\.toml|composer\.json|Gemfile)$/.test(basename(path))
    )
      continue;
    const reader = rangesReader(path, text, readFile);
    if (!reader) continue;
    present ??= new Set(tree.keys());
    for (const source of librarySourcesOf(dirname(path), present)) {
      if (source.ranges || before.has(source.path)) continue;
      const lockText = readFile(source.path);
      const lockImporter = lockText === undefined ? undefined : detectImporter(source.path, lockText);
      if (lockText === undefined || lockImporter?.library?.family !== reader.family) continue;
      const locked = runImporter(lockImporter, lockText, {
        file: source.path,
        readFile,
        transitive: true,
        ...(source.workspace !== undefined ? { workspace: source.workspace } : {}),
      }).libraries;
      warnings.push(
        ...staleLock({
          manifest: path,
          lock: source.path,
          before: reader.read(was === undefined ? undefined : read(was)),
          after: reader.read(text),
          locked,
        }),
      );
    }
  }
  return warnings;
}
