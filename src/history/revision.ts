/**
 * A repo as it was at a revision: its manifests and their `from:` imports read from git
 * objects, never from the working tree. Costs two git processes whatever the repo's size:
 * one `cat-file --batch` (the revision, then every blob) and one `ls-tree`; with
 * `lastValid`, a manifest that does not parse costs a read of the manifests' history too.
 */
import path from 'node:path';
import type { RepoEntry } from '../graph/types.js';
import { parseManifestBytes } from '../manifest/parse.js';
import { problemAt } from '../manifest/problem.js';
import type { DockerPinLevel } from '../manifest/types.js';
import { BlobStore, MAX_FETCH_ROUNDS } from './blobs.js';
import { CatFile } from './cat-file.js';
import { mustBeFolder } from './check-git-folder.js';
import { resolveCommit } from './resolve-commit.js';
import { notARepo } from './run-git.js';
import { invalidManifest } from './invalid-at.js';
import { readRepoHistory } from './repo-history.js';
import { listTree, lookup, manifestPaths, MODE_SYMLINK } from './tree.js';
import type { StaleManifest } from './types.js';

export interface RevisionOptions {
  docker?: DockerPinLevel;
  /** Id of the repo in the graph (default: the folder name). */
  id?: string;
  /**
   * Map a manifest that does not parse at the revision by its last valid version on the main
   * line before it, as the timeline keeps it on the map (default: leave it out).
   */
  lastValid?: boolean;
  /** Map a revision without a manifest as `scan --discover` maps a checkout. */
  discover?: boolean;
}

/**
 * A manifest or imported file invalid at the revision is in `problems`, with severity
 * `error`, a stable `code` (`yaml-syntax`, `unknown-field`, `path-escape`, …), and the file,
 * line and column; the repo's `status` is then `failed`. A manifest that does not parse is
 * also listed in `stale`, and is missing from `manifests` unless `lastValid` put its last
 * valid version there (`stale[].lastValid` is then that version's commit). An imported file
 * that cannot be read leaves the manifest mapped without it, as a scan would.
 */
export interface RevisionEntry extends RepoEntry {
  stale: StaleManifest[];
}

export async function repoAtRevision(
  repoDir: string,
  rev: string,
  options: RevisionOptions = {},
): Promise<RevisionEntry> {
  const root = path.resolve(repoDir);
  const docker = options.docker ?? 'exact';
  const call = { cwd: root };
  await mustBeFolder(root, repoDir);
  const cat = new CatFile(call);
  try {
    const commit = await resolveCommit(cat, rev, repoDir, call).catch((error: unknown) => {
      throw notARepo(error, repoDir, 'reading a revision needs a git checkout');
    });
    const tree = await listTree(commit, call);
    const entry: RevisionEntry = {
      id: options.id ?? path.basename(root),
      source: repoDir,
      commit,
      ref: rev,
      manifests: [],
      problems: [],
      status: 'ok',
      stale: [],
    };
    const files = manifestPaths(tree);
    if (files.length === 0 && options.discover) {
      const { discoverTree, isDiscoveryPath } = await import('./discovered-walk.js');
      const discoverable = new Map<string, string>();
      for (const [p, at] of tree) if (at.mode !== MODE_SYMLINK && isDiscoveryPath(p)) discoverable.set(p, at.oid);
      const manifests = await discoverTree(discoverable, new BlobStore(cat), entry.id, docker);
      if (manifests.length > 0) {
        entry.manifests = manifests;
        entry.discovered = true;
        return entry;
      }
    }
    if (files.length === 0) {
      entry.status = 'no-manifest';
      entry.problems.push(
        problemAt(
          repoDir,
          'warning',
          'no-manifest',
          options.discover
            ? `no manifest (depmap.yaml) or discoverable files at ${rev}; skipped`
            : `no manifest (depmap.yaml) at ${rev}; skipped`,
          {
            hint: 'run `depmap init` in it to write one',
          },
        ),
      );
      return entry;
    }

    const blobs = new BlobStore(cat);
    // A manifest that is a symlink is read through its target, like a checkout would.
    await blobs.fetch(files.map((f) => tree.get(f)?.oid as string));
    for (const file of files) {
      const at = tree.get(file);
      if (!at) continue;
      let oid = at.oid;
      if (at.mode === MODE_SYMLINK) {
        const follow = () => lookup(tree, '', file, (o) => blobs.get(o)?.toString('utf8'));
        let found = follow();
        for (let round = 0; !found.ok && found.reason === 'link' && round < MAX_FETCH_ROUNDS; round++) {
          await blobs.fetch([found.oid]);
          found = follow();
        }
        if (!found.ok) {
          if (found.reason === 'escape')
            entry.problems.push(
              problemAt(file, 'warning', 'skipped', 'not followed: symlink to a file outside the repo'),
            );
          continue;
        }
        oid = found.oid;
        await blobs.fetch([oid]);
      }
      const bytes = blobs.get(oid);
      if (!bytes) {
        entry.problems.push(
          problemAt(
            file,
            'error',
            'unreadable',
            `cannot read ${file} at ${rev}: git object ${oid} is missing or corrupt`,
            {
              hint: 'run `git fsck` in the repo, or re-clone it',
            },
          ),
        );
        continue;
      }
      const parsed = parseManifestBytes(bytes, file, { docker });
      entry.problems.push(...parsed.problems);
      if (!parsed.manifest) {
        entry.stale.push(
          invalidManifest(
            parsed.problems.find((p) => p.severity === 'error'),
            file,
          ),
        );
        continue;
      }
      if (parsed.manifest.fromRefs.length === 0) {
        entry.manifests.push(parsed.manifest);
        continue;
      }
      // The importers are loaded for a manifest that imports, not for every revision read.
      const { resolveImportsAt } = await import('./resolve-at-tree.js');
      let resolved = resolveImportsAt(parsed.manifest, tree, blobs, docker);
      for (let round = 0; resolved.need.length > 0 && round < MAX_FETCH_ROUNDS; round++) {
        await blobs.fetch(resolved.need);
        resolved = resolveImportsAt(parsed.manifest, tree, blobs, docker);
      }
      entry.problems.push(...resolved.problems);
      entry.manifests.push(resolved.manifest);
    }
    if (entry.problems.some((p) => p.severity === 'error')) entry.status = 'failed';
    if (options.lastValid && entry.stale.length > 0) await standIn(entry, root, commit, docker);
    return entry;
  } finally {
    cat.close();
  }
}

/**
 * Puts the last valid version of each stale manifest in its place, read by the same walk
 * as the timeline so that both always agree on what was on the map at a commit.
 */
async function standIn(entry: RevisionEntry, root: string, commit: string, docker: DockerPinLevel): Promise<void> {
  const end = Number.MAX_SAFE_INTEGER;
  const history = await readRepoHistory(root, { id: entry.id, rev: commit, docker, at: [end], events: false });
  const state = history.states.get(end);
  const lastValid = new Map(
    (state?.stale ?? []).filter((s) => s.lastValid).map((s) => [s.file, s.lastValid as string]),
  );
  const byFile = new Map((state?.manifests ?? []).map((m) => [m.file, m]));
  for (const stale of entry.stale) {
    const found = lastValid.get(stale.file);
    const manifest = byFile.get(stale.file);
    if (!found || !manifest) continue;
    stale.lastValid = found;
    entry.manifests.push(manifest);
  }
  // In path order, as read: of two manifests declaring one component, the first is used.
  entry.manifests.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
