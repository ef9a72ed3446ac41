/**
 * Which files give a folder's libraries: per family, the best one present (a lockfile over
 * its manifest). A package without its own lockfile inside a workspace takes the nearest
 * lockfile above it, read for that package (`workspace`). Shared by `scan --discover`,
 * `depmap init` and the drift rule; every list here comes from the importers' own library
 * roles (types.ts, `LibraryRole`) and the registry's order, so a new importer adds no line.
 */
import { IMPORTERS } from './registry.js';
import type { Importer, LibraryRole } from './types.js';
import { ancestors, basename, dirname, inDir } from '../util/paths.js';

type LibraryImporter = Importer & { library: LibraryRole };

interface LibraryFamily {
  name: string;
  /** Its importers, best first. */
  members: readonly LibraryImporter[];
}

/** The families in the order their first importer stands in the registry; each best first. */
export const LIBRARY_FAMILIES: readonly LibraryFamily[] = familiesOf(IMPORTERS);

function familiesOf(importers: readonly Importer[]): LibraryFamily[] {
  const families = new Map<string, LibraryImporter[]>();
  for (const importer of importers) {
    if (!importer.library) continue;
    const members = families.get(importer.library.family) ?? [];
    members.push(importer as LibraryImporter);
    families.set(importer.library.family, members);
  }
  return [...families].map(([name, members]) => ({
    name,
    members: members.sort((a, b) => a.library.rank - b.library.rank),
  }));
}

/** A family's lockfile names, best first. */
function lockfileNames(family: LibraryFamily): string[] {
  return family.members.filter((m) => m.library.kind === 'lockfile').flatMap((m) => m.library.names ?? []);
}

/** Files that pin what was resolved, by name, family by family: what the drift rule compares a manifest with. */
export const LOCKFILE_NAMES: readonly string[] = LIBRARY_FAMILIES.flatMap(lockfileNames);

export interface LibrarySource {
  /** The file to import, repo-relative. */
  path: string;
  /** The package folder, when the file is a lockfile above it shared by a workspace. */
  workspace?: string;
  /** True when the file is a manifest with ranges, not a lockfile. */
  ranges: boolean;
}

function isSourceOf(role: LibraryRole, name: string): boolean {
  return role.names?.includes(name) === true || role.every?.test(name) === true;
}

export function isLibrarySourceName(name: string): boolean {
  return LIBRARY_FAMILIES.some((family) => family.members.some((m) => isSourceOf(m.library, name)));
}

/** The library sources of one folder, given every path of the repo. */
export function librarySourcesOf(dir: string, present: ReadonlySet<string>): LibrarySource[] {
  const here = [...present].filter((p) => dirname(p) === dir);
  return LIBRARY_FAMILIES.flatMap((family) => familySources(family, dir, present, here));
}

/** The sources of the best member of `family` present in `dir`: none, one, or each file an `every` role matches. */
function familySources(
  family: LibraryFamily,
  dir: string,
  present: ReadonlySet<string>,
  here: readonly string[],
): LibrarySource[] {
  for (const { library } of family.members) {
    const ranges = library.kind === 'ranges';
    const { every } = library;
    if (every) {
      const paths = here.filter((p) => every.test(basename(p))).sort();
      if (paths.length > 0) return paths.map((path) => ({ path, ranges }));
    }
    const name = library.names?.find((n) => present.has(inDir(dir, n)));
    if (name === undefined) continue;
    if (library.workspace) {
      const locks = lockfileNames(family);
      const lock = ancestors(dir)
        .slice(1)
        .flatMap((ancestor) => locks.map((n) => inDir(ancestor, n)))
        .find((path) => present.has(path));
      if (lock) return [{ path: lock, workspace: dir, ranges: false }];
    }
    return [{ path: inDir(dir, name), ranges }];
  }
  return [];
}
