/**
 * A repo's listed files as discovery reads them: every path known up front, each file read at
 * most once and only when asked, a file that cannot be read (too big, a FIFO, gone) absent.
 */
import { cachedReader, type RepoFile } from '../importers/discover.js';
import type { RepoFiles } from './model.js';

export function repoFilesOf(files: readonly RepoFile[]): RepoFiles {
  const byPath = new Map(files.map((f) => [f.path, f]));
  return { paths: [...byPath.keys()].sort(), read: cachedReader(byPath) };
}
