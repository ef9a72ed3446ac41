/** What a diff report shows: the two sides' labels and the diff itself. */
import type { GraphDiff } from '../../graph/diff-graphs.js';

export interface DiffReport {
  /** How the user named each side: a revision, a date, a snapshot file. */
  from: string;
  to: string;
  diff: GraphDiff;
}
