/**
 * History before adoption, as one repo's history uses it: the discovered walk of the repo's
 * deployment and build files, the manifests' own commits taken from the same log, and the two
 * joined at the commit that adds a depmap.yaml (that switch is not itself a change).
 */
import { MANIFEST_NAMES } from '../crawl/find-manifests.js';
import { BlobStore } from './blobs.js';
import type { CatFile } from './cat-file.js';
import type { DiscoveredWalk } from './discovered-walk.js';
import type { LogCommit } from './read-log.js';
import type { RepoHistory, RepoHistoryOptions, RepoState } from './repo-history.js';

export interface DiscoveredPart {
  walk: DiscoveredWalk;
  commits: LogCommit[];
  /** Checkpoint index in `commits` of each date asked for (-1: before the first commit). */
  checkpoints: Map<number, number>;
}

/** The history before adoption: the discovered walk of the repo's deployment and build files. */
export async function discoverHistory(
  commits: LogCommit[],
  cat: CatFile,
  repo: string,
  options: RepoHistoryOptions,
): Promise<DiscoveredPart> {
  const checkpoints = new Map<number, number>();
  for (const at of options.at ?? []) checkpoints.set(at, lastBefore(commits, at));
  const since = options.since ?? -Infinity;
  const until = options.until ?? Infinity;
  const wantEvents = options.events ?? true;
  // Loaded here: a history of manifests alone does not compile discovery.
  const { walkDiscovered } = await import('./discovered-walk.js');
  const walk = await walkDiscovered(commits, new BlobStore(cat), {
    repo,
    docker: options.docker ?? 'exact',
    report: (c) => wantEvents && c.time >= since && c.time <= until,
    checkpoints: new Set([...checkpoints.values()].filter((i) => i >= 0)),
    ...(options.onCommit ? { onCommit: options.onCommit } : {}),
    ...(options.shortcuts === false ? { shortcuts: false } : {}),
  });
  return { walk, commits, checkpoints };
}

/**
 * The commits `git log -- MANIFEST_PATHSPECS` lists, from a log of more paths: those that
 * changed a file of a manifest's name, anywhere, with only those changes.
 */
export function manifestCommits(commits: readonly LogCommit[]): LogCommit[] {
  const out: LogCommit[] = [];
  for (const c of commits) {
    const changes = c.changes.filter((change) =>
      MANIFEST_NAMES.has(change.path.slice(change.path.lastIndexOf('/') + 1)),
    );
    if (changes.length > 0) out.push(changes.length === c.changes.length ? c : { ...c, changes });
  }
  return out;
}

/** Main-line order decides, not the dates alone: dates can go backwards after a rebase. */
export function lastBefore(commits: readonly LogCommit[], at: number): number {
  for (let i = commits.length - 1; i >= 0; i--) if ((commits[i] as LogCommit).time <= at) return i;
  return -1;
}

/**
 * Discovered events before the adoption commit, the manifests' events after it (the switch
 * itself is not a change), and each date's state from whichever mapped the repo then.
 */
export function mergeDiscovered(history: RepoHistory, part: DiscoveredPart, dates: readonly number[]): void {
  const { walk, commits } = part;
  const adoption = walk.adopted === undefined ? undefined : (commits[walk.adopted] as LogCommit);
  const afterAdoption = adoption
    ? history.events.filter((e) => e.commit !== adoption.oid && e.time >= adoption.time)
    : [];
  history.events = [...walk.events, ...afterAdoption];
  for (const at of dates) {
    const i = part.checkpoints.get(at) ?? -1;
    if (walk.adopted !== undefined && i >= walk.adopted) continue; // the manifests' state stands
    const state: RepoState = { manifests: i >= 0 ? (walk.states.get(i) ?? []) : [], stale: [] };
    if (i >= 0) state.commit = commits[i] as LogCommit;
    if (i < 0 || walk.empty.has(i)) state.nothing = true;
    history.states.set(at, state);
  }
  if (walk.adopted === undefined && walk.empty.size === commits.length) history.nothing = true;
}
