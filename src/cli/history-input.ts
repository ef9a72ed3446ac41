/**
 * What the history commands (timeline, diff) and the docs timeline page share: their options,
 * where their sources come from, and the word on repos that could not be read. Kept apart
 * so that `depmap diff` does not load the timeline command.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { RepoSource } from '../crawl/sources.js';
import { defaultCacheDir } from '../crawl/scan.js';
import { readOrgTimeline, type OrgHistoryOptions, type OrgTimeline } from '../history/org-history.js';
import { historySource, historySources, type HistorySource } from '../history/sources.js';
import type { Granularity } from '../history/types.js';
import type { DockerPinLevel } from '../manifest/types.js';
import type { TimelineReport } from '../render/timeline/index.js';
import { renderTimelinePage } from '../render/timeline/page.js';
import { terminalText } from '../render/escape/index.js';
import type { CliContext } from './context.js';
import { loadConfigFor, parsePositiveInt } from './load-graph.js';
import { createProgress } from './progress.js';

/** Options every history command shares. */
export interface HistoryInputOptions {
  config?: string;
  cacheDir?: string;
  concurrency?: number;
  docker?: DockerPinLevel;
  quiet?: boolean;
  discover?: boolean;
}

export function addHistoryInputOptions(command: Command): Command {
  return command
    .option(
      '--config <file>',
      'read sources and settings from a config file (default: ./depmap.config.yaml when present)',
    )
    .option(
      '--cache-dir <dir>',
      "depmap's clone cache, as for scan (default: ~/.cache/depmap/repos); git URLs are cloned with their history into its history/ folder",
    )
    .option('--concurrency <n>', 'repos read at once (default 4)', parsePositiveInt)
    .addOption(
      new Option('--docker <level>', 'image pinning: a specific tag (exact) or a digest').choices(['exact', 'digest']),
    )
    .option(
      '--discover',
      'before a repo has a depmap.yaml, map each commit from its deployment and build files, as scan --discover maps a checkout',
    )
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
  const cacheDir = options.cacheDir
    ? path.resolve(ctx.cwd, options.cacheDir)
    : (config?.cacheDir ?? defaultCacheDir(ctx.env));
  const quiet = options.quiet === true;
  const resolved = await historySources(specs, {
    cwd: ctx.cwd,
    env: ctx.env,
    cacheDir,
    ...(sources.length === 0 && config ? { locate: (spec: string) => config.sourceAt.get(spec) } : {}),
    onClone: (repo) => {
      if (!quiet && ctx.stderr.isTTY)
        ctx.stderr.write(`depmap: cloning ${terminalText(repo.display)} with its history…\n`);
    },
  });
  const settings: OrgHistoryOptions = {
    docker: options.docker ?? config?.docker ?? 'exact',
    env: ctx.env,
    concurrency: options.concurrency ?? 4,
  };
  if (options.discover) settings.discover = true;
  return { sources: resolved, settings };
}

/** Warns of repos that could not be read and of shallow ones; returns how many failed. */
export function warnRepos(
  repos: readonly {
    id: string;
    shallow: boolean;
    error?: string;
    damaged?: string[];
    nothing?: true;
    noManifest?: true;
  }[],
  ctx: CliContext,
  quiet = false,
): number {
  let failed = 0;
  for (const repo of repos) {
    if (repo.error) {
      failed++;
      ctx.stderr.write(
        `depmap: error: ${terminalText(repo.id)}: ${repo.error.split('\n').map(terminalText).join('\n')}\n`,
      );
      continue;
    }
    if (repo.damaged && repo.damaged.length > 0) {
      failed++;
      for (const line of repo.damaged)
        ctx.stderr.write(`depmap: error: ${terminalText(repo.id)}: ${terminalText(line)}\n`);
      ctx.stderr.write('  hint: run `git fsck` in the repo, or re-clone it\n');
    }
    // Said whatever --quiet: an empty answer must not pass for "no changes".
    if (repo.nothing) {
      ctx.stderr.write(
        `depmap: warning: ${terminalText(repo.id)}: no manifest or discoverable files in its history\n  hint: nothing to map there: no depmap.yaml, compose, Kubernetes, build or lock file\n`,
      );
    }
    if (repo.noManifest) {
      ctx.stderr.write(
        `depmap: warning: ${terminalText(repo.id)}: no depmap.yaml in its history; nothing to show\n  hint: map its history before adoption from its deployment and build files with --discover\n`,
      );
    }
    if (quiet) continue;
    if (repo.shallow) {
      ctx.stderr.write(
        `depmap: warning: ${terminalText(repo.id)} is a shallow clone: history before its first fetched commit is missing\n  hint: git fetch --unshallow, or in GitHub Actions actions/checkout with fetch-depth: 0\n`,
      );
    }
  }
  return failed;
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
  /** Markdown for the diagram (the docs embed their SVG); default a mermaid block. */
  embed?: (mermaid: string) => string;
}

