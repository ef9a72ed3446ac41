/**
 * `depmap timeline`: every change to the graph in a range of history, all repos merged in
 * date order. Also the timeline page of `depmap docs` ({@link timelinePage}).
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { EXIT_FINDINGS, UsageError } from '../../errors.js';
import type { RepoSource } from '../../crawl/sources.js';
import { defaultCacheDir } from '../../crawl/scan.js';
import { parseDate } from '../../history/dates.js';
import { readOrgTimeline, type OrgHistoryOptions } from '../../history/org-history.js';
import { historySource, historySources, type HistorySource } from '../../history/sources.js';
import type { Granularity } from '../../history/types.js';
import type { DockerPinLevel } from '../../manifest/types.js';
import { TIMELINE_EXTENSIONS, TIMELINE_FORMATS, TIMELINE_RENDERERS, type TimelineFormat, type TimelineReport } from '../../render/timeline/index.js';
import { renderTimelineMermaid } from '../../render/timeline/mermaid.js';
import { renderTimelinePage } from '../../render/timeline/page.js';
import type { CliContext } from '../context.js';
import { loadConfigFor, parsePositiveInt } from '../load-graph.js';
import { createProgress } from '../progress.js';
import { writeFileAtomic } from '../write-output.js';

export const GRANULARITIES: readonly Granularity[] = ['commit', 'day', 'week', 'month'];

/** Options every history command shares. */
export interface HistoryInputOptions {
  config?: string;
  cacheDir?: string;
  concurrency?: number;
  docker?: DockerPinLevel;
  quiet?: boolean;
}

export function addHistoryInputOptions(command: Command): Command {
  return command
    .option('--config <file>', 'read sources and settings from a config file (default: ./depmap.config.yaml when present)')
    .option('--cache-dir <dir>', "depmap's clone cache, as for scan (default: ~/.cache/depmap/repos); git URLs are cloned with their history into its history/ folder")
    .option('--concurrency <n>', 'repos read at once (default 4)', parsePositiveInt)
    .addOption(new Option('--docker <level>', 'image pinning: a specific tag (exact) or a digest').choices(['exact', 'digest']))
    .option('-q, --quiet', 'no progress on stderr');
}

/** Sources from the arguments, else the config, else `.`; git URLs cloned with full history. */
export async function resolveHistorySources(
  sources: readonly string[],
  options: HistoryInputOptions,
  ctx: CliContext,
): Promise<{ sources: HistorySource[]; settings: OrgHistoryOptions }> {
  const config = await loadConfigFor(options, ctx);
  const specs = sources.length > 0 ? [...sources] : config && config.sources.length > 0 ? config.sources : ['.'];
  const cacheDir = options.cacheDir ? path.resolve(ctx.cwd, options.cacheDir) : (config?.cacheDir ?? defaultCacheDir(ctx.env));
  const quiet = options.quiet === true;
  const resolved = await historySources(specs, {
    cwd: ctx.cwd,
    env: ctx.env,
    cacheDir,
    onClone: (repo) => {
      if (!quiet && ctx.stderr.isTTY) ctx.stderr.write(`depmap: cloning ${repo.display} with its history…\n`);
    },
  });
  const settings: OrgHistoryOptions = { docker: options.docker ?? config?.docker ?? 'exact', env: ctx.env, concurrency: options.concurrency ?? 4 };
  return { sources: resolved, settings };
}

/**
 * The format asked for with --format; else the one the --out file's extension names (`.svg`,
 * `.md`, `.json`, `.mmd`, …); else `fallback`. An extension that names no format is refused
 * rather than filled with another format.
 */
export function outputFormat<F extends string>(
  format: F | undefined,
  out: string | undefined,
  byExtension: Readonly<Record<string, F>>,
  formats: readonly F[],
  fallback: F,
): F {
  if (format !== undefined) return format;
  if (!out || out === '-') return fallback;
  const ext = path.extname(out).toLowerCase();
  if (ext === '') return fallback;
  const found = byExtension[ext];
  if (found === undefined) {
    throw new UsageError(`cannot tell the format from the extension of ${out}`, { hint: `give --format ${formats.join('|')}, or an --out file ending in ${Object.keys(byExtension).join(', ')}` });
  }
  return found;
}

/** Warns of repos that could not be read and of shallow ones; returns how many failed. */
export function warnRepos(repos: readonly { id: string; shallow: boolean; error?: string }[], ctx: CliContext, quiet = false): number {
  let failed = 0;
  for (const repo of repos) {
    if (repo.error) {
      failed++;
      ctx.stderr.write(`depmap: error: ${repo.id}: ${repo.error}\n`);
      continue;
    }
    if (quiet) continue;
    if (repo.shallow) {
      ctx.stderr.write(`depmap: warning: ${repo.id} is a shallow clone: history before its first fetched commit is missing\n  hint: git fetch --unshallow, or in GitHub Actions actions/checkout with fetch-depth: 0\n`);
    }
  }
  return failed;
}

