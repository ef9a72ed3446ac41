/**
 * What one manifest path holds after a commit: its manifest (the last valid version when it
 * no longer parses), whether it is invalid and why, and the paths it read.
 */
import type { DockerPinLevel, Manifest } from '../manifest/types.js';
import type { BlobReader } from './blobs.js';
import type { ImportResolutionCache } from './import-resolution-cache.js';
import { invalidImport, invalidManifest, sameInvalid } from './invalid-at.js';
import type { ParseCache } from './parse-cache.js';
import { isManifestEntry, lookup, MODE_SYMLINK, type Tree } from './tree.js';
import type { InvalidAt } from './types.js';

export interface PathState {
  /** Last valid version: an invalid manifest does not take a component off the map. */
  manifest?: Manifest;
  invalid?: InvalidAt;
  /** Paths the manifest read: a change to one of them may change it. */
  deps: string[];
  /** Blob of `manifest`'s file: the base the next version is parsed against. */
  base?: string;
  /** Commit `manifest` was read at. */
  validAt?: string;
  /** True when the file does not parse now and `manifest` is its last valid version. */
  stale?: true;
}

/** What reading a path needs, shared by every commit of a walk. */
export interface PathReader {
  parser: ParseCache;
  imports: ImportResolutionCache;
  /** Notes the blobs that were not fetched yet. */
  blobs: BlobReader;
  docker: DockerPinLevel;
}

/**
 * The state of path `p` at `commit` (`tree` is that commit's files), or `old` itself when
 * nothing changed or nothing can be said until the blobs in `reader.blobs.need` are fetched.
 */
export function readPathState(
  p: string,
  old: PathState | undefined,
  commit: string,
  tree: Tree,
  reader: PathReader,
): PathState | undefined {
  const entry = tree.get(p);
  if (!entry || !isManifestEntry(p, entry.mode)) return undefined;
  let oid = entry.oid;
  if (entry.mode === MODE_SYMLINK) {
    const found = lookup(tree, '', p, reader.blobs.text);
    if (!found.ok) return found.reason === 'link' ? old : undefined;
    oid = found.oid;
  }
  const bytes = reader.blobs.bytes(oid);
  if (!bytes) return old;
  const parsed = reader.parser.get(oid, p, bytes, old?.base);
  if (!parsed.manifest) {
    const invalid = invalidManifest(parsed.error, p);
    if (old?.invalid && sameInvalid(old.invalid, invalid)) return old;
    // The last valid version (and what it read) stays, as its stand-in.
    return { ...old, invalid, deps: old?.deps ?? [], stale: true };
  }
  const resolved = reader.imports.resolve(p, oid, parsed.manifest, tree, reader.docker);
  if (resolved.need.length > 0) {
    for (const o of resolved.need) reader.blobs.need.add(o);
    return old;
  }
  // An import that fails is reported, and the manifest is mapped with what could be
  // imported, as a scan of that commit would: a problem that stays is not blocking.
  const error = resolved.problems.find((x) => x.severity === 'error');
  let invalid: InvalidAt | undefined;
  if (error) {
    invalid = invalidImport(error);
    if (old?.invalid && sameInvalid(old.invalid, invalid)) invalid = old.invalid;
  }
  if (old && !old.stale && old.manifest === resolved.manifest && old.invalid === invalid) return old;
  const next: PathState = { manifest: resolved.manifest, deps: resolved.deps, base: oid, validAt: commit };
  if (invalid) next.invalid = invalid;
  return next;
}
