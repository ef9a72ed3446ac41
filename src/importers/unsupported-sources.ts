/**
 * Dependency files depmap knows of but does not read: a folder that has one instead of a
 * file depmap reads is told so by name, with what to do, rather than "no lockfile found".
 * A file is only reported when its folder has no source of the same family that depmap
 * reads (a Godeps.json left beside a go.mod says nothing new).
 */
import { findImporter } from './index.js';
import { librarySourcesOf } from './library-sources.js';
import { inDir } from '../util/paths.js';

interface Unread {
  /** Relative to the folder it describes. */
  name: string;
  /** The importer family that would stand for it. */
  family: string;
  /** The tool that writes it. */
  format: string;
  /** What the user can do instead. */
  hint: string;
}

export interface UnsupportedSource extends Omit<Unread, 'name'> {
  /** Repo-relative path of the file. */
  path: string;
}

const GO_MODULES = 'migrate to Go modules (`go mod init` imports it), or list the libraries as purls in depmap.yaml';
const AS_PURLS = (type: string) => `list the libraries as purls (pkg:${type}/…) in depmap.yaml`;

const UNREAD: readonly Unread[] = [
  { name: 'Godeps/Godeps.json', family: 'go', format: 'godep', hint: GO_MODULES },
  { name: 'vendor/vendor.json', family: 'go', format: 'govendor', hint: GO_MODULES },
  { name: 'vendor.conf', family: 'go', format: 'vndr', hint: GO_MODULES },
  { name: 'trash.conf', family: 'go', format: 'trash', hint: GO_MODULES },
  { name: 'gradle.lockfile', family: 'gradle', format: 'Gradle dependency locking', hint: AS_PURLS('maven') },
  { name: 'packages.lock.json', family: 'dotnet', format: 'NuGet locking', hint: AS_PURLS('nuget') },
  { name: 'pubspec.lock', family: 'dart', format: 'Dart pub', hint: AS_PURLS('pub') },
  { name: 'mix.lock', family: 'elixir', format: 'Elixir mix', hint: AS_PURLS('hex') },
  { name: 'Package.resolved', family: 'swift', format: 'Swift Package Manager', hint: AS_PURLS('swift') },
  { name: 'Podfile.lock', family: 'cocoapods', format: 'CocoaPods', hint: AS_PURLS('cocoapods') },
];

/** The names (relative to a folder) of the files depmap knows and does not read. */
const UNSUPPORTED_NAMES: readonly string[] = UNREAD.map((u) => u.name);

/** The unread dependency files of `dir` whose family has no source there that depmap reads. */
export function unsupportedSourcesOf(dir: string, present: ReadonlySet<string>): UnsupportedSource[] {
  const found = UNREAD.filter((u) => present.has(inDir(dir, u.name)));
  if (found.length === 0) return [];
  const read = new Set(librarySourcesOf(dir, present).map((source) => findImporter(source.path)?.library?.family));
  return found.filter((u) => !read.has(u.family)).map(({ name, ...u }) => ({ ...u, path: inDir(dir, name) }));
}

/** One sentence for the user: the file, its tool, that depmap does not read it. */
export function unsupportedMessage(source: UnsupportedSource): string {
  return `${source.path} (${source.format}) is a dependency file depmap does not read`;
}

/** True for a repo path that is one of the files depmap knows and does not read. */
export function isUnsupportedSource(path: string): boolean {
  return UNSUPPORTED_NAMES.some((name) => path === name || path.endsWith(`/${name}`));
}

/** Every unread dependency file of a repo, given all its paths. */
export function unsupportedSourcesIn(paths: readonly string[]): UnsupportedSource[] {
  const present = new Set(paths);
  const dirs = new Set<string>();
  for (const path of paths)
    for (const name of UNSUPPORTED_NAMES)
      if (path === name) dirs.add('');
      else if (path.endsWith(`/${name}`)) dirs.add(path.slice(0, -name.length - 1));
  return [...dirs].sort().flatMap((dir) => unsupportedSourcesOf(dir, present));
}
