/**
 * The libraries of one source folder: its best library file of each family (a lockfile over
 * the manifest it locks; a workspace package reads the nearest lockfile above it for itself),
 * read by the importers. A lockfile gives its transitive packages too, marked `transitive`,
 * as a manifest's `{ from: lockfile, transitive: true }` does: a bump that moves only those
 * is a change of what runs (log4j-core is seldom a direct dependency). Problems come back
 * with their file, never as a throw.
 */
import { detectImporter, runImporter } from '../importers/index.js';
import { librarySourcesOf } from '../importers/library-sources.js';
import type { ImportedLibrary } from '../importers/types.js';
import type { FileProblem, RepoFiles } from './model.js';

export interface FolderLibraries {
  libraries: (ImportedLibrary & { file: string })[];
  problems: FileProblem[];
}

/**
 * Read libraries by folder, for the versions of its library files: a history walk reads a
 * folder again only when one of them changed. One version per folder is kept (with the
 * transitive packages of a lockfile, every version a long history went through would not
 * fit); a hit gives the object read before, the same one while the files are the same:
 * callers only read it.
 */
export type LibraryCache = Map<string, FolderLibraries & { key: string }>;

/** Each folder's library sources, by the set of paths they were found in (one set per tree). */
const sourcesByTree = new WeakMap<ReadonlySet<string>, Map<string, ReturnType<typeof librarySourcesOf>>>();

function sourcesOf(dir: string, present: ReadonlySet<string>): ReturnType<typeof librarySourcesOf> {
  let byDir = sourcesByTree.get(present);
  if (!byDir) {
    byDir = new Map();
    sourcesByTree.set(present, byDir);
  }
  let sources = byDir.get(dir);
  if (!sources) {
    sources = librarySourcesOf(dir, present);
    byDir.set(dir, sources);
  }
  return sources;
}

export function folderLibraries(
  dir: string,
  files: RepoFiles,
  present: ReadonlySet<string>,
  cache?: LibraryCache,
): FolderLibraries {
  const sources = sourcesOf(dir, present);
  const key =
    cache && files.version
      ? `${dir}\0${sources.map((s) => `${s.path} ${s.workspace ?? ''} ${files.version?.(s.path) ?? ''}`).join('\0')}`
      : undefined;
  const hit = key === undefined ? undefined : cache?.get(dir);
  if (hit && hit.key === key) return hit;
  const out = readFolder(sources, files);
  if (cache && key !== undefined) {
    if (cache.size > 10_000) cache.clear();
    const kept = { key, ...out };
    cache.set(dir, kept);
    return kept;
  }
  return out;
}

function readFolder(sources: ReturnType<typeof librarySourcesOf>, files: RepoFiles): FolderLibraries {
  const out: FolderLibraries = { libraries: [], problems: [] };
  const seen = new Set<string>();
  for (const source of sources) {
    const text = files.read(source.path);
    const importer = text === undefined ? undefined : detectImporter(source.path, text);
    if (!importer || text === undefined) continue;
    const result = runImporter(importer, text, {
      file: source.path,
      readFile: (path) => files.read(path),
      transitive: true,
      ...(source.workspace !== undefined ? { workspace: source.workspace } : {}),
    });
    for (const p of result.problems) {
      out.problems.push({
        file: source.path,
        ...(p.line !== undefined ? { line: p.line } : {}),
        message: p.message,
        ...(p.hint ? { hint: p.hint } : {}),
        severity: p.severity ?? 'error',
      });
    }
    for (const library of result.libraries) {
      const key = `${library.ecosystem}:${library.name}@${library.version ?? ''}#${library.scope ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.libraries.push({ ...library, file: source.path });
    }
  }
  return out;
}
