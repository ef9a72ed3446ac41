/**
 * A repo's history as depmap sees it: the graph changes of each main-line commit, and the
 * repo's manifests at chosen dates. A constant number of git processes whatever the
 * history's length: `rev-parse`, one `git log` (two when manifests import other files) and
 * one `cat-file --batch` for every blob.
 */
import path from 'node:path';
import type { DockerPinLevel } from '../manifest/types.js';
import { BlobStore, MAX_FETCH_ROUNDS } from './blobs.js';
import { CatFile } from './cat-file.js';
import { mustBeFolder } from './check-git-folder.js';
import { parseCommitObject, type CommitInfo } from './commit-object.js';
import { resolveCommit } from './resolve-commit.js';
import { notARepo, runGit } from './run-git.js';
import { ParseCache } from './parse-cache.js';
import { readLog, type LogCommit } from './read-log.js';
import { Walker, type WalkOptions, type WalkState } from './replay-commits.js';
import { walkWindows } from './walk-windows.js';
import { DISCOVERY_PATHSPECS, discoveryChanges } from './discovery-log.js';
import {
  discoverHistory,
  lastBefore,
  manifestCommits,
  mergeDiscovered,
  type DiscoveredPart,
} from './history-before-adoption.js';
import { isManifestEntry, MODE_SYMLINK } from './tree.js';
import { MANIFEST_NAMES } from '../crawl/find-manifests.js';
import type { HistoryEvent } from './types.js';

export interface RepoHistoryOptions {
  /** Id of the repo in events and graphs (default: the folder name). */
  id?: string;
  /** Tip of the main line (default HEAD). */
  rev?: string;
  docker?: DockerPinLevel;
  /** Report changes committed in [since, until] (ms); default: all. */
  since?: number;
  until?: number;
  /** Dates (ms) at which to record the repo's manifests. */
  at?: readonly number[];
  /** false: states only, no events (cheaper for `diff --from-date`). */
  events?: boolean;
  env?: NodeJS.ProcessEnv;
  onCommit?: (done: number, total: number) => void;
  /** false: parse every version whole and diff whole graphs (for tests of the shortcuts). */
  shortcuts?: boolean;
  /**
   * Before the repo has a depmap.yaml, map each commit as `scan --discover` maps a tree; from
   * the commit that adds one, its manifests do (that switch is not itself a change).
   */
  discover?: boolean;
  /** Commits per window of a history without imports (walk-windows.ts); tests set small ones. */
  window?: number;
}

/** The repo's manifests at a date: those after `commit`. */
export interface RepoState extends WalkState {
  /** The last main-line commit dated on or before the date; undefined when there is none. */
  commit?: LogCommit;
  /** With discover: the repo had neither a manifest nor a file discovery maps at that date. */
  nothing?: true;
}

export interface RepoHistory {
  id: string;
  dir: string;
  /** Commit id of the tip; undefined for a repo without commits. */
  head?: string;
  /** The tip's author, date and subject: where what is still there was last seen. */
  tip?: CommitInfo;
  /** Main-line commits read. */
  commits: number;
  /** True when the clone is shallow: history before its first commit is missing. */
  shallow: boolean;
  events: HistoryEvent[];
  /** States by the dates asked for in `at`. */
  states: Map<number, RepoState>;
  /** Manifest blobs parsed, and how many of them from their changed entries only. */
  parsed: number;
  incremental?: number;
  /** Set instead of throwing when the repo is one of many (see org-history). */
  error?: string;
  /** Versions git could not give (missing or corrupt objects), each with its commit: they are left out. */
  damaged?: string[];
  /** With discover: the repo never had a manifest nor a file discovery maps, in the range read. */
  nothing?: true;
  /** Without discover: no commit ever held a depmap.yaml. */
  noManifest?: true;
}

/** Where each missing object was met: the first commit that has it, and its path there. */
function damagedVersions(commits: readonly LogCommit[], missing: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const c of commits) {
    for (const change of c.changes) {
      if (change.status === 'D' || !missing.has(change.oid) || seen.has(change.oid)) continue;
      seen.add(change.oid);
      out.push(
        `git object ${change.oid} (${change.path} at commit ${c.oid.slice(0, 12)}) is missing or corrupt; that version is left out`,
      );
    }
  }
  return out;
}

