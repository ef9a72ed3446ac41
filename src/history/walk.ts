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
import { describeDiff } from '../graph/diff-describe.js';
import { diffGraphs, isEmptyDiff, type GraphLike } from '../graph/diff-graphs.js';
import { buildSnapshot } from '../graph/build-graph.js';
import type { GraphEdge, GraphNode, RepoEntry } from '../graph/types.js';
import type { DockerPinLevel, Manifest } from '../manifest/types.js';
import { changeFrom, type ParseCache } from './parse-cache.js';
import type { LogCommit } from './read-log.js';
import { resolveImportsAt, type Blobs, type ResolvedAt } from './resolve-at-tree.js';
import { isManifestPath, lookup, MODE_SUBMODULE, MODE_SYMLINK, type Tree } from './tree.js';
import type { HistoryEvent, InvalidAt, StaleManifest } from './types.js';

export interface WalkOptions {
  repo: string;
  docker: DockerPinLevel;
  /** Whether a commit's changes are reported (its state is always built). */
  report?: (commit: LogCommit, index: number) => boolean;
  /** Commit indexes after which the repo's manifests are recorded. */
  checkpoints?: ReadonlySet<number>;
  onCommit?: (done: number, total: number) => void;
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

interface PathState {
  /** Last valid version: an invalid manifest does not take a component off the map. */
  manifest?: Manifest;
  invalid?: InvalidAt;
  deps: string[];
  /** Blob of `manifest`'s file: the base the next version is parsed against. */
  base?: string;
  /** Commit `manifest` was read at. */
  validAt?: string;
  /** True when the file does not parse now and `manifest` is its last valid version. */
  stale?: true;
}

interface CachedResolution {
  deps: Map<string, string>;
  result: ResolvedAt;
}

export class Walker {
  /** Import resolutions by manifest blob and path, valid while the files they read are unchanged. */
  private readonly resolutions = new Map<string, CachedResolution[]>();

  /** `partial: false` always diffs whole graphs (tests compare both ways). */
  constructor(
    private readonly parser: ParseCache,
    private readonly blobs: Blobs,
    private readonly partial = true,
  ) {}

  walk(commits: readonly LogCommit[], options: WalkOptions): WalkResult {
    const tree: Tree = new Map();
    const state = new Map<string, PathState>();
    const byName = new Map<string, Set<string>>();
    const dependents = new Map<string, Set<string>>();
    const need = new Set<string>();
    const events: HistoryEvent[] = [];
    const states = new Map<number, WalkState>();
    const linkText = (oid: string) => {
      const bytes = this.blobs.get(oid);
      if (!bytes) need.add(oid);
      return bytes?.toString('utf8');
    };

    const index = (p: string, s: PathState | undefined, add: boolean) => {
      if (!s) return;
      if (s.manifest) {
        const set = byName.get(s.manifest.name) ?? new Set<string>();
        if (add) set.add(p);
        else set.delete(p);
        if (set.size > 0) byName.set(s.manifest.name, set);
        else byName.delete(s.manifest.name);
      }
      for (const dep of s.deps) {
        const set = dependents.get(dep) ?? new Set<string>();
        if (add) set.add(p);
        else set.delete(p);
        if (set.size > 0) dependents.set(dep, set);
        else dependents.delete(dep);
      }
    };

    for (let i = 0; i < commits.length; i++) {
      const commit = commits[i] as LogCommit;
      options.onCommit?.(i + 1, commits.length);
      const affected = new Set<string>();
      for (const change of commit.changes) {
        if (change.status === 'D') tree.delete(change.path);
        else tree.set(change.path, { mode: change.mode, oid: change.oid });
        if (isManifestPath(change.path) || state.has(change.path)) affected.add(change.path);
        for (const m of dependents.get(change.path) ?? []) affected.add(m);
      }
      if (affected.size > 0) {
        const before = new Map<string, PathState | undefined>();
        for (const p of affected) before.set(p, state.get(p));
        const invalid: InvalidAt[] = [];
        const fixed: string[] = [];
        for (const p of [...affected].sort()) {
          const old = state.get(p);
          const next = this.update(p, old, commit.oid, tree, options.docker, linkText, need);
          if (next === old) continue;
          index(p, old, false);
          if (next) state.set(p, next);
          else state.delete(p);
          index(p, next, true);
          if (next?.invalid && next.invalid !== old?.invalid) invalid.push(next.invalid);
          if (old?.invalid && next && !next.invalid) fixed.push(p);
        }
        if (options.report?.(commit, i) ?? true) {
          const event = this.event(commit, options.repo, affected, before, state, byName, invalid, fixed);
          if (event) events.push(event);
        }
      }
      if (options.checkpoints?.has(i)) {
        const at: WalkState = { manifests: [], stale: [] };
        for (const p of [...state.keys()].sort()) {
          const s = state.get(p) as PathState;
          if (s.manifest) at.manifests.push(s.manifest);
          if (s.stale && s.invalid) at.stale.push(s.manifest && s.validAt ? { ...s.invalid, lastValid: s.validAt } : { ...s.invalid });
        }
        states.set(i, at);
      }
    }
    return { events, states, need: [...need] };
  }

