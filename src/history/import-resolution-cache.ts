/**
 * A manifest's imports resolved once per version of the manifest and of the files they read:
 * a commit that changes neither reuses the last resolution, and keeps the manifest object
 * (so the graph change of an untouched manifest is not computed again).
 */
import type { DockerPinLevel, Manifest } from '../manifest/types.js';
import type { Blobs } from './blobs.js';
import type { ResolvedAt, resolveImportsAt } from './resolve-at-tree.js';
import type { Tree } from './tree.js';

interface CachedResolution {
  /** The blob each path read was at. */
  deps: Map<string, string>;
  result: ResolvedAt;
}

/** How imports are resolved; given by the caller, which loads it only for a history that imports. */
export type ResolveAt = typeof resolveImportsAt;

export class ImportResolutionCache {
  /** Resolutions by manifest path and blob, valid while the files they read are unchanged. */
  private readonly resolutions = new Map<string, CachedResolution[]>();

  constructor(
    private readonly blobs: Blobs,
    private readonly resolveAt?: ResolveAt,
  ) {}

  /** `parsed`: the manifest at `file`, read from blob `oid`. */
  resolve(file: string, oid: string, parsed: Manifest, tree: Tree, docker: DockerPinLevel): ResolvedAt {
    // Not a copy, as resolveImportsAt makes: an unchanged version stays the same object.
    if (parsed.fromRefs.length === 0) return { manifest: parsed, problems: [], need: [], deps: [] };
    const key = `${file}\0${oid}`;
    const cached = this.resolutions.get(key) ?? [];
    for (const c of cached) {
      let same = true;
      for (const [dep, depOid] of c.deps) {
        if ((tree.get(dep)?.oid ?? '') !== depOid) {
          same = false;
          break;
        }
      }
      if (same) return c.result;
    }
    // The history was read as one without imports (no version had a `from:`): never expected.
    if (!this.resolveAt) throw new Error(`internal: ${file} imports, but its history was read as one without imports`);
    const result = this.resolveAt(parsed, tree, this.blobs, docker);
    if (result.need.length === 0) {
      const deps = new Map(result.deps.map((d) => [d, tree.get(d)?.oid ?? '']));
      cached.push({ deps, result });
      // Keep a few: a lockfile that goes back and forth hits, an endless series does not grow.
      if (cached.length > 4) cached.shift();
      this.resolutions.set(key, cached);
    }
    return result;
  }
}
