/**
 * History before adoption: a repo's main line replayed as `scan --discover` would map each of
 * its trees. One `git log --raw` of the files discovery reads (deployment files, build and
 * lock files) gives every commit's changes; the tree of those files is kept up to date from
 * them, each distinct blob is fetched once through the one `cat-file --batch`, and the repo is
 * mapped again only at commits that changed one of them. Blobs that left the tree are let go,
 * so memory follows the repo's size, not its history's length. The graph change of a commit is
 * the diff of the discovered manifests before and after it.
 */
import { DiscoveryCache, discoverRepoModel } from '../discovery/discover-repo.js';
import type { RepoFiles } from '../discovery/model.js';
import { modelToManifests } from '../discovery/to-manifests.js';
import { DISCOVERY_SKIPPED_DIRS, NOT_EVIDENCE_DIRS } from '../importers/discover.js';
import { isLibrarySourceName } from '../importers/library-sources.js';
import type { DockerPinLevel, Manifest } from '../manifest/types.js';
import { inDirOf } from '../util/skipped-dirs.js';
import type { BlobStore } from './blobs.js';
import { commitEvent } from './commit-event.js';
import { isDiscoveryName } from './discovery-log.js';
import { GraphChanges } from './graph-change.js';
import { staleLockWarnings } from './lock-warnings.js';
import type { LogCommit } from './read-log.js';
import { isManifestEntry, MODE_SYMLINK } from './tree.js';
import type { HistoryEvent } from './types.js';

/** True for a file discovery may read at a commit: by its name, outside dependency, build and test folders. */
export function isDiscoveryPath(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (!isDiscoveryName(name) && !isLibrarySourceName(name)) return false;
  return !inDirOf(path, DISCOVERY_SKIPPED_DIRS) && !inDirOf(path, NOT_EVIDENCE_DIRS);
}

/** Commits whose new blobs are fetched in one request. */
const FETCH_WINDOW = 256;

export interface DiscoveredWalkOptions {
  repo: string;
  docker: DockerPinLevel;
  report: (commit: LogCommit) => boolean;
  /** Indexes of commits after which the repo's discovered manifests are kept. */
  checkpoints: ReadonlySet<number>;
  onCommit?: (done: number, total: number) => void;
  /** false: map every changed tree whole, without the caches, and diff whole graphs (tests compare both ways). */
  shortcuts?: boolean;
}

export interface DiscoveredWalk {
  events: HistoryEvent[];
  states: Map<number, Manifest[]>;
  /** Index of the first commit whose tree holds a depmap.yaml: from there the manifests map the repo. */
  adopted?: number;
  /** Indexes of the commits at which the repo had nothing to map (no discoverable file yet). */
  empty: Set<number>;
}

export async function walkDiscovered(
  commits: readonly LogCommit[],
  blobs: BlobStore,
  options: DiscoveredWalkOptions,
): Promise<DiscoveredWalk> {
  const tree = new Map<string, string>();
  const shortcuts = options.shortcuts ?? true;
  const graphs = new GraphChanges(shortcuts);
  const result: DiscoveredWalk = { events: [], states: new Map(), empty: new Set() };
  let previous: Manifest[] = [];
  // Blobs are asked for a window of commits at a time: one request to cat-file per window, not
  // one per commit, while memory holds the tree and two windows only.
  let window = new Set<string>();
  let following: Set<string> | undefined;
  let ahead: Promise<void> = Promise.resolve();
  const cache = new DiscoveryCache();
  // The sorted list of paths is made again only when a path came or went: the caches of
  // discovery hold while it is the same object.
  let paths: string[] = [];
  const files: RepoFiles = {
    get paths() {
      return paths;
    },
    read: (path) => {
      const oid = tree.get(path);
      return oid === undefined ? undefined : blobs.get(oid)?.toString('utf8');
    },
    version: (path) => tree.get(path),
  };
  for (let i = 0; i < commits.length; i++) {
    const commit = commits[i] as LogCommit;
    options.onCommit?.(i + 1, commits.length);
    if (i % FETCH_WINDOW === 0) {
      // This window's blobs were asked for while the last one was mapped; the next window's are
      // asked for now, so git reads them while this one is mapped.
      window = following ?? blobsOf(commits, i);
      following = blobsOf(commits, i + FETCH_WINDOW);
      await ahead;
      blobs.keepOnly(new Set([...tree.values(), ...window, ...following]));
      await blobs.fetch([...window].filter((oid) => blobs.get(oid) === undefined));
      ahead = blobs.fetch([...following].filter((oid) => blobs.get(oid) === undefined));
      // Awaited at the next window; a walk that stops before it (adoption) must not leave it unhandled.
      ahead.catch(() => undefined);
    }
    let changed = false;
    let moved = false;
    let manifest = false;
    const before = new Map<string, string | undefined>();
    for (const change of commit.changes) {
      if (change.status !== 'D' && isManifestEntry(change.path, change.mode)) manifest = true;
      if (!isDiscoveryPath(change.path)) continue;
      before.set(change.path, tree.get(change.path));
      const had = tree.has(change.path);
      if (change.status === 'D' || change.mode === MODE_SYMLINK) tree.delete(change.path);
      else tree.set(change.path, change.oid);
      if (had !== tree.has(change.path)) moved = true;
      changed = true;
    }
    if (moved) paths = [...tree.keys()].sort();
    if (manifest) {
      // A committed manifest takes over from here: the manifests' own history goes on.
      result.adopted = i;
      break;
    }
    if (changed) {
      const next = shortcuts
        ? cache.manifests(files, options.repo, options.docker)
        : await discoverTree(tree, blobs, options.repo, options.docker);
      if (options.report(commit)) {
        const warnings = staleLockWarnings(before, tree, (oid) => blobs.get(oid)?.toString('utf8'));
        const event = commitEvent(commit, options.repo, graphs.diff(options.repo, previous, next), [], [], warnings);
        if (event) result.events.push(event);
      }
      previous = next;
    }
    if (previous.length === 0) result.empty.add(i);
    if (options.checkpoints.has(i)) result.states.set(i, previous);
  }
  return result;
}

/** The blobs of discoverable files that the commits of one window, from `start`, bring. */
function blobsOf(commits: readonly LogCommit[], start: number): Set<string> {
  const oids = new Set<string>();
  for (let i = start; i < Math.min(commits.length, start + FETCH_WINDOW); i++) {
    for (const change of (commits[i] as LogCommit).changes) {
      if (change.status !== 'D' && change.mode !== MODE_SYMLINK && isDiscoveryPath(change.path)) oids.add(change.oid);
    }
  }
  return oids;
}

/**
 * A tree of discoverable files (path → blob id) mapped as `scan --discover` maps a checkout:
 * the blobs it lacks fetched in one batch first, then discovery over them.
 */
export async function discoverTree(
  tree: ReadonlyMap<string, string>,
  blobs: BlobStore,
  repo: string,
  docker: DockerPinLevel,
): Promise<Manifest[]> {
  await blobs.fetch([...new Set(tree.values())].filter((oid) => blobs.get(oid) === undefined));
  const files: RepoFiles = {
    paths: [...tree.keys()].sort(),
    read: (path) => {
      const oid = tree.get(path);
      return oid === undefined ? undefined : blobs.get(oid)?.toString('utf8');
    },
    version: (path) => tree.get(path),
  };
  return modelToManifests(discoverRepoModel(files), repo, docker);
}
