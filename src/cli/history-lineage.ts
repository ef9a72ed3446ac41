/**
 * What blame, exposure and `history export` share: the whole history of the sources read
 * once (every commit, whatever window the question asks about, so that what came in before
 * it is known), repos that could not be read reported, and its lineage folded.
 */
import { readOrgTimeline, type OrgTimeline } from '../history/org-history.js';
import { lineageOf, type Lineage } from '../history/lineage.js';
import type { CliContext } from './context.js';
import { resolveHistorySources, warnRepos, withHistoryProgress, type HistoryInputOptions } from './history-input.js';

export interface ReadLineage {
  timeline: OrgTimeline;
  lineage: Lineage;
  /** Repos that could not be read (reported on stderr); their lineage is missing. */
  failed: number;
}

export async function readLineage(
  sources: readonly string[],
  options: HistoryInputOptions,
  ctx: CliContext,
): Promise<ReadLineage> {
  const { sources: repos, settings } = await resolveHistorySources(sources, options, ctx);
  const timeline = await withHistoryProgress(repos, settings, options, ctx, () => readOrgTimeline(repos, settings));
  const failed = warnRepos(timeline.repos, ctx, options.quiet);
  return { timeline, lineage: lineageOf(timeline), failed };
}
