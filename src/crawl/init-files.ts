/**
 * The disk side of `depmap init`: the repo's files as its pure planner reads them
 * (src/importers/init), and which of the manifests it plans are there already. The command
 * only asks and writes.
 */
import { existsSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { IoError } from '../errors.js';
import type { RepoFile } from '../importers/discover.js';
import { INIT_SKIPPED_DIRS } from '../util/skipped-dirs.js';
import { listRepoFiles } from './list-files.js';
import { readableFiles } from './readable-files.js';

const MAX_FILES = 50_000;
/** How many folders below the root init reads (docs/commands/init.md says so). */
export const INIT_MAX_DEPTH = 12;
const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** Refuses a `dir` (as the user gave it, resolved to `root`) that is not a folder. */
export function checkInitRoot(root: string, dir: string): void {
  if (!existsSync(root) || !lstatSync(root).isDirectory())
    throw new IoError(`${dir} is not a folder`, { hint: 'give the folder of a repo' });
}

/**
 * The files init may read, in name order, without entering dependency or build folders.
 * Symlinks are not followed: a repo's files are its own, and a link may lead anywhere.
 */
export function initFiles(root: string): RepoFile[] {
  let paths: string[];
  try {
    paths = listRepoFiles(root, { skip: INIT_SKIPPED_DIRS, maxDepth: INIT_MAX_DEPTH, maxFiles: MAX_FILES }).files;
  } catch {
    paths = [];
  }
  return readableFiles(root, paths, MAX_FILE_BYTES);
}

/** Those of the planned manifests whose repo-relative `file` exists under `root` already. */
export function alreadyWritten<T extends { file: string }>(root: string, planned: readonly T[]): T[] {
  return planned.filter((m) => existsSync(path.join(root, m.file)));
}
