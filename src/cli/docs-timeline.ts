/**
 * The timeline page of `depmap docs`: every change of the crawled repos over their git
 * history. Left out, with a note, when the graph came from a snapshot (no history to read)
 * or no source is a git repository.
 */
import { historySources } from '../history/sources.js';
import { readOrgTimeline, type OrgHistoryOptions } from '../history/org-history.js';
import { defaultCacheDir } from '../crawl/scan.js';
import { renderTimelinePage } from '../render/timeline/page.js';
import { errorMessage } from '../errors.js';
import type { DocsPageProvider } from './commands/docs.js';
import { loadConfigFor } from './load-graph.js';
import path from 'node:path';

export const timelineDocsPage: DocsPageProvider = async ({ sources, options, ctx }) => {
  if (options.snapshot && options.snapshot.length > 0) {
    ctx.stderr.write('depmap: note: no timeline page: a snapshot has no history (give sources to include one)\n');
    return [];
  }
  try {
    const config = await loadConfigFor(options, ctx);
    const specs = sources.length > 0 ? [...sources] : config && config.sources.length > 0 ? config.sources : ['.'];
    const cacheDir = options.cacheDir ? path.resolve(ctx.cwd, options.cacheDir) : (config?.cacheDir ?? defaultCacheDir(ctx.env));
    const repos = await historySources(specs, { cwd: ctx.cwd, env: ctx.env, cacheDir });
    const settings: OrgHistoryOptions = { docker: options.docker ?? config?.docker ?? 'exact', env: ctx.env, concurrency: 4 };
    const timeline = await readOrgTimeline(repos, settings);
    const read = timeline.repos.filter((r) => !r.error);
    if (read.length === 0) {
      ctx.stderr.write('depmap: note: no timeline page: none of the sources is a git repository\n');
      return [];
    }
    const unread = timeline.repos.length - read.length;
    if (unread > 0) ctx.stderr.write(`depmap: note: the timeline leaves out ${unread} repo${unread === 1 ? '' : 's'} without readable git history\n`);
    const report = { timeline, granularity: 'month' as const };
    return [
      {
        path: 'timeline.md',
        title: 'Timeline',
        summary: `${timeline.events.length} change${timeline.events.length === 1 ? '' : 's'} over the git history of ${read.length} repo${read.length === 1 ? '' : 's'}`,
        render: (page) => renderTimelinePage(report, (mermaid) => page.diagram('timeline', mermaid, 'Timeline of dependency changes')),
      },
    ];
  } catch (error) {
    ctx.stderr.write(`depmap: note: no timeline page: ${errorMessage(error)}\n`);
    return [];
  }
};
