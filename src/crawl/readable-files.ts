/**
 * A repo's listed files as the pure importers take them: each read only when an importer
 * asks, through readInsideSync's guards (nothing outside the repo, no FIFO or device, a size
 * limit), so discovery and init read a big repo's few files that matter and no others.
 */
import type { RepoFile } from '../importers/discover.js';
import { MAX_IMPORT_BYTES, readInsideSync } from './read-inside.js';

export function readableFiles(root: string, paths: readonly string[], maxBytes = MAX_IMPORT_BYTES): RepoFile[] {
  return paths.map((rel) => ({
    path: rel,
    read: () => {
      const result = readInsideSync(root, root, rel, maxBytes);
      if (!result.ok) throw new Error(result.message);
      return result.bytes.toString('utf8');
    },
  }));
}
