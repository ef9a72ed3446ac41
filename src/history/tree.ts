/**
 * A commit's files as a flat map of path → blob, read from `git ls-tree -r` or rebuilt from
 * a log's raw diffs. Paths are resolved the way a checkout would resolve them (symlinks
 * followed) without ever leaving the repo.
 */
import { MANIFEST_NAMES, SKIPPED_DIRS } from '../crawl/find-manifests.js';
import { basename, dirname, joinPath } from '../util/paths.js';
import { runGit, type GitCall } from './run-git.js';

export const MODE_SYMLINK = '120000';
const MODE_SUBMODULE = '160000';

interface TreeEntry {
  mode: string;
  oid: string;
}

export type Tree = Map<string, TreeEntry>;

/** True for a depmap.yaml/.yml that a crawl of a checkout would find. */
export function isManifestPath(file: string): boolean {
  if (!MANIFEST_NAMES.has(basename(file))) return false;
  const dir = dirname(file);
  if (dir === '') return true;
  for (const part of dir.split('/')) if (SKIPPED_DIRS.has(part)) return false;
  return true;
}

/** A manifest (or a symlink to one) that a crawl would read: a submodule is not a file. */
export function isManifestEntry(file: string, mode: string): boolean {
  return mode !== MODE_SUBMODULE && isManifestPath(file);
}

/** Every file of a commit (paths relative to `call.cwd`, like a crawl of that folder). */
export async function listTree(commit: string, call: GitCall): Promise<Tree> {
  const out = await runGit(['ls-tree', '-r', '-z', '--end-of-options', commit], call);
  const tree: Tree = new Map();
  const text = out.toString('utf8');
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\0', start);
    const record = text.slice(start, end < 0 ? text.length : end);
    start = end < 0 ? text.length : end + 1;
    // "<mode> SP <type> SP <oid> TAB <path>"
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, , oid] = record.slice(0, tab).split(' ');
    if (mode && oid) tree.set(record.slice(tab + 1), { mode, oid });
  }
  return tree;
}

/** The manifests of a tree, sorted, as a crawl of the checkout would list them. */
export function manifestPaths(tree: Tree): string[] {
  const out: string[] = [];
  for (const [file, entry] of tree) if (isManifestEntry(file, entry.mode)) out.push(file);
  return out.sort();
}

export type Lookup =
  | { ok: true; path: string; oid: string }
  /** `link`: a symlink whose target blob is needed to go on. */
  | { ok: false; reason: 'escape' | 'missing' | 'not-a-file'; message: string }
  | { ok: false; reason: 'link'; oid: string };

const MAX_LINKS = 40;

/**
 * Finds the blob at `relative` (from `baseDir`), following symlinks inside the repo.
 * `linkTarget` returns a symlink blob's text, or undefined when it has not been read yet.
 * `touch` is told every path the answer depends on (found or not), so a caller can tell
 * when a later commit changes the answer.
 */
export function lookup(
  tree: Tree,
  baseDir: string,
  relative: string,
  linkTarget: (oid: string) => string | undefined,
  touch: (path: string) => void = () => {},
): Lookup {
  const shown = JSON.stringify(relative);
  let target = joinPath(baseDir, relative);
  if (relative.startsWith('/') || target === undefined)
    return { ok: false, reason: 'escape', message: `${shown} points outside the repo` };
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    const parts: string[] = target.split('/');
    let resolved: string | undefined;
    let restarted = false;
    // Any leading directory may itself be a symlink.
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      const entry = tree.get(prefix);
      if (i === parts.length) touch(prefix);
      if (!entry) continue;
      if (i < parts.length) touch(prefix);
      if (entry.mode === MODE_SYMLINK) {
        const text = linkTarget(entry.oid);
        if (text === undefined) return { ok: false, reason: 'link', oid: entry.oid };
        const next = joinPath(dirname(prefix), text);
        if (text.startsWith('/') || next === undefined)
          return { ok: false, reason: 'escape', message: `${shown} is a symlink to a file outside the repo` };
        target = [next, ...parts.slice(i)].filter(Boolean).join('/');
        restarted = true;
        break;
      }
      if (i < parts.length) return { ok: false, reason: 'not-a-file', message: `${shown} does not exist` };
      if (entry.mode === MODE_SUBMODULE)
        return { ok: false, reason: 'not-a-file', message: `${shown} is a submodule, not a file` };
      resolved = entry.oid;
    }
    if (restarted) continue;
    if (resolved === undefined) return { ok: false, reason: 'missing', message: `${shown} does not exist` };
    return { ok: true, path: target, oid: resolved };
  }
  return { ok: false, reason: 'escape', message: `${shown}: too many levels of symlinks` };
}
