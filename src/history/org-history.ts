/**
 * The organisation over time: every repo's history read (a few at a time), its events
 * merged in date order, and the org's repos as they were at a date.
 */
import { tipResolution, type ApiResolution } from './api-resolution.js';
import { withGitRunner } from './git-runner.js';
import { mapLimit } from '../crawl/map-limit.js';
import { isDepmapError } from '../errors.js';
import type { DockerPinLevel } from '../manifest/types.js';
import { readRepoHistory, type RepoHistory, type RepoHistoryOptions } from './repo-history.js';
import type { RevisionEntry } from './revision.js';
import type { HistorySource } from './sources.js';
import type { CommitInfo } from './commit-object.js';
import type { HistoryEvent } from './types.js';

export interface OrgHistoryOptions {
  docker?: DockerPinLevel;
  since?: number;
  until?: number;
  concurrency?: number;
  env?: NodeJS.ProcessEnv;
  onRepo?: (done: number, total: number, id: string) => void;
  /** Commits replayed in a repo: progress within one long history. */
  onCommit?: (id: string, done: number, total: number) => void;
  /** Map each repo before its depmap.yaml as `scan --discover` maps a checkout. */
  discover?: boolean;
}

interface RepoSummary {
  id: string;
  /** With discover: neither a manifest nor a discoverable file in the range read. */
  nothing?: true;
  /** Without discover: no depmap.yaml in its history at all. */
  noManifest?: true;
  head?: string;
  /** The tip's author, date and subject. */
  tip?: CommitInfo;
  commits: number;
  shallow: boolean;
  /** Why the repo could not be read; it then has no events. */
  error?: string;
  /** Versions left out because git could not give them (see RepoHistory.damaged). */
  damaged?: string[];
}

export interface OrgTimeline {
  repos: RepoSummary[];
  events: HistoryEvent[];
  /** Each repo's events in its main-line order (dates can go backwards after a rebase): what lineage folds. */
  byRepo: HistoryEvent[][];
  /** How the org's graph resolves a call by API at the tips: lineage resolves the history's calls the same way. */
  resolution?: ApiResolution;
  since?: number;
  until?: number;
}

function historyOptions(source: HistorySource, options: OrgHistoryOptions): RepoHistoryOptions {
  const out: RepoHistoryOptions = { id: source.id, docker: options.docker ?? 'exact' };
  if (options.discover) out.discover = true;
  if (source.rev) out.rev = source.rev;
  if (options.env) out.env = options.env;
  const onCommit = options.onCommit;
  if (onCommit) out.onCommit = (done, total) => onCommit(source.id, done, total);
  return out;
}

async function eachRepo(
  sources: readonly HistorySource[],
  options: OrgHistoryOptions,
  extra: Partial<RepoHistoryOptions>,
): Promise<RepoHistory[]> {
  let done = 0;
  // Each repo costs two or three git processes; a few at a time keeps the machine usable.
  // Many repos: git is started by a small helper process (git-runner.ts), not by this one.
  return withGitRunner(sources.length, options.env ?? process.env, () =>
    mapLimit(sources, options.concurrency ?? 4, async (source) => {
      try {
        if (source.error) throw source.error;
        return await readRepoHistory(source.dir, { ...historyOptions(source, options), ...extra });
      } catch (error) {
        // One unreadable repo is reported; the others still make the timeline.
        if (!isDepmapError(error) || sources.length === 1) throw error;
        const failed: RepoHistory = {
          id: source.id,
          dir: source.dir,
          commits: 0,
          shallow: false,
          events: [],
          states: new Map(),
          parsed: 0,
          error: error.describe(),
        };
        return failed;
      } finally {
        options.onRepo?.(++done, sources.length, source.id);
      }
    }),
  );
}

const summary = (h: RepoHistory): RepoSummary => {
  const s: RepoSummary = { id: h.id, commits: h.commits, shallow: h.shallow };
  if (h.head) s.head = h.head;
  if (h.tip) s.tip = h.tip;
  if (h.error) s.error = h.error;
  if (h.damaged) s.damaged = h.damaged;
  if (h.nothing) s.nothing = true;
  if (h.noManifest) s.noManifest = true;
  return s;
};

/** A date after every commit: the state there is each repo's tip. */
const TIP = Number.MAX_SAFE_INTEGER;

/** Every change in [since, until] in all repos, oldest first (ties: repo, then main-line order). */
export async function readOrgTimeline(
  sources: readonly HistorySource[],
  options: OrgHistoryOptions = {},
): Promise<OrgTimeline> {
  const extra: Partial<RepoHistoryOptions> = { at: [TIP] };
  if (options.since !== undefined) extra.since = options.since;
  if (options.until !== undefined) extra.until = options.until;
  const histories = await eachRepo(sources, options, extra);
  const events = mergeEvents(histories.map((h) => h.events));
  const timeline: OrgTimeline = {
    repos: histories.map(summary),
    events,
    byRepo: histories.map((h) => h.events),
    resolution: tipResolution(histories.map((h) => h.states.get(TIP)?.manifests ?? [])),
  };
  if (options.since !== undefined) timeline.since = options.since;
  if (options.until !== undefined) timeline.until = options.until;
  return timeline;
}

function mergeEvents(lists: readonly (readonly HistoryEvent[])[]): HistoryEvent[] {
  const tagged = lists.flatMap((list) => list.map((event, order) => ({ event, order })));
  tagged.sort(
    (a, b) =>
      a.event.time - b.event.time ||
      (a.event.repo < b.event.repo ? -1 : a.event.repo > b.event.repo ? 1 : 0) ||
      a.order - b.order,
  );
  return tagged.map((t) => t.event);
}

export interface OrgAtDates {
  repos: RepoSummary[];
  /**
   * The org's repos at each date asked for: each repo's manifests at its last commit on or
   * before it, a manifest that does not parse there by its last valid version (see `stale`).
   */
  at: Map<number, RevisionEntry[]>;
  /** With discover: the repos that had neither a manifest nor a file discovery maps at each date. */
  nothing: Map<number, string[]>;
}

export async function orgAtDates(
  sources: readonly HistorySource[],
  dates: readonly number[],
  options: OrgHistoryOptions = {},
): Promise<OrgAtDates> {
  const histories = await eachRepo(sources, options, { at: dates, events: false });
  const at = new Map<number, RevisionEntry[]>();
  const nothing = new Map<number, string[]>();
  for (const date of dates) {
    nothing.set(
      date,
      histories.filter((h) => !h.error && h.states.get(date)?.nothing).map((h) => h.id),
    );
    at.set(
      date,
      histories.map((h, i) => {
        const state = h.states.get(date);
        const source = sources[i] as HistorySource;
        const entry: RevisionEntry = {
          id: h.id,
          source: source.display,
          manifests: state?.manifests ?? [],
          problems: [],
          status: state && state.manifests.length > 0 ? 'ok' : 'no-manifest',
          stale: state?.stale ?? [],
        };
        if (state?.commit) entry.commit = state.commit.oid;
        return entry;
      }),
    );
  }
  return { repos: histories.map(summary), at, nothing };
}