const MANIFEST_PATHSPECS = [...MANIFEST_NAMES].map((name) => `:(glob)**/${name}`);
const FROM_KEY = /\bfrom["']?\s*:/;

export async function readRepoHistory(dir: string, options: RepoHistoryOptions = {}): Promise<RepoHistory> {
  const root = path.resolve(dir);
  const folder = await mustBeFolder(root, dir);
  const call = options.env ? { cwd: root, env: options.env } : { cwd: root };
  const docker = options.docker ?? 'exact';
  const shortcuts = options.shortcuts ?? true;
  const history: RepoHistory = {
    id: options.id ?? path.basename(root),
    dir,
    commits: 0,
    shallow: false,
    events: [],
    states: new Map(),
    parsed: 0,
  };
  const notRepo = (error: unknown) => notARepo(error, dir, 'history needs a git checkout, or a git URL');
  // The checks above found the git folder: whether it is shallow is a file there, not a git process.
  if (folder.shallow === undefined) {
    const shallow = await runGit(['rev-parse', '--is-shallow-repository'], call).catch((error: unknown) => {
      throw notRepo(error);
    });
    history.shallow = shallow.toString('utf8').trim() === 'true';
  } else history.shallow = folder.shallow;
  const cat = new CatFile(call);
  try {
    let head: string;
    // The commit's own bytes come with its id when HEAD is read: no second request for them.
    let tipBytes: Buffer | undefined;
    if (options.rev === undefined) {
      const [found] = await cat.get(['HEAD^{commit}']).catch((error: unknown) => {
        throw notRepo(error);
      });
      if (!found?.oid) {
        // A repo without commits yet has no history, which is not an error.
        for (const at of options.at ?? []) history.states.set(at, { manifests: [], stale: [] });
        return history;
      }
      head = found.oid;
      tipBytes = found.data;
    } else {
      head = await resolveCommit(cat, options.rev, dir, call);
    }
    history.head = head;
    tipBytes ??= (await cat.get([head]))[0]?.data;
    const tip = tipBytes ? parseCommitObject(head, tipBytes) : undefined;
    if (tip) history.tip = tip;

    // Most repos import nothing: then the manifests' own history is all there is to read. With
    // discover, one log serves both walks: what discovery reads includes every depmap.yaml.
    const blobs = new BlobStore(cat);
    let commits: LogCommit[];
    let discovered: DiscoveredPart | undefined;
    if (options.discover) {
      const all = discoveryChanges(await readLog(head, call, DISCOVERY_PATHSPECS));
      discovered = await discoverHistory(all, cat, history.id, options);
      commits = manifestCommits(all);
    } else {
      // The blobs of each version are asked for as the log streams in: cat-file works while
      // git log still runs, and the log's text is parsed while git writes the rest of it.
      const asked: Promise<void>[] = [];
      commits = await readLog(head, call, MANIFEST_PATHSPECS, (batch) => {
        const oids: string[] = [];
        for (const c of batch)
          for (const change of c.changes)
            if (change.status !== 'D' && isManifestEntry(change.path, change.mode)) oids.push(change.oid);
        if (oids.length === 0) return;
        const fetched = blobs.fetch(oids);
        fetched.catch(() => undefined); // awaited below; a failed log must not leave it unhandled
        asked.push(fetched);
      });
      await Promise.all(asked);
    }
    const parser = new ParseCache(docker, blobs, shortcuts);
    const manifestBlobs = new Map<string, string>();
    let full = false;
    for (const c of commits) {
      for (const change of c.changes) {
        if (change.status === 'D' || !isManifestEntry(change.path, change.mode)) continue;
        manifestBlobs.set(change.oid, change.path);
        if (change.mode === MODE_SYMLINK) full = true;
      }
    }
    await blobs.fetch(manifestBlobs.keys());
    // A blob without the word cannot import; only the others are parsed to be sure.
    for (const [oid, file] of manifestBlobs) {
      const bytes = blobs.get(oid);
      // Searched in the bytes first: most blobs lack the word, and need no string made of them.
      if (full || !bytes || bytes.indexOf('from') < 0 || !FROM_KEY.test(bytes.toString('utf8'))) continue;
      if ((parser.get(oid, file, bytes).manifest?.fromRefs.length ?? 0) > 0) full = true;
    }
    // Imports are resolved through the importers, loaded only for a history that has some.
    const resolveAt = full ? (await import('./resolve-at-tree.js')).resolveImportsAt : undefined;
    const walker = new Walker(parser, blobs, shortcuts, resolveAt);
    if (full) {
      commits = await readLog(head, call);
      for (let round = 0; round < MAX_FETCH_ROUNDS; round++) {
        const { need } = walker.walk(commits, { repo: history.id, docker, report: () => false });
        if (need.length === 0) break;
        await blobs.fetch(need);
      }
    }
    history.commits = commits.length;
    if (commits.length === 0 && !options.discover) history.noManifest = true;

    const checkpoints = new Map<number, number>();
    for (const at of options.at ?? []) checkpoints.set(at, lastBefore(commits, at));
    const since = options.since ?? -Infinity;
    const until = options.until ?? Infinity;
    const wantEvents = options.events ?? true;
    const walkOptions: WalkOptions = {
      repo: history.id,
      docker,
      report: (c) => wantEvents && c.time >= since && c.time <= until,
      checkpoints: new Set([...checkpoints.values()].filter((i) => i >= 0)),
    };
    if (options.onCommit) walkOptions.onCommit = options.onCommit;
    // Without imports, in windows that parse ahead and let blobs go (walk-windows.ts).
    const windowed = !full && shortcuts;
    let result = walker.walk(
      commits,
      windowed ? { ...walkOptions, ...walkWindows(commits, blobs, parser, options.window) } : walkOptions,
    );
    // A blob let go too early would leave its version out: never expected, so then read again whole.
    const lacking = () => result.need.filter((oid) => !blobs.missing.has(oid));
    for (let round = 0; windowed && lacking().length > 0 && round < MAX_FETCH_ROUNDS; round++) {
      await blobs.fetch(lacking());
      result = walker.walk(commits, walkOptions);
    }
    history.events = result.events;
    for (const [at, i] of checkpoints) {
      const walked = i >= 0 ? result.states.get(i) : undefined;
      const state: RepoState = { manifests: walked?.manifests ?? [], stale: walked?.stale ?? [] };
      if (i >= 0) state.commit = commits[i] as LogCommit;
      history.states.set(at, state);
    }
    if (discovered) mergeDiscovered(history, discovered, options.at ?? []);
    history.parsed = parser.parsed;
    history.incremental = parser.incremental;
    if (blobs.missing.size > 0) history.damaged = damagedVersions(commits, blobs.missing);
    return history;
  } finally {
    cat.close();
  }
}
