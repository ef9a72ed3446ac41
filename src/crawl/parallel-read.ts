/**
 * Reads local repos on worker threads when it pays: many repos and more than one core. Falls
 * back to the calling thread when workers are off (DEPMAP_WORKERS=0), when the compiled
 * worker is not there (tests run the TypeScript sources), or for small crawls.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RepoEntry } from '../graph/types.js';
import type { ReadRepoOptions } from './read-repo.js';
import type { WorkerTask } from './scan-worker.js';

/** Below this many repos a crawl is over before workers have loaded their modules. */
const MIN_REPOS = 48;
/** Below this many cores the threads compete with the main thread instead of helping it. */
const MIN_CORES = 4;

const workerUrl = new URL('./scan-worker.js', import.meta.url);

/** How many workers to use for `count` repos: 0 means read on this thread. */
export function workerCount(count: number, env: NodeJS.ProcessEnv = process.env): number {
  const forced = env.DEPMAP_WORKERS;
  if (forced !== undefined && forced !== '') {
    const n = Number(forced);
    return Number.isInteger(n) && n >= 0 ? Math.min(n, count) : 0;
  }
  if (!existsSync(fileURLToPath(workerUrl))) return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  // Measured on 2 cores with the fast manifest read (1,000 repos): workers took 1.3x the CPU and
  // 1.3x the wall of one thread, since the main thread's own work (graph, snapshot) needs the
  // second core. So only from 4 cores, leaving the main thread one.
  if (count < MIN_REPOS || cores < MIN_CORES) return 0;
  return Math.min(cores - 1, 8, Math.ceil(count / 24));
}

/**
 * Reads every repo of `jobs` on `workers` threads (interleaved, so big and small repos are
 * spread out) and calls `onEntry` as each one arrives. Results keep the order of `jobs`.
 */
export async function readOnWorkers(
  jobs: readonly { path: string; options: ReadRepoOptions }[],
  workers: number,
  onEntry: (entry: RepoEntry) => void,
): Promise<RepoEntry[]> {
  const results = new Array<RepoEntry>(jobs.length);
  const slices: WorkerTask[][] = Array.from({ length: workers }, () => []);
  jobs.forEach((job, index) => slices[index % workers]?.push({ index, path: job.path, options: job.options }));
  await Promise.all(
    slices.map(
      (tasks) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(workerUrl, { workerData: { tasks } });
          let received = 0;
          worker.on('message', (message: { index: number; entry: RepoEntry }) => {
            results[message.index] = message.entry;
            received++;
            onEntry(message.entry);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (received === tasks.length) resolve();
            else reject(new Error(`a crawl worker stopped (exit ${code}) after ${received} of ${tasks.length} repos`));
          });
        }),
    ),
  );
  return results;
}
