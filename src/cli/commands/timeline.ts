/**
 * `depmap timeline`: every change to the graph in a range of history, all repos merged in
 * date order. (The timeline page of `depmap docs` is in ../history-input.ts.)
 */
import { terminalText } from '../../render/escape/index.js';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { EXIT_FINDINGS, UsageError } from '../../errors.js';
import { parseDate } from '../../history/dates.js';
import { lineageOf } from '../../history/lineage.js';
import { readOrgTimeline } from '../../history/org-history.js';
import type { Granularity } from '../../history/types.js';
import { TIMELINE_FORMATS, type TimelineReport } from '../../render/timeline/index.js';
import { extensionsInWords, formatsHelp, renderOutput } from '../../render/output-format.js';
import type { CliContext, OutputStream } from '../context.js';
import {
  addHistoryInputOptions,
  resolveHistorySources,
  warnRepos,
  withHistoryProgress,
  type HistoryInputOptions,
} from '../history-input.js';
import { writeChunksAtomic, writeFileAtomic } from '../../io/write-file.js';

export const GRANULARITIES: readonly Granularity[] = ['commit', 'day', 'week', 'month'];

interface TimelineOptions extends HistoryInputOptions {
  since?: string;
  until?: string;
  granularity: Granularity;
  format?: string;
  out?: string;
  title?: string;
}

export function register(program: Command, ctx: CliContext): void {
  addHistoryInputOptions(
    program
      .command('timeline')
      .description('every change to the dependency graph in a range of git history, all repos merged in date order')
      .argument('[sources...]', "repos: folders, globs of folders or git URLs (default: the config's sources, or .)")
      .option('--since <date>', 'changes committed on or after this date (YYYY-MM-DD is a whole UTC day)')
      .option('--until <date>', 'changes committed on or before this date')
      .addOption(new Option('--granularity <period>', 'group changes by').choices([...GRANULARITIES]).default('week'))
      .addOption(
        new Option('--format <format>', 'output format (default: from the --out extension, else markdown)').choices(
          TIMELINE_FORMATS.names(),
        ),
      )
      .option(
        '-o, --out <file>',
        `write to this file instead of stdout (${extensionsInWords(TIMELINE_FORMATS)} sets the format)`,
      )
      .option('--title <text>', 'title of the report or diagram'),
  )
    .addHelpText(
      'after',
      `
Each repo is read along its main line (first parents from HEAD, or the URL's #ref): a merge
is one change, dated when it was committed, holding everything the merged branch brought.
Dates are committer dates, in UTC. A manifest that is invalid at a commit is reported
("invalid at abc1234: …") and its last valid version stays on the map until it is fixed;
a file it imports that cannot be read is reported, and the rest is mapped, as by a scan.
Renaming or moving a manifest is not a change: components are identified by name.
A repo that cannot be read or cloned is reported and left out (exit 1); the others are
still shown. A single source that cannot be read is an error (exit 2). Weeks are ISO weeks (Monday to Sunday), shown with their dates:
"2024-W09 (Feb 26 – Mar 3)"; the diagram groups them by year.

${formatsHelp(TIMELINE_FORMATS)}

Examples:
  $ depmap timeline                                       this repo, by week, as Markdown
  $ depmap timeline ./repos/* --since 2024-01-01 --granularity month
  $ depmap timeline https://github.com/acme/shop.git#main --format json
  $ depmap timeline --config depmap.config.yaml --out docs/timeline.svg`,
    )
    .action(async (sources: string[], options: TimelineOptions) => {
      ctx.exitCode = await runTimeline(sources, options, ctx);
    });
}

export async function runTimeline(
  sources: readonly string[],
  options: TimelineOptions,
  ctx: CliContext,
): Promise<number> {
  const format = TIMELINE_FORMATS.choose(options.format, options.out, 'markdown');
  const since = options.since === undefined ? undefined : parseDate(options.since, 'start', '--since');
  const until = options.until === undefined ? undefined : parseDate(options.until, 'end', '--until');
  if (since !== undefined && until !== undefined && since > until)
    throw new UsageError(`--since ${options.since} is after --until ${options.until}`);
  const { sources: repos, settings } = await resolveHistorySources(sources, options, ctx);
  // JSON carries each edge's firstSeen and lastSeen: the whole history is read, then the window cut.
  const wantLineage = format.format === 'json';
  if (since !== undefined && !wantLineage) settings.since = since;
  if (until !== undefined && !wantLineage) settings.until = until;
  const timeline = await withHistoryProgress(repos, settings, options, ctx, () => readOrgTimeline(repos, settings));
  const failed = warnRepos(timeline.repos, ctx, options.quiet);
  const report: TimelineReport = { timeline, granularity: options.granularity };
  if (wantLineage) {
    report.lineage = lineageOf(timeline);
    const inWindow = (e: { time: number }) => e.time >= (since ?? -Infinity) && e.time <= (until ?? Infinity);
    timeline.events = timeline.events.filter(inWindow);
    if (since !== undefined) timeline.since = since;
    if (until !== undefined) timeline.until = until;
  }
  if (options.title) report.title = options.title;
  const file = options.out && options.out !== '-' ? path.resolve(ctx.cwd, options.out) : undefined;
  if (format.chunks && !format.steps) {
    // A long history's JSON is written as it is made, never held whole.
    const chunks = format.chunks(report, undefined);
    if (file) await writeChunksAtomic(file, chunks);
    else await writeGathered(ctx.stdout, chunks);
  } else {
    const output = await renderOutput(format, 'timeline', report, undefined, ctx.env);
    if (file) await writeFileAtomic(file, output);
    else ctx.stdout.write(output);
  }
  if (file && !options.quiet)
    ctx.stderr.write(`depmap: wrote ${terminalText(options.out!)}: ${timeline.events.length} commits with changes\n`);
  return failed > 0 ? EXIT_FINDINGS : 0;
}

/**
 * Pieces written in writes of about a megabyte (one write per piece would be a system call
 * each), each after the last has drained: a pipe read slower than depmap writes would
 * otherwise queue the whole output in memory.
 */
async function writeGathered(out: OutputStream, chunks: Iterable<string>): Promise<void> {
  let buffer: string[] = [];
  let size = 0;
  const flush = async () => {
    const accepted = out.write(buffer.join(''));
    buffer = [];
    size = 0;
    if (accepted === false && out.drained) await out.drained();
  };
  for (const chunk of chunks) {
    buffer.push(chunk);
    size += chunk.length;
    if (size >= 1 << 20) await flush();
  }
  if (size > 0) await flush();
}

export type { TimelinePageOptions } from '../history-input.js';
export { timelinePage } from '../history-input.js';
