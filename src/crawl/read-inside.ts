/**
 * Reads a file of a repo by a path that a manifest gave, refusing anything that leaves the
 * repo: `../` past the root, absolute paths, and symlinks (at any level) pointing outside;
 * and anything that is not a regular file (a FIFO, a device), which would hang the crawl.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { errnoCode } from '../io/errno.js';
import { FileReadError, readRegularFileSync } from '../io/read-file.js';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type ReadInsideResult =
  | { ok: true; path: string; bytes: Buffer }
  | { ok: false; reason: 'escape' | 'missing' | 'too-large' | 'unreadable'; message: string };

/** Real paths of repo roots: a repo's imports and includes all check against the same one. */
const realRoots = new Map<string, string>();

/**
 * Reads `relative`, resolved against `baseDir` (itself inside `root`). Synchronous: importers
 * follow includes (`-r other.txt`, `.env`) from inside a pure parse.
 */
export function readInsideSync(
  root: string,
  baseDir: string,
  relative: string,
  maxBytes = MAX_IMPORT_BYTES,
): ReadInsideResult {
  let realRoot = realRoots.get(root);
  if (realRoot === undefined) {
    realRoot = realpathSync(root);
    if (realRoots.size > 10_000) realRoots.clear();
    realRoots.set(root, realRoot);
  }
  const target = path.resolve(baseDir, relative);
  const lexical = path.relative(path.resolve(root), target);
  if (path.isAbsolute(relative) || lexical.startsWith('..') || path.isAbsolute(lexical)) {
    return { ok: false, reason: 'escape', message: `"${relative}" points outside the repo` };
  }
  let real: string;
  try {
    real = realpathSync(target);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ELOOP') return { ok: false, reason: 'unreadable', message: `"${relative}" is a symlink loop` };
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return { ok: false, reason: 'missing', message: `"${relative}" does not exist` };
    return {
      ok: false,
      reason: 'unreadable',
      message: `cannot read "${relative}": ${code ?? (error as Error).message}`,
    };
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    return { ok: false, reason: 'escape', message: `"${relative}" is a symlink to a file outside the repo` };
  }
  try {
    return { ok: true, path: real, bytes: readRegularFileSync(real, maxBytes) };
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    const reason = error.reason === 'too-large' ? 'too-large' : error.reason === 'missing' ? 'missing' : 'unreadable';
    return { ok: false, reason, message: `"${relative}" ${error.detail}` };
  }
}
