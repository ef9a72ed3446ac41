/**
 * `depmap explore`: the whole map as one self-contained HTML file that opens from disk and
 * stays fast at 10,000 nodes: search, focus, filters, details and, with --history, a time
 * slider over the sources' git history with a two-date diff.
 */
import type { Command } from 'commander';
import { EXIT_FINDINGS, UsageError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { addGraphInputOptions, type GraphInputOptions } from '../load-graph.js';

interface ExploreOptions extends GraphInputOptions {
  out: string;
  title?: string;
  history?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  const command = program
    .command('explore')
    .description('write an interactive map: one HTML file with search, focus, filters and a time slider')
    .argument('[sources...]', "repos to crawl: folders, globs, git URLs (default: the config's sources, else .)")
    .option('-o, --out <file>', 'the HTML file to write (- for stdout)', 'explorer.html')
    .option('--title <text>', 'title of the page (default: "depmap explorer")')
    .option(
      '--history',
      'read the git history of the sources too: a slider shows the map at each commit, and two dates their diff',
    );
  addGraphInputOptions(command);
  command.addHelpText(
    'after',
    `
The page is one file with everything inline (no network, no server): open it from disk or
publish it with the docs. The layout is computed here, so the page draws at once.

In the page:
  /             search names, purls, owners and systems (arrows and Enter pick a hit)
  click a node  focus on it: what it calls and what calls it, to depth 1–3, and its
                details: versions, callers, libraries and their pins, where it is
                declared, how many depend on it
  filters       system, kind, owner, pinned/unpinned, declared/discovered/observed
  zoom          systems with their calls bundled → components → libraries
  --history     a slider over the commits; "compare with" colours the diff of two dates
                (added green, removed red, changed amber)
The view (focus, filters, dates, search) is kept in the address's #hash: a link shows it.

Examples:
  $ depmap explore ./repos/* --out map.html
  $ depmap explore --snapshot graph.json --out map.html --title "Acme platform"
  $ depmap explore ./repos/* --history --discover --out map.html`,
  );
  command.action(async (sources: string[], options: ExploreOptions) => {
    ctx.exitCode = await runExplore(sources, options, ctx);
  });
}

async function runExplore(sources: readonly string[], options: ExploreOptions, ctx: CliContext): Promise<number> {
  if (options.history && options.snapshot && options.snapshot.length > 0)
    throw new UsageError('--history reads the git history of the sources; a snapshot has none', {
      hint: 'give the repos as sources instead of --snapshot',
    });
  const [{ loadGraph }, { reportScan }, { explorerPage }, { writeOutput }] = await Promise.all([
    import('../load-graph.js'),
    import('../report-scan.js'),
    import('../explorer-page.js'),
    import('../write-output.js'),
  ]);
  const { snapshot, fromSnapshot } = await loadGraph(sources, options, ctx);
  const { failed } = fromSnapshot ? { failed: 0 } : reportScan(snapshot, ctx, options);
  let lineage;
  let historyFailed = 0;
  if (options.history) {
    const { readLineage } = await import('../history-lineage.js');
    const read = await readLineage(sources, options, ctx);
    lineage = read.lineage;
    historyFailed = read.failed;
  }
  const page = explorerPage(snapshot, options.title ?? 'depmap explorer', lineage);
  const what = `: ${snapshot.nodes.length} nodes, ${snapshot.edges.length} edges${lineage ? `, the history of ${lineage.edges.length} edges` : ''}`;
  await writeOutput(page, options, ctx, what);
  return failed > 0 || historyFailed > 0 ? EXIT_FINDINGS : 0;
}
