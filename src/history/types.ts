/** What reading a repo's history produces: events per commit, and states at chosen dates. */
import type { ChangeLine } from '../graph/diff-describe.js';
import type { GraphDiff } from '../graph/diff-graphs.js';

export interface InvalidAt {
  /** Repo-relative file that is invalid (a manifest, or a file it imports). */
  file: string;
  line: number;
  col: number;
  message: string;
}

/**
 * A manifest that does not parse at a commit. As in the timeline, its last valid version (if
 * any since the file appeared at that path) stays on the map in its place.
 */
export interface StaleManifest extends InvalidAt {
  /** Commit of the last valid version, which stands in; undefined when there is none. */
  lastValid?: string;
}

/** Something a commit did that is not a change of the map but is worth saying (a manifest its lockfile no longer satisfies). */
export interface HistoryWarning {
  /** Repo-relative file the warning is about. */
  file: string;
  message: string;
}

/** One commit of one repo that changed the graph or the validity of a manifest. */
export interface HistoryEvent {
  repo: string;
  commit: string;
  author: string;
  email: string;
  /** Committer date, ISO 8601 as git wrote it. */
  date: string;
  /** Committer date, ms since the epoch. */
  time: number;
  authorDate: string;
  subject: string;
  /** True for a merge commit: its changes are what the merge brought to the main line. */
  merge: boolean;
  changes: ChangeLine[];
  /** Manifests (or imported files) that became invalid at this commit. */
  invalid: InvalidAt[];
  /** Manifests valid again at this commit after being invalid. */
  fixed: string[];
  /** Warnings of the commit (history before adoption), not changes; absent when none. */
  warnings?: HistoryWarning[];
  diff: GraphDiff;
}

export type Granularity = 'commit' | 'day' | 'week' | 'month';
