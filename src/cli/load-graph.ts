/**
 * The graph input every query, render and docs command shares: sources to crawl, or
 * snapshot files to read (merged when there are several), or a config that lists sources.
 */
import { MAX_STRING_BYTES, readInputFile } from '../io/read-file.js';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DepmapError, EXIT_FINDINGS, UsageError } from '../errors.js';
import { findConfig, loadConfig, type DepmapConfig } from '../crawl/config.js';
import { defaultCacheDir, scanRepos } from '../crawl/scan.js';
import { expandSources, parseShard } from '../crawl/sources.js';
import { buildSnapshot } from '../graph/build-graph.js';
import { mergeSnapshots, parseSnapshot } from '../graph/snapshot.js';
import type { Snapshot } from '../graph/types.js';
import { VERSION } from '../version.js';
import type { CliContext } from './context.js';
import { addObservedOptions, joinObservations, type ObservedOptions } from './observed-input.js';
import { createProgress } from './progress.js';

export const GENERATOR = `depmap ${VERSION}`;
const DEFAULT_CONFIG = 'depmap.config.yaml';

export interface GraphInputOptions {
  snapshot?: string[];
  config?: string;
  cacheDir?: string;
  concurrency?: number;
  docker?: 'exact' | 'digest';
  shard?: string;
  quiet?: boolean;
  discover?: boolean;
  composeFile?: string[];
  observed?: string[];
  observedFormat?: ObservedOptions['observedFormat'];
}

/** Adds --snapshot, --config, --cache-dir, --concurrency, --docker and --quiet. */
export function addGraphInputOptions(command: Command, options: { shard?: boolean } = {}): Command {
  command
    .option(
      '--snapshot <file>',
      'read the graph from a snapshot written by `depmap scan --out` instead of crawling (repeat to merge several)',
      collect,
    )
    .option(
      '--config <file>',
      `read sources and settings from a config file (default: ${DEFAULT_CONFIG} or .yml here, else in a folder above up to the git top level)`,
    )
    .option('--cache-dir <dir>', 'where git URLs are cloned (default: ~/.cache/depmap/repos)')
    .option('--concurrency <n>', 'repos read at once (default 16; clones at most 4)', parsePositiveInt)
    .addOption(
      new Option('--docker <level>', 'image pinning: a specific tag (exact) or a digest').choices(['exact', 'digest']),
    )
    .option(
      '--discover',
      'map repos without a depmap.yaml from their deployment files (compose, Kubernetes, Spring config, Dockerfiles) and lock files, marked as discovered',
    )
    .option(
      '--compose-file <file>',
      'with --discover: also read this compose file of each repo (outside the default project: a load test, an overlay); repeatable',
      collect,
    )
    .option('-q, --quiet', 'no progress on stderr');
  addObservedOptions(command, collect);
  if (options.shard)
    command.option('--shard <i/n>', 'scan only the i-th of n deterministic slices of the repos (for CI matrices)');
  return command;
}

/** For repeatable options: `--snapshot a.json --snapshot b.json` → ['a.json', 'b.json']. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** An option's value that must be a whole number of 1 or more; commander names the option in the error. */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('Give a whole number of 1 or more.');
  return n;
}

export interface LoadedGraph {
  snapshot: Snapshot;
  config?: DepmapConfig;
  /** True when the graph was read from snapshot files. */
  fromSnapshot: boolean;
}

export async function loadConfigFor(options: GraphInputOptions, ctx: CliContext): Promise<DepmapConfig | undefined> {
  if (options.config) return loadConfig(options.config, ctx.cwd);
  const found = await findConfig(ctx.cwd);
  return found === undefined ? undefined : loadConfig(found, ctx.cwd, true);
}

/** Reads snapshot files; several are merged. `rebuild` re-resolves even a single one. */
export async function readSnapshots(
  files: readonly string[],
  ctx: CliContext,
  options: { rebuild?: boolean } = {},
): Promise<Snapshot> {
  const inputs = [];
  for (const file of files) {
    const bytes = await readInputFile(
      path.resolve(ctx.cwd, file),
      file,
      'snapshot',
      MAX_STRING_BYTES,
      'write one with `depmap scan --out graph.json`',
    );
    const text = bytes.toString('utf8');
    inputs.push({ snapshot: parseSnapshot(text, file), file });
  }
  if (inputs.length === 1 && !options.rebuild) return (inputs[0] as { snapshot: Snapshot }).snapshot;
  const merged = mergeSnapshots(inputs, GENERATOR);
  for (const conflict of merged.conflicts) ctx.stderr.write(`depmap: warning: ${conflict}\n`);
  return merged.snapshot;
}

