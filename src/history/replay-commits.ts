/**
 * Replays a repo's main line commit by commit from the raw diffs of one `git log`: the
 * files of each commit, the manifests found in them, and what changed in the graph. Pure
 * and synchronous over blobs already fetched; blobs it lacks are returned in `need` so the
 * caller fetches them in one batch and walks again.
 *
 * Only what a commit touches is recomputed: the manifests it changed, and those importing a
 * file it changed. The graph change is computed on the components those manifests declare,
 * not on the whole repo.
 */
import type { DockerPinLevel, Manifest } from '../manifest/types.js';
import { BlobReader, type Blobs } from './blobs.js';
import { commitEvent, sidesOf } from './commit-event.js';
import { GraphChanges } from './graph-change.js';
import { ImportResolutionCache, type ResolveAt } from './import-resolution-cache.js';
import type { ParseCache } from './parse-cache.js';
import { PathIndex } from './path-index.js';
import { readPathState, type PathReader, type PathState } from './path-state.js';
import type { LogCommit } from './read-log.js';
import { isManifestPath, type Tree } from './tree.js';
import type { HistoryEvent, InvalidAt, StaleManifest } from './types.js';

export interface WalkOptions {
  repo: string;
  docker: DockerPinLevel;
  /** Whether a commit's changes are reported (its state is always built). */
  report?: (commit: LogCommit, index: number) => boolean;
  /** Commit indexes after which the repo's manifests are recorded. */
  checkpoints?: ReadonlySet<number>;
  onCommit?: (done: number, total: number) => void;
  /** Called before commit `i` is read, and after (see walk-windows.ts). */
  before?: (i: number) => void;
  after?: (i: number) => void;
}

/** A repo's manifests after a commit: the valid ones, and the last valid version of the others. */
export interface WalkState {
  manifests: Manifest[];
  /** Manifests that do not parse at that commit (their stand-ins, if any, are in `manifests`). */
  stale: StaleManifest[];
}

export interface WalkResult {
  events: HistoryEvent[];
  states: Map<number, WalkState>;
  /** Blobs that were needed and not given: fetch them and walk again. */
  need: string[];
}

export class Walker {
  private readonly imports: ImportResolutionCache;
  private readonly graphs: GraphChanges;

  /**
   * `partial: false` always diffs whole graphs (tests compare both ways). `resolveAt` resolves
   * `from:` imports: needed only when a manifest of the history imports.
   */
  constructor(
    private readonly parser: ParseCache,
    private readonly blobs: Blobs,
    partial = true,
    resolveAt?: ResolveAt,
  ) {
    this.imports = new ImportResolutionCache(blobs, resolveAt);
    this.graphs = new GraphChanges(partial);
  }

  walk(commits: readonly LogCommit[], options: WalkOptions): WalkResult {
    const tree: Tree = new Map();
    const state = new Map<string, PathState>();
    const index = new PathIndex();
    const reader: PathReader = {
      parser: this.parser,
      imports: this.imports,
      blobs: new BlobReader(this.blobs),
      docker: options.docker,
    };
    const events: HistoryEvent[] = [];
    const states = new Map<number, WalkState>();

    for (let i = 0; i < commits.length; i++) {
      const commit = commits[i] as LogCommit;
      options.onCommit?.(i + 1, commits.length);
      options.before?.(i);
      const affected = new Set<string>();
      for (const change of commit.changes) {
        if (change.status === 'D') tree.delete(change.path);
        else tree.set(change.path, { mode: change.mode, oid: change.oid });
        if (isManifestPath(change.path) || state.has(change.path)) affected.add(change.path);
        for (const m of index.readers(change.path)) affected.add(m);
      }
      if (affected.size > 0) {
        const before = new Map<string, PathState | undefined>();
        for (const p of affected) before.set(p, state.get(p));
        const invalid: InvalidAt[] = [];
        const fixed: string[] = [];
        for (const p of [...affected].sort()) {
          const old = state.get(p);
          const next = readPathState(p, old, commit.oid, tree, reader);
          if (next === old) continue;
          index.remove(p, old);
          if (next) state.set(p, next);
          else state.delete(p);
          index.add(p, next);
          if (next?.invalid && next.invalid !== old?.invalid) invalid.push(next.invalid);
          if (old?.invalid && next && !next.invalid) fixed.push(p);
        }
        if (options.report?.(commit, i) ?? true) {
          const { oldSide, newSide } = sidesOf(affected, before, state, index);
          const event = commitEvent(
            commit,
            options.repo,
            this.graphs.diff(options.repo, oldSide, newSide),
            invalid,
            fixed,
          );
          if (event) events.push(event);
        }
      }
      if (options.checkpoints?.has(i)) states.set(i, walkState(state));
      options.after?.(i);
    }
    return { events, states, need: [...reader.blobs.need] };
  }
}

/** The manifests on the map after a commit, in path order. */
function walkState(state: ReadonlyMap<string, PathState>): WalkState {
  const at: WalkState = { manifests: [], stale: [] };
  for (const p of [...state.keys()].sort()) {
    const s = state.get(p) as PathState;
    if (s.manifest) at.manifests.push(s.manifest);
    if (s.stale && s.invalid) at.stale.push(s.validAt ? { ...s.invalid, lastValid: s.validAt } : { ...s.invalid });
  }
  return at;
}
