/**
 * The one walker of a repo's folders: validate and scan (manifests), `scan --discover` and
 * `init` list files through it, each with its options. It never opens a file: it reads
 * folders and, for a symlink it may follow, where it leads; so a FIFO or a device is at most
 * listed, for the reader (src/io/read-file.ts, read-inside.ts) to refuse by name. Synchronous:
 * on a local disk a crawl is bound by parsing, and sync calls cost a fraction of promise-based
 * ones (measured in bench/scan).
 *
 * One pass lists every kind of file a caller wants (`want` sees each name once, without a
 * path being built for files it turns down), so discovery can collect manifests, compose
 * files, Kubernetes YAML and lockfiles together on a big repo.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { errnoCode } from '../io/errno.js';
import { SKIPPED_DIRS } from '../util/skipped-dirs.js';

export interface ListOptions {
  /** Folder names never walked into (default: SKIPPED_DIRS). */
  skip?: ReadonlySet<string>;
  /**
   * Which files to list, by name and the repo-relative folder they are in (`''` at the root);
   * default every file. A folder under a wanted name is noted in `skipped` (a file was meant)
   * and walked like any other.
   */
  want?: (name: string, dir: string) => boolean;
  /** How many folder levels below the root are read (default: no limit). */
  maxDepth?: number;
  /** Stop once this many files are listed (default: no limit). */
  maxFiles?: number;
  /**
   * `never` (default): a symlink is neither listed nor walked, a repo's files are its own.
   * `inside`: followed when it leads inside the root (each real folder walked once); one
   * that leads out is noted in `skipped` when it is a folder or under a wanted name.
   */
  symlinks?: 'never' | 'inside';
  /** List a FIFO, device or socket under a wanted name (never opened here), so its reader says what it is. */
  specialFiles?: boolean;
}

export interface ListedFiles {
  /** Repo-relative, `/`-separated, in walk order: each folder's entries by name, depth first. */
  files: string[];
  /** What was not walked or listed, and why, repo-relative. */
  skipped: { path: string; reason: string }[];
  /** True when the walk stopped at `maxFiles` (there may be more). */
  truncated: boolean;
}

const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Lists the files under `root`, a folder. Throws the error of reading the root itself; a
 * folder below it that cannot be read is noted in `skipped`.
 */
export function listRepoFiles(root: string, options: ListOptions = {}): ListedFiles {
  const skip = options.skip ?? SKIPPED_DIRS;
  const { want, specialFiles = false } = options;
  const maxDepth = options.maxDepth ?? Infinity;
  const maxFiles = options.maxFiles ?? Infinity;
  const follow = options.symlinks === 'inside';
  const realRoot = follow ? realpathSync(root) : '';
  const rootPrefix = realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep;
  const inside = (real: string) => real === realRoot || real.startsWith(rootPrefix);
  const visited = new Set<string>([realRoot]);
  const files: string[] = [];
  const result: ListedFiles = { files, skipped: [], truncated: false };
  const join = (dir: string, name: string) => (dir === '' ? name : `${dir}/${name}`);
  const wanted = (name: string, dir: string) => want === undefined || want(name, dir);

  /** Lists a file if wanted; false once `maxFiles` are listed. */
  const list = (dir: string, name: string): boolean => {
    if (!wanted(name, dir)) return true;
    files.push(join(dir, name));
    if (files.length < maxFiles) return true;
    result.truncated = true;
    return false;
  };

  /** Walks `abs` (`rel` inside the root); false once the walk must stop. */
  const walk = (abs: string, rel: string, depth: number): boolean => {
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (error) {
      if (rel === '') throw error;
      result.skipped.push({ path: rel, reason: `unreadable (${errnoCode(error)})` });
      return true;
    }
    entries.sort(byName);
    const base = abs.endsWith(path.sep) ? abs : abs + path.sep;
    for (const entry of entries) {
      const name = entry.name;
      if (entry.isDirectory()) {
        if (want !== undefined && want(name, rel))
          result.skipped.push({ path: join(rel, name), reason: `a folder named ${name}, not a file` });
        if (!skip.has(name) && !enter(base + name, join(rel, name), depth + 1)) return false;
      } else if (entry.isFile()) {
        if (!list(rel, name)) return false;
      } else if (entry.isSymbolicLink()) {
        if (follow && !followLink(base + name, rel, name, depth)) return false;
      } else if (specialFiles && !list(rel, name)) {
        return false;
      }
    }
    return true;
  };

  const enter = (abs: string, rel: string, depth: number): boolean => {
    if (depth <= maxDepth) return walk(abs, rel, depth);
    result.skipped.push({ path: rel, reason: `deeper than ${maxDepth} folders` });
    return true;
  };

  const followLink = (full: string, rel: string, name: string, depth: number): boolean => {
    let real: string;
    try {
      real = realpathSync(full);
    } catch {
      return true; // dangling link
    }
    if (!inside(real)) {
      const isDir = statSync(real, { throwIfNoEntry: false })?.isDirectory() ?? false;
      if (isDir || wanted(name, rel))
        result.skipped.push({
          path: join(rel, name),
          reason: `symlink to a ${isDir ? 'folder' : 'file'} outside the folder`,
        });
      return true;
    }
    const info = statSync(real);
    if (info.isDirectory()) {
      if (skip.has(name) || visited.has(real)) return true;
      visited.add(real);
      return enter(full, join(rel, name), depth + 1);
    }
    return info.isFile() || specialFiles ? list(rel, name) : true;
  };

  walk(root, '', 0);
  return result;
}
