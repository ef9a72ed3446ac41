/**
 * The timeline page of `depmap docs`: every change of the crawled repos over their git
 * history. Left out, with a note, when the graph came from a snapshot (no history to read)
 * or no source is a git repository.
 */
import { errorMessage } from '../errors.js';
import { count } from '../util/words.js';
import { readOrgTimeline } from '../history/org-history.js';
import type { DocsPageProvider } from './commands/docs.js';
import { resolveHistorySources, timelinePageOf } from './history-input.js';

export const timelineDocsPage: DocsPageProvider = async ({ sources, options, ctx }) => {
  if (options.snapshot && options.snapshot.length > 0) {
    ctx.stderr.write('depmap: note: no timeline page: a snapshot has no history (give sources to include one)\n');
    return [];
  }
  try {
    const { sources: repos, settings } = await resolveHistorySources(sources, { ...options, quiet: true }, ctx);
    const timeline = await readOrgTimeline(repos, settings);
    const read = timeline.repos.filter((r) => !r.error);
    if (read.length === 0) {
      ctx.stderr.write('depmap: note: no timeline page: none of the sources is a git repository\n');
      return [];
    }
    const unread = timeline.repos.length - read.length;
    if (unread > 0)
      ctx.stderr.write(`depmap: note: the timeline leaves out ${count(unread, 'repo')} without readable git history\n`);
    return [
      {
        path: 'timeline.md',
        title: 'Timeline',
        summary: `${count(timeline.events.length, 'change')} over the git history of ${count(read.length, 'repo')}`,
        render: (page) =>
          timelinePageOf(timeline, {
            embed: (mermaid) => page.diagram('timeline', mermaid, 'Timeline of dependency changes'),
          }),
      },
    ];
  } catch (error) {
    ctx.stderr.write(`depmap: note: no timeline page: ${errorMessage(error)}\n`);
    return [];
  }
};