  /** The new state of a path, or the old object itself when nothing can be said yet. */
  private update(
    p: string,
    old: PathState | undefined,
    commit: string,
    tree: Tree,
    docker: DockerPinLevel,
    linkText: (oid: string) => string | undefined,
    need: Set<string>,
  ): PathState | undefined {
    const entry = tree.get(p);
    if (!entry || entry.mode === MODE_SUBMODULE || !isManifestPath(p)) return undefined;
    let oid = entry.oid;
    if (entry.mode === MODE_SYMLINK) {
      const found = lookup(tree, '', p, linkText);
      if (!found.ok) return found.reason === 'link' ? old : undefined;
      oid = found.oid;
    }
    const bytes = this.blobs.get(oid);
    if (!bytes) {
      need.add(oid);
      return old;
    }
    const parsed = this.parser.get(oid, p, bytes, old?.base);
    if (!parsed.manifest) {
      const e = parsed.error;
      const invalid: InvalidAt = e ? { file: e.file, line: e.line, col: e.col, message: `${e.path ? `${e.path}: ` : ''}${e.message}` } : { file: p, line: 1, col: 1, message: 'not a valid manifest' };
      if (old?.invalid && sameInvalid(old.invalid, invalid)) return old;
      const next: PathState = { invalid, deps: old?.deps ?? [], stale: true };
      if (old?.manifest) next.manifest = old.manifest;
      if (old?.base) next.base = old.base;
      if (old?.validAt) next.validAt = old.validAt;
      return next;
    }
    const resolved = this.resolve(p, oid, parsed.manifest, tree, docker);
    if (resolved.need.length > 0) {
      for (const o of resolved.need) need.add(o);
      return old;
    }
    // An import that fails is reported, and the manifest is mapped with what could be
    // imported, as a scan of that commit would: a problem that stays is not blocking.
    const error = resolved.problems.find((x) => x.severity === 'error');
    let invalid: InvalidAt | undefined;
    if (error) {
      invalid = { file: error.file, line: error.line, col: error.col, message: error.message };
      if (old?.invalid && sameInvalid(old.invalid, invalid)) invalid = old.invalid;
    }
    if (old && !old.stale && old.manifest === resolved.manifest && old.invalid === invalid) return old;
    const next: PathState = { manifest: resolved.manifest, deps: resolved.deps, base: oid, validAt: commit };
    if (invalid) next.invalid = invalid;
    return next;
  }

  private resolve(p: string, oid: string, parsed: Manifest, tree: Tree, docker: DockerPinLevel): ResolvedAt {
    if (parsed.fromRefs.length === 0) return { manifest: parsed, problems: [], need: [], deps: [] };
    const key = `${p}\0${oid}`;
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
    const result = resolveImportsAt(parsed, tree, this.blobs, docker);
    if (result.need.length === 0) {
      const deps = new Map(result.deps.map((d) => [d, tree.get(d)?.oid ?? '']));
      cached.push({ deps, result });
      // Keep a few: a lockfile that goes back and forth hits, an endless series does not grow.
      if (cached.length > 4) cached.shift();
      this.resolutions.set(key, cached);
    }
    return result;
  }

