/**
 * The explorer of `depmap docs`: explorer.html beside index.md, the same page `depmap explore`
 * writes, with the time slider when the docs read the history (the timeline page's).
 */
import { lineageOf } from '../history/lineage.js';
import type { DocsPageProvider } from './commands/docs.js';
import { docsTimeline } from './docs-timeline.js';
import { explorerPage } from './explorer-page.js';

export const explorerDocsPage: DocsPageProvider = async (input) => {
  const timeline = input.history ? await docsTimeline(input) : undefined;
  const html = explorerPage(input.snapshot, 'Architecture explorer', timeline ? lineageOf(timeline) : undefined);
  return [
    {
      path: 'explorer.html',
      title: 'Explorer',
      summary: `the whole map, interactive: search, focus, filters${timeline ? ', a time slider' : ''} (open the file in a browser)`,
      render: () => html,
    },
  ];
};
