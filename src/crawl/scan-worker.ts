/**
 * A worker thread of the crawl: reads the local repos it is given and posts each RepoEntry
 * back as soon as it is read. Parsing YAML is CPU-bound, so a 1,000-repo crawl runs on every
 * core instead of one (see parallel-read.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readRepo, type ReadRepoOptions } from './read-repo.js';

export interface WorkerTask {
  index: number;
  path: string;
  options: ReadRepoOptions;
}

const tasks = (workerData as { tasks: WorkerTask[] }).tasks;
for (const task of tasks) {
  const entry = await readRepo(task.path, task.options);
  parentPort?.postMessage({ index: task.index, entry });
}