/**
 * Crawls the sources (or reads snapshots) into one snapshot, with the `--observed` traces or
 * metrics joined when given. `config`: the config when the caller has already read it
 * (undefined: read it here); `allowEmpty` for check, which says "no manifest" itself.
 */
export async function loadGraph(
  sources: readonly string[],
  options: GraphInputOptions,
  ctx: CliContext,
  config: DepmapConfig | null | undefined = undefined,
  allowEmpty = false,
): Promise<LoadedGraph> {
  const loaded = await loadDeclared(sources, options, ctx, config, allowEmpty);
  if (options.observed && options.observed.length > 0)
    loaded.snapshot = await joinObservations(loaded.snapshot, options, ctx);
  return loaded;
}

async function loadDeclared(
  sources: readonly string[],
  options: GraphInputOptions,
  ctx: CliContext,
  config: DepmapConfig | null | undefined,
  allowEmpty: boolean,
): Promise<LoadedGraph> {
  if (options.snapshot && options.snapshot.length > 0) {
    if (sources.length > 0) throw new UsageError('give sources or --snapshot, not both');
    return { snapshot: await readSnapshots(options.snapshot, ctx), fromSnapshot: true };
  }
  config = config === undefined ? await loadConfigFor(options, ctx) : config;
  const specs = sources.length > 0 ? [...sources] : config && config.sources.length > 0 ? config.sources : ['.'];
  const repos = await expandSources(
    specs,
    ctx.cwd,
    ctx.env,
    sources.length === 0 && config ? (spec) => config.sourceAt.get(spec) : undefined,
  );
  const progress = createProgress(ctx.stderr, 'scanning', { quiet: options.quiet, env: ctx.env });
  const scanOptions: Parameters<typeof scanRepos>[1] = {
    cacheDir: options.cacheDir
      ? path.resolve(ctx.cwd, options.cacheDir)
      : (config?.cacheDir ?? defaultCacheDir(ctx.env)),
    concurrency: options.concurrency ?? config?.concurrency ?? 16,
    docker: options.docker ?? config?.docker ?? 'exact',
    env: ctx.env,
    discover: options.discover === true,
    ...((options.composeFile ?? config?.composeFiles)
      ? { composeFiles: options.composeFile ?? config?.composeFiles }
      : {}),
    onProgress: (done, total, repo) => progress.update(done, total, repo.id),
  };
  if (options.shard) scanOptions.shard = parseShard(options.shard);
  let entries;
  try {
    entries = await scanRepos(repos, scanOptions);
  } finally {
    progress.done();
  }
  const result: LoadedGraph = { snapshot: buildSnapshot(entries, GENERATOR), fromSnapshot: false };
  if (config) result.config = config;
  // A whole crawl that maps nothing is a mistake to say, not an empty answer, site or snapshot
  // to publish. A shard may hold only repos without manifests; check says it in its own words.
  if (!options.shard && !allowEmpty) {
    const empty = nothingMapped(result.snapshot, sources);
    if (empty)
      throw new DepmapError(empty, {
        exitCode: EXIT_FINDINGS,
        hint: 'write one with `depmap init <repo>`, or map what the repos already have (compose, Kubernetes, lockfiles) with --discover',
      });
  }
  return result;
}

/** What to say when a crawl found repos and not one manifest in any of them; undefined otherwise. */
function nothingMapped(snapshot: Snapshot, sources: readonly string[]): string | undefined {
  if (snapshot.repos.length === 0 || snapshot.repos.some((r) => r.status !== 'no-manifest' || r.manifests.length > 0))
    return undefined;
  const what =
    snapshot.repos.length === 1
      ? (snapshot.repos[0] as Snapshot['repos'][number]).source
      : `any of the ${snapshot.repos.length} repos of ${sources.length > 0 ? sources.join(', ') : 'the sources'}`;
  return `no depmap.yaml in ${what}: nothing to map`;
}
