/**
 * Which files give a folder's libraries: per family, the best one present (a lockfile over
 * its manifest). A package without its own lockfile inside a workspace takes the nearest
 * lockfile above it, read for that package (`workspace`). Shared by `scan --discover` and
 * `depmap init`.
 */
import { ancestors, basename, dirname, inDir } from './util/paths.js';

/** Per family, the files that can give a folder's libraries, best first. */
export const LIBRARY_SOURCES: readonly (readonly string[])[] = [
  ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'package.json'],
  ['poetry.lock', 'uv.lock', 'Pipfile.lock', 'requirements.txt'],
  ['Cargo.lock', 'Cargo.toml'],
  ['Gemfile.lock', 'Gemfile'],
  ['composer.lock', 'composer.json'],
  ['go.mod'],
  ['pom.xml'],
  ['build.gradle.kts', 'build.gradle'],
];

const NPM_LOCKS = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock'];
const REQUIREMENTS = /^(.*[-_.])?requirements([-_.].*)?\.txt$/;

export interface LibrarySource {
  /** The file to import, repo-relative. */
  path: string;
  /** The package folder, when the file is a lockfile above it shared by a workspace. */
  workspace?: string;
  /** True when the file is a manifest with ranges, not a lockfile. */
  ranges: boolean;
}

export function isLibrarySourceName(name: string): boolean {
  return (
    LIBRARY_SOURCES.some((family) => family.includes(name)) || REQUIREMENTS.test(name) || /\.(cs|fs|vb)proj$/.test(name)
  );
}

const RANGE_FILES = new Set([
  'package.json',
  'requirements.txt',
  'Cargo.toml',
  'Gemfile',
  'composer.json',
  'pom.xml',
  'build.gradle.kts',
  'build.gradle',
]);

/** The library sources of one folder, given every path of the repo. */
export function librarySourcesOf(dir: string, present: ReadonlySet<string>): LibrarySource[] {
  const here = [...present].filter((p) => dirname(p) === dir);
  const sources: LibrarySource[] = [];
  for (const family of LIBRARY_SOURCES) {
    const best = family.find((name) =>
      name === 'requirements.txt' ? here.some((p) => REQUIREMENTS.test(basename(p))) : present.has(inDir(dir, name)),
    );
    if (!best) continue;
    if (best === 'requirements.txt') {
      for (const path of here.filter((p) => REQUIREMENTS.test(basename(p))).sort())
        sources.push({ path, ranges: true });
      continue;
    }
    if (best === 'package.json' || best === 'Cargo.toml') {
      const locks = best === 'package.json' ? NPM_LOCKS : ['Cargo.lock'];
      const lock = ancestors(dir)
        .slice(1)
        .flatMap((ancestor) => locks.map((name) => inDir(ancestor, name)))
        .find((path) => present.has(path));
      if (lock) {
        sources.push({ path: lock, workspace: dir, ranges: false });
        continue;
      }
    }
    sources.push({ path: inDir(dir, best), ranges: RANGE_FILES.has(best) });
  }
  for (const path of here.filter((p) => /\.(cs|fs|vb)proj$/.test(p)).sort()) sources.push({ path, ranges: true });
  return sources;
}
