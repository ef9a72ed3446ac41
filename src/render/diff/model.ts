/** What a diff report shows: the two sides' labels and the diff itself. */
import type { GraphDiff, GraphLike } from '../../graph/diff-graphs.js';
import type { StaleManifest } from '../../history/types.js';

/** A manifest that did not parse on one side, and whether its last valid version stood in. */
export interface InvalidSide extends StaleManifest {
  side: 'from' | 'to';
  repo: string;
  /** The commit that side was read at. */
  commit: string;
}

export interface DiffReport {
  /** How the user named each side: a revision, a date, a snapshot file. */
  from: string;
  to: string;
  diff: GraphDiff;
  /** Manifests invalid on either side (history diffs only). */
  invalid?: InvalidSide[];
  /** The two graphs compared: the picture draws the unchanged calls of a changed node from them. */
  before?: GraphLike;
  after?: GraphLike;
}

/** `invalid at 1a2b3c4 (orders at HEAD~1): depmap.yaml:5:5 …; <what was compared instead>` */
export function describeInvalid(report: Pick<DiffReport, 'from' | 'to'>, i: InvalidSide): string {
  const instead = i.lastValid
    ? `its last valid version (${i.lastValid.slice(0, 7)}) is compared in its place`
    : 'no earlier version of it was valid, so it is left out';
  return `invalid at ${i.commit.slice(0, 7)} (${i.repo} at ${report[i.side]}): ${i.file}:${i.line}:${i.col} ${i.message}; ${instead}`;
}
