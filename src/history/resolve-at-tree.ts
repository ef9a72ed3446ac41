/**
 * `{ from: file }` entries resolved against a commit's tree instead of the disk, through the
 * same src/importers/apply-imports.ts as the crawler, with blobs read through a batch. Blobs
 * not read yet are reported back (`need`) so the caller fetches them all in one go and
 * resolves again; nothing here runs git.
 */
import { MAX_IMPORT_BYTES } from '../crawl/read-inside.js';
import { megabytes } from '../io/read-file.js';
import { applyImports, type ReadResult } from '../importers/apply-imports.js';
import { dirname } from '../util/paths.js';
import type { DockerPinLevel, Manifest, Problem } from '../manifest/types.js';
import { BlobReader, type Blobs } from './blobs.js';
import { lookup, type Tree } from './tree.js';

export interface ResolvedAt {
  manifest: Manifest;
  problems: Problem[];
  /** Blobs to fetch before the result is complete; empty when it is. */
  need: string[];
  /** Every path the result depends on: when none of them changes, neither does the result. */
  deps: string[];
}

/** Imports into a copy of `parsed` (which stays untouched: it is shared through a parse cache). */
export function resolveImportsAt(parsed: Manifest, tree: Tree, blobs: Blobs, docker: DockerPinLevel): ResolvedAt {
  const manifest: Manifest = { ...parsed, libraries: [...parsed.libraries], services: [...parsed.services] };
  const problems: Problem[] = [];
  if (parsed.fromRefs.length === 0) return { manifest, problems, need: [], deps: [] };

  const manifestDir = dirname(parsed.file);
  const reader = new BlobReader(blobs);
  const deps = new Set<string>();
  const touch = (p: string) => deps.add(p);
  const read = (baseDir: string, relative: string): ReadResult => {
    const found = lookup(tree, baseDir, relative, reader.text, touch);
    if (!found.ok) return found.reason === 'link' ? { ok: false, reason: 'pending', message: '' } : found;
    const bytes = reader.bytes(found.oid);
    if (bytes === undefined) return { ok: false, reason: 'pending', message: '' };
    const size = reader.size(found.oid) ?? bytes.length;
    if (size > MAX_IMPORT_BYTES) {
      return {
        ok: false,
        reason: 'too-large',
        message: `"${relative}" is ${megabytes(size)}, over the ${megabytes(MAX_IMPORT_BYTES)} limit`,
      };
    }
    return { ok: true, path: found.path, text: bytes.toString('utf8') };
  };

  problems.push(...applyImports(manifest, manifestDir, { read }, docker));
  return { manifest, problems, need: [...reader.need], deps: [...deps] };
}