  /**
   * When a version was made from the previous one by changing a few entries, the graph
   * change is that of those entries: both sides are built from them alone (with the same
   * header and provided APIs), not from the whole manifest.
   */
  private partialDiff(repo: string, oldSide: readonly Manifest[], newSide: readonly Manifest[]) {
    if (!this.partial || oldSide.length !== 1 || newSide.length !== 1) return undefined;
    const next = newSide[0] as Manifest;
    const change = changeFrom(next);
    if (!change || change.base !== oldSide[0]) return undefined;
    const only = (m: Manifest, entries: readonly unknown[]): Manifest => ({
      ...m,
      libraries: change.section === 'libraries' ? (entries as Manifest['libraries']) : [],
      services: change.section === 'services' ? (entries as Manifest['services']) : [],
    });
    const graph = (m: Manifest) => {
      const entry: RepoEntry = { id: repo, source: repo, manifests: [m], problems: [], status: 'ok' };
      return buildSnapshot([entry], '');
    };
    return diffGraphs(graph(only(change.base, change.removed)), graph(only(next, change.added)));
  }

  /** Each manifest's own nodes and edges, built once per version of it. */
  private readonly graphs = new WeakMap<Manifest, GraphLike>();

  private graphOf(repo: string, manifests: readonly Manifest[]): GraphLike {
    const parts = manifests.map((m) => {
      let graph = this.graphs.get(m);
      if (!graph) {
        const entry: RepoEntry = { id: repo, source: repo, manifests: [m], problems: [], status: 'ok' };
        const { nodes, edges } = buildSnapshot([entry], '');
        graph = { nodes, edges };
        this.graphs.set(m, graph);
      }
      return graph;
    });
    if (parts.length === 1) return parts[0] as GraphLike;
    const nodes = new Map<string, GraphNode>();
    const edges = new Map<string, GraphEdge>();
    for (const part of parts) {
      for (const n of part.nodes) if (!nodes.has(n.id) || n.type === 'component') nodes.set(n.id, n);
      for (const e of part.edges) if (!edges.has(e.key)) edges.set(e.key, e);
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()] };
  }

  private event(
    commit: LogCommit,
    repo: string,
    affected: ReadonlySet<string>,
    before: ReadonlyMap<string, PathState | undefined>,
    state: ReadonlyMap<string, PathState>,
    byName: ReadonlyMap<string, ReadonlySet<string>>,
    invalid: InvalidAt[],
    fixed: string[],
  ): HistoryEvent | undefined {
    // The components those paths declared before or declare now, each by its first
    // manifest in path order (as the graph build picks one of duplicates).
    const names = new Set<string>();
    for (const p of affected) {
      const a = before.get(p)?.manifest?.name;
      const b = state.get(p)?.manifest?.name;
      if (a) names.add(a);
      if (b) names.add(b);
    }
    const oldSide: Manifest[] = [];
    const newSide: Manifest[] = [];
    for (const name of names) {
      const now = [...(byName.get(name) ?? [])];
      const nowPick = now.sort()[0];
      const newManifest = nowPick === undefined ? undefined : state.get(nowPick)?.manifest;
      if (newManifest) newSide.push(newManifest);
      const then: string[] = now.filter((p) => !affected.has(p));
      for (const p of affected) if (before.get(p)?.manifest?.name === name) then.push(p);
      const thenPick = then.sort()[0];
      const oldManifest = thenPick === undefined ? undefined : affected.has(thenPick) ? before.get(thenPick)?.manifest : state.get(thenPick)?.manifest;
      if (oldManifest) oldSide.push(oldManifest);
    }
    const diff = this.partialDiff(repo, oldSide, newSide) ?? diffGraphs(this.graphOf(repo, oldSide), this.graphOf(repo, newSide));
    if (isEmptyDiff(diff) && invalid.length === 0 && fixed.length === 0) return undefined;
    return {
      repo,
      commit: commit.oid,
      author: commit.author,
      email: commit.email,
      date: commit.date,
      time: commit.time,
      authorDate: commit.authorDate,
      subject: commit.subject,
      merge: commit.parents.length > 1,
      changes: describeDiff(diff, { fold: true }),
      invalid,
      fixed,
      diff,
    };
  }
}

function sameInvalid(a: InvalidAt, b: InvalidAt): boolean {
  return a.file === b.file && a.line === b.line && a.col === b.col && a.message === b.message;
}

