/**
 * The timeline page of `depmap docs`: every change of the crawled repos over their git
 * history. Left out, with a note, when the graph came from a snapshot (no history to read)
 * or no source is a git repository. The history is read once per docs run: the explorer's
 * time slider reads the same one (docsTimeline).
 */
import { errorMessage } from '../errors.js';
import { count } from '../util/words.js';
import { readOrgTimeline, type OrgTimeline } from '../history/org-history.js';
import type { DocsPageInput, DocsPageProvider } from './commands/docs.js';
import { resolveHistorySources, timelinePageOf } from './history-input.js';

const read = new WeakMap<object, Promise<OrgTimeline | undefined>>();

/** The sources' history for this docs run (undefined, with a note said once, when there is none). */
export function docsTimeline(input: DocsPageInput): Promise<OrgTimeline | undefined> {
  let timeline = read.get(input.options);
  if (!timeline) {
    timeline = readTimeline(input);
    read.set(input.options, timeline);
  }
  return timeline;
}

async function readTimeline({ sources, options, ctx }: DocsPageInput): Promise<OrgTimeline | undefined> {
  if (options.snapshot && options.snapshot.length > 0) {
    ctx.stderr.write('depmap: note: no timeline page: a snapshot has no history (give sources to include one)\n');
    return undefined;
  }
  try {
    const { sources: repos, settings } = await resolveHistorySources(sources, { ...options, quiet: true }, ctx);
    const timeline = await readOrgTimeline(repos, settings);
    const readable = timeline.repos.filter((r) => !r.error);
    if (readable.length === 0) {
      ctx.stderr.write('depmap: note: no timeline page: none of the sources is a git repository\n');
      return undefined;
    }
    const unread = timeline.repos.length - readable.length;
    if (unread > 0)
      ctx.stderr.write(`depmap: note: the timeline leaves out ${count(unread, 'repo')} without readable git history\n`);
    return timeline;
  } catch (error) {
    ctx.stderr.write(`depmap: note: no timeline page: ${errorMessage(error)}\n`);
    return undefined;
  }
}

export const timelineDocsPage: DocsPageProvider = async (input) => {
  const timeline = await docsTimeline(input);
  if (!timeline) return [];
  const repos = timeline.repos.filter((r) => !r.error).length;
  return [
    {
      path: 'timeline.md',
      title: 'Timeline',
      summary: `${count(timeline.events.length, 'change')} over the git history of ${count(repos, 'repo')}`,
      render: (page) =>
        timelinePageOf(timeline, {
          embed: (mermaid) => page.diagram('timeline', mermaid, 'Timeline of dependency changes'),
        }),
    },
  ];
};
