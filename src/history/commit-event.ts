/** One commit's history event: what it changed in the graph, and the manifests it broke or fixed. */
import { describeDiff } from '../graph/diff-describe.js';
import { isEmptyDiff, type GraphDiff } from '../graph/diff-graphs.js';
import type { Manifest } from '../manifest/types.js';
import { fit } from '../util/fit.js';
import type { PathIndex } from './path-index.js';
import type { PathState } from './path-state.js';
import type { LogCommit } from './read-log.js';
import type { HistoryEvent, HistoryWarning, InvalidAt } from './types.js';

export interface Sides {
  oldSide: Manifest[];
  newSide: Manifest[];
}

/**
 * The components the `affected` paths declared before the commit or declare after it, each
 * by its first manifest in path order (as the graph build picks one of duplicates), on both
 * sides of the commit. `before` holds the affected paths' states before it; `state` and
 * `index` are already after it.
 */
export function sidesOf(
  affected: ReadonlySet<string>,
  before: ReadonlyMap<string, PathState | undefined>,
  state: ReadonlyMap<string, PathState>,
  index: PathIndex,
): Sides {
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
    const now = [...index.named(name)];
    const nowPick = now.sort()[0];
    const newManifest = nowPick === undefined ? undefined : state.get(nowPick)?.manifest;
    if (newManifest) newSide.push(newManifest);
    const then: string[] = now.filter((p) => !affected.has(p));
    for (const p of affected) if (before.get(p)?.manifest?.name === name) then.push(p);
    const thenPick = then.sort()[0];
    const oldManifest =
      thenPick === undefined
        ? undefined
        : affected.has(thenPick)
          ? before.get(thenPick)?.manifest
          : state.get(thenPick)?.manifest;
    if (oldManifest) oldSide.push(oldManifest);
  }
  return { oldSide, newSide };
}

/** The commit's event; undefined when it changed nothing a reader would see. */
export function commitEvent(
  commit: LogCommit,
  repo: string,
  diff: GraphDiff,
  invalid: InvalidAt[],
  fixed: string[],
  warnings: HistoryWarning[] = [],
): HistoryEvent | undefined {
  if (isEmptyDiff(diff) && invalid.length === 0 && fixed.length === 0 && warnings.length === 0) return undefined;
  const event: HistoryEvent = {
    repo,
    commit: commit.oid,
    author: commit.author,
    email: commit.email,
    date: commit.date,
    time: commit.time,
    authorDate: commit.authorDate,
    subject: commit.subject,
    merge: commit.parents.length > 1,
    changes: fit(describeDiff(diff, { fold: true })),
    invalid: fit(invalid),
    fixed: fit(fixed),
    diff: fitDiff(diff),
  };
  if (warnings.length > 0) event.warnings = warnings;
  return event;
}

/** The diff an event keeps, its lists at their length (the diff is the event's own: made for it). */
function fitDiff(diff: GraphDiff): GraphDiff {
  for (const change of diff.edges.changed) {
    change.pin = fit(change.pin);
    change.fields = fit(change.fields);
  }
  for (const change of diff.nodes.changed) {
    change.fields = fit(change.fields);
    change.provides = fit(change.provides);
  }
  const { nodes, edges } = diff;
  return {
    nodes: { added: fit(nodes.added), removed: fit(nodes.removed), changed: fit(nodes.changed) },
    edges: { added: fit(edges.added), removed: fit(edges.removed), changed: fit(edges.changed) },
  };
}
