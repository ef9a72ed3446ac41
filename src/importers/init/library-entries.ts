/**
 * The `libraries:` entries `depmap init` writes: a `{ from: }` per library source (a TODO
 * when the file cannot be read or holds ranges), or with `inline` the direct dependencies
 * themselves, as pinned purls or, when not pinned, in the object form with a TODO.
 */
import { PackageURL } from 'packageurl-js';
import { checkPin } from '../../manifest/pin/index.js';
import { purlFor } from '../../manifest/purl.js';
import { detectImporter, runImporter } from '../index.js';
import type { LibrarySource } from '../library-sources.js';
import { unwrapPin } from '../../manifest/pin/unwrap-pin.js';
import { basename, relativePath } from '../../util/paths.js';
import type { ImportResult, ImportedLibrary } from '../types.js';
import type { Unit } from './find-units.js';
import { flowMap, scalar, type Line } from './manifest-yaml.js';

export type Todo = (text: string) => string;

export function fromLibraries(
  sources: LibrarySource[],
  unit: Unit,
  read: (path: string) => string | undefined,
  todo: (text: string) => string,
): Line[] {
  const lines: Line[] = [];
  for (const source of sources) {
    const result = importSource(source, read);
    const relative = relativePath(unit.dir, source.path);
    const errors = result.problems.filter((p) => (p.severity ?? 'error') === 'error');
    if (errors.length > 0) {
      lines.push({
        text: '',
        comment: `- { from: ${relative} }  ${todo(`${source.path} could not be read (${errors[0]!.line ? `line ${errors[0]!.line}: ` : ''}${errors[0]!.message}); fix it or list the libraries`)}`,
      });
      continue;
    }
    const count = `${result.libraries.length} direct dependenc${result.libraries.length === 1 ? 'y' : 'ies'}`;
    let comment = source.workspace !== undefined ? `${count} of this package in the workspace lockfile` : count;
    if (source.ranges)
      comment = `${comment}; ${todo(`${basename(source.path)} holds ranges, not pins: commit a lockfile and import that`)}`;
    lines.push({ text: `  - { from: ${scalar(relative, true)} }`, comment });
  }
  return lines;
}

export function inlineLibraries(
  sources: LibrarySource[],
  unit: Unit,
  read: (path: string) => string | undefined,
  todo: (text: string) => string,
): Line[] {
  const lines: Line[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    const result = importSource(source, read);
    const libraries = result.libraries.filter((l) => !l.transitive);
    if (libraries.length === 0) continue;
    lines.push({ text: '  ', comment: `from ${relativePath(unit.dir, source.path)}` });
    for (const library of libraries) {
      const entry = inlineEntry(library, todo);
      if (!entry || seen.has(entry.key)) continue;
      seen.add(entry.key);
      lines.push(entry.line);
    }
  }
  return lines;
}

function inlineEntry(
  library: ImportedLibrary,
  todo: (text: string) => string,
): { key: string; line: Line } | undefined {
  let purl: string;
  try {
    purl = purlFor(library.ecosystem, library.name);
  } catch {
    return undefined;
  }
  const scope = library.scope && library.scope !== 'runtime' ? library.scope : undefined;
  const pin = checkPin(library.ecosystem, library.version, { syntax: library.syntax });
  if (pin.pinned && library.version !== undefined) {
    const parsed = PackageURL.fromString(purl);
    const versioned = new PackageURL(
      parsed.type,
      parsed.namespace,
      parsed.name,
      unwrapPin(library.version),
      parsed.qualifiers,
      parsed.subpath,
    ).toString();
    const text = scope
      ? `  - ${flowMap([
          ['purl', versioned],
          ['scope', scope],
        ])}`
      : `  - ${scalar(versioned)}`;
    return { key: purl, line: { text } };
  }
  const entry: [string, string | undefined][] = [
    ['ecosystem', library.ecosystem],
    ['name', library.name],
    ['version', library.version],
    ['scope', scope],
  ];
  return {
    key: purl,
    line: {
      text: `  - ${flowMap(entry)}`,
      comment: todo(`pin an exact version${pin.reason ? ` (${pin.reason})` : ''}`),
    },
  };
}

function importSource(source: LibrarySource, read: (path: string) => string | undefined): ImportResult {
  const text = read(source.path) ?? '';
  const importer = detectImporter(source.path, text);
  if (!importer) return { libraries: [], components: [], edges: [], problems: [{ message: 'no importer reads it' }] };
  return runImporter(importer, text, {
    file: source.path,
    readFile: read,
    transitive: false,
    ...(source.workspace !== undefined ? { workspace: source.workspace } : {}),
  });
}
