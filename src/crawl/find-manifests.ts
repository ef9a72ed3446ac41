/**
 * Finds every depmap.yaml under a folder, through the one repo lister: skips VCS and
 * dependency folders (SKIPPED_DIRS), follows symlinks that stay inside the folder and never
 * one that leads out, and lists a FIFO or device under a manifest's name so the reader says
 * what it is.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { IoError } from '../errors.js';
import { errnoCode } from '../io/errno.js';
import { fileKind } from '../io/read-file.js';
import { listRepoFiles } from './list-files.js';

export { SKIPPED_DIRS } from '../util/skipped-dirs.js';

export const MANIFEST_NAMES: ReadonlySet<string> = new Set(['depmap.yaml', 'depmap.yml']);

export interface FoundManifests {
  /** Absolute paths, sorted. */
  files: string[];
  /** What was not followed or read, and why: symlinks out of the root, unreadable folders, a folder under a manifest's name. */
  skipped: { path: string; reason: string }[];
}

export async function findManifests(root: string): Promise<FoundManifests> {
  const absRoot = path.resolve(root);
  try {
    realpathSync(absRoot);
  } catch (error) {
    throw new IoError(`cannot read ${root}: ${errnoCode(error) ?? (error as Error).message}`, {
      hint: 'check the path exists',
    });
  }
  const info = statSync(absRoot);
  if (info.isFile()) return { files: [absRoot], skipped: [] };
  if (!info.isDirectory())
    throw new IoError(`${root} is ${fileKind(info)}, neither a file nor a folder`, {
      hint: 'give a depmap.yaml or a folder that contains some',
    });
  let listed;
  try {
    listed = listRepoFiles(absRoot, {
      want: (name) => MANIFEST_NAMES.has(name),
      symlinks: 'inside',
      specialFiles: true,
    });
  } catch (error) {
    throw new IoError(`cannot read folder ${root}: ${errnoCode(error)}`);
  }
  return {
    files: listed.files.map((rel) => path.join(absRoot, rel)).sort(),
    skipped: listed.skipped.map((s) => ({ path: path.join(absRoot, s.path), reason: s.reason })),
  };
}
