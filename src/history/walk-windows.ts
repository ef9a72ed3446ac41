/**
 * A history without imports, walked in windows of commits: the changed entries of a
 * window's versions are parsed ahead just before the walk reaches it, and each blob is let
 * go after the last commit that reads it (as a version, or as the base its path's next
 * version is parsed against). What is held then follows the window, not the history: at
 * 50,000 commits, every blob and every version's parsed entries were held at once.
 */
import type { BlobStore } from './blobs.js';
import type { ParseCache } from './parse-cache.js';
import type { LogCommit } from './read-log.js';
import type { WalkOptions } from './replay-commits.js';
import { isManifestEntry } from './tree.js';

/** Commits whose versions are parsed ahead together (batches of 48 versions need no more). */
const WINDOW = 1000;

export type WalkHooks = Required<Pick<WalkOptions, 'before' | 'after'>>;

/**
 * The hooks of such a walk. Only for histories whose manifests import nothing and hold no
 * symlink: then a commit reads exactly the blobs of the manifests it changes, and their bases.
 */
export function walkWindows(
  commits: readonly LogCommit[],
  blobs: BlobStore,
  parser: ParseCache,
  window = WINDOW,
): WalkHooks {
  const lastRead = new Map<string, number>();
  const windows: Map<string, string[]>[] = [];
  const current = new Map<string, string>();
  commits.forEach((commit, i) => {
    const w = Math.floor(i / window);
    const versions = (windows[w] ??= new Map());
    for (const change of commit.changes) {
      const previous = current.get(change.path);
      if (change.status === 'D' || !isManifestEntry(change.path, change.mode)) {
        current.delete(change.path);
        continue;
      }
      if (previous !== undefined) lastRead.set(previous, i);
      lastRead.set(change.oid, i);
      current.set(change.path, change.oid);
      let list = versions.get(change.path);
      if (!list) versions.set(change.path, (list = previous === undefined ? [] : [previous]));
      list.push(change.oid);
    }
  });
  const release = new Map<number, string[]>();
  for (const [oid, i] of lastRead) {
    const list = release.get(i);
    if (list) list.push(oid);
    else release.set(i, [oid]);
  }
  return {
    before: (i) => {
      if (i % window === 0) parser.prepare(windows[i / window] ?? new Map());
    },
    after: (i) => {
      const done = release.get(i);
      if (done) blobs.drop(done);
    },
  };
}