/** The timeline of `repos` (crawl sources, whose git URLs are cloned with full history, or folders with ids). */
async function readTimeline(
  repos: readonly (RepoSource | HistorySource)[],
  options: TimelinePageOptions = {},
): Promise<OrgTimeline> {
  const env = options.env ?? process.env;
  const cacheDir = options.cacheDir ?? defaultCacheDir(env);
  const sources: HistorySource[] = [];
  for (const repo of repos) sources.push('dir' in repo ? repo : await historySource(repo, cacheDir, env));
  const settings: OrgHistoryOptions = { docker: options.docker ?? 'exact', env, concurrency: options.concurrency ?? 4 };
  if (options.since !== undefined) settings.since = options.since;
  if (options.until !== undefined) settings.until = options.until;
  return readOrgTimeline(sources, settings);
}

/** The timeline page of `depmap docs`: the diagram, then a table per period. */
export function timelinePageOf(timeline: OrgTimeline, options: TimelinePageOptions = {}): string {
  const report: TimelineReport = { timeline, granularity: options.granularity ?? 'month' };
  if (options.title) report.title = options.title;
  return renderTimelinePage(report, options.embed);
}

export async function timelinePage(
  repos: readonly (RepoSource | HistorySource)[],
  options: TimelinePageOptions = {},
): Promise<string> {
  return timelinePageOf(await readTimeline(repos, options), options);
}

/**
 * Says which repos had nothing to map at a date ("orders: no manifest or discoverable files
 * at 2019-01-01"), never a silent empty answer; returns how many repos had something.
 */
export function warnEmptyAt(
  entries: readonly { id: string; manifests: readonly unknown[] }[],
  nothing: readonly string[],
  label: string,
  discover: boolean,
  ctx: CliContext,
): number {
  const bare = new Set(nothing);
  let mapped = 0;
  for (const entry of entries) {
    if (entry.manifests.length > 0) {
      mapped++;
      continue;
    }
    const id = terminalText(entry.id);
    if (discover || bare.has(entry.id)) {
      ctx.stderr.write(`depmap: warning: ${id}: no manifest or discoverable files at ${terminalText(label)}\n`);
    } else {
      ctx.stderr.write(
        `depmap: warning: ${id}: no depmap.yaml at ${terminalText(label)}\n  hint: map it from its deployment and build files with --discover\n`,
      );
    }
  }
  return mapped;
}

/**
 * Runs a history read with a progress bar on stderr: the commits of the one repo, or the
 * repos of many (set on `settings`); off with --quiet or when stderr is not a terminal.
 */
export async function withHistoryProgress<T>(
  repos: readonly HistorySource[],
  settings: OrgHistoryOptions,
  options: { quiet?: boolean },
  ctx: CliContext,
  read: () => Promise<T>,
): Promise<T> {
  const progress = createProgress(ctx.stderr, 'reading history', { quiet: options.quiet, env: ctx.env });
  if (repos.length === 1) settings.onCommit = (id, done, total) => progress.update(done, total, id);
  else settings.onRepo = (done, total, id) => progress.update(done, total, id);
  try {
    return await read();
  } finally {
    progress.done();
  }
}