interface TimelineOptions extends HistoryInputOptions {
  since?: string;
  until?: string;
  granularity: Granularity;
  format?: TimelineFormat;
  out?: string;
  title?: string;
}

export function register(program: Command, ctx: CliContext): void {
  addHistoryInputOptions(
    program
      .command('timeline')
      .description('every change to the dependency graph in a range of git history, all repos merged in date order')
      .argument('[sources...]', 'repos: folders, globs of folders or git URLs (default: the config\'s sources, or .)')
      .option('--since <date>', 'changes committed on or after this date (YYYY-MM-DD is a whole UTC day)')
      .option('--until <date>', 'changes committed on or before this date')
      .addOption(new Option('--granularity <period>', 'group changes by').choices([...GRANULARITIES]).default('week'))
      .addOption(new Option('--format <format>', 'output format (default: from the --out extension, else markdown)').choices([...TIMELINE_FORMATS]))
      .option('-o, --out <file>', 'write to this file instead of stdout (.md, .json, .mmd or .svg sets the format)')
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

export async function runTimeline(sources: readonly string[], options: TimelineOptions, ctx: CliContext): Promise<number> {
  const format = outputFormat(options.format, options.out, TIMELINE_EXTENSIONS, TIMELINE_FORMATS, 'markdown');
  const since = options.since === undefined ? undefined : parseDate(options.since, 'start', '--since');
  const until = options.until === undefined ? undefined : parseDate(options.until, 'end', '--until');
  if (since !== undefined && until !== undefined && since > until) throw new UsageError(`--since ${options.since} is after --until ${options.until}`);
  const { sources: repos, settings } = await resolveHistorySources(sources, options, ctx);
  const progress = createProgress(ctx.stderr, 'reading history', options.quiet ? { quiet: true } : {});
  if (since !== undefined) settings.since = since;
  if (until !== undefined) settings.until = until;
  // One repo: count its commits; several: count repos.
  if (repos.length === 1) settings.onCommit = (id, done, total) => progress.update(done, total, id);
  else settings.onRepo = (done, total, id) => progress.update(done, total, id);
  let timeline;
  try {
    timeline = await readOrgTimeline(repos, settings);
  } finally {
    progress.done();
  }
  const failed = warnRepos(timeline.repos, ctx, options.quiet);
  const report: TimelineReport = { timeline, granularity: options.granularity };
  if (options.title) report.title = options.title;
  let output: string;
  if (format === 'svg') {
    const { renderSvgs } = await import('../../render/svg.js');
    const svgs = await renderSvgs([{ name: 'timeline', mermaid: renderTimelineMermaid(report) }], { env: ctx.env });
    output = svgs.get('timeline') ?? '';
  } else {
    output = TIMELINE_RENDERERS[format](report);
  }
  if (options.out && options.out !== '-') {
    await writeFileAtomic(path.resolve(ctx.cwd, options.out), output);
    if (!options.quiet) ctx.stderr.write(`depmap: wrote ${options.out}: ${timeline.events.length} commits with changes\n`);
  } else {
    ctx.stdout.write(output);
  }
  return failed > 0 ? EXIT_FINDINGS : 0;
}

export interface TimelinePageOptions {
  since?: number;
  until?: number;
  granularity?: Granularity;
  docker?: DockerPinLevel;
  title?: string;
  /** depmap's clone cache (default ~/.cache/depmap/repos); git URLs are cloned into its history/ folder. */
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
  concurrency?: number;
}

/**
 * The timeline page for `depmap docs`: Markdown with the Mermaid timeline embedded and a
 * table per period. `repos` are the crawl's sources (git URLs are cloned with full history)
 * or folders with ids.
 */
export async function timelinePage(repos: readonly (RepoSource | HistorySource)[], options: TimelinePageOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const cacheDir = options.cacheDir ?? defaultCacheDir(env);
  const sources: HistorySource[] = [];
  for (const repo of repos) sources.push('dir' in repo ? repo : await historySource(repo, cacheDir, env));
  const settings: OrgHistoryOptions = { docker: options.docker ?? 'exact', env, concurrency: options.concurrency ?? 4 };
  if (options.since !== undefined) settings.since = options.since;
  if (options.until !== undefined) settings.until = options.until;
  const timeline = await readOrgTimeline(sources, settings);
  const report: TimelineReport = { timeline, granularity: options.granularity ?? 'month' };
  if (options.title) report.title = options.title;
  return renderTimelinePage(report);
}
