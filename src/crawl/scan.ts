/**
 * The crawl: sources → repos on disk (cloned into the cache when they are URLs) → one
 * RepoEntry each. Repos are read concurrently with a bound; a repo that fails is reported
 * in its entry and the others are still read.
 */
import os from 'node:os';
import path from 'node:path';
import { errorMessage, isDepmapError } from '../errors.js';
import type { DockerPinLevel } from '../manifest/types.js';
import type { RepoEntry } from '../graph/types.js';
import { mapLimit } from './map-limit.js';
import { readOnWorkers, workerCount } from './parallel-read.js';
import type { ReadRepoOptions } from './read-repo.js';
import { inShard, type RepoSource, type Shard } from './sources.js';

export interface ScanOptions {
  cacheDir?: string;
  concurrency?: number;
  docker?: DockerPinLevel;
  shard?: Shard;
  /** Map repos without a manifest from what they have (`scan --discover`). */
  discover?: boolean;
  /** With discover: compose files outside the default project to read (repo-relative). */
  composeFiles?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Called after each repo, for a progress display. */
  onProgress?: (done: number, total: number, repo: RepoEntry) => void;
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'depmap', 'repos');
}

/**
 * The manifest reader (YAML, zod, pin rules, importers) is loaded only when this thread
 * reads repos itself: with workers, the main thread starts them sooner without it.
 */
const loadReader = async () => (await import('./read-repo.js')).readRepo;

export async function scanRepos(sources: readonly RepoSource[], options: ScanOptions = {}): Promise<RepoEntry[]> {
  const selected = options.shard ? sources.filter((s) => inShard(s.id, options.shard as Shard)) : [...sources];
  const cacheDir = options.cacheDir ?? defaultCacheDir(options.env);
  const localLimit = options.concurrency ?? 16;
  let done = 0;
  // A local repo is shown by the path the user gave; a cloned one by its id, with its ref.
  const readOptions = (source: RepoSource): ReadRepoOptions => {
    const read: ReadRepoOptions = {
      id: source.id,
      source: source.display,
      displayRoot: source.type === 'local' ? source.display : source.id,
      docker: options.docker ?? 'exact',
      discover: options.discover === true,
      ...(options.composeFiles ? { composeFiles: options.composeFiles } : {}),
    };
    if (source.type === 'git' && source.git.ref) read.ref = source.git.ref;
    return read;
  };
  // Clones are network- and process-bound; reading local folders is cheap. Bound them apart.
  const gitLimit = Math.max(1, Math.min(localLimit, 4));
  const readOne = async (source: RepoSource): Promise<RepoEntry> => {
    let entry: RepoEntry;
    if (source.type === 'local') {
      entry = await (await loadReader())(source.path, readOptions(source));
    } else {
      try {
        // simple-git loads only when a source is a git URL.
        const { cloneOrUpdate } = await import('./clone.js');
        const dir = await cloneOrUpdate(source.git, cacheDir, options.env);
        entry = await (await loadReader())(dir, readOptions(source));
      } catch (error) {
        entry = {
          id: source.id,
          source: source.display,
          manifests: [],
          // No line of any file: line 0 says so, and reports print the URL alone.
          problems: [
            {
              severity: 'error',
              code: 'clone-failed',
              file: source.display,
              line: 0,
              col: 0,
              path: '',
              message: isDepmapError(error) ? error.message : errorMessage(error),
              ...(isDepmapError(error) && error.hint ? { hint: error.hint } : {}),
            },
          ],
          status: 'failed',
        };
      }
    }
    options.onProgress?.(++done, selected.length, entry);
    return entry;
  };
  const local = selected.filter((s) => s.type === 'local');
  const remote = selected.filter((s) => s.type === 'git');
  const workers = workerCount(local.length, options.env);
  const readLocal =
    workers > 0
      ? readOnWorkers(
          local.map((source) => ({ path: source.path, options: readOptions(source) })),
          workers,
          (entry) => options.onProgress?.(++done, selected.length, entry),
        )
      : mapLimit(local, localLimit, readOne);
  const [a, b] = await Promise.all([readLocal, mapLimit(remote, gitLimit, readOne)]);
  return [...a, ...b].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
