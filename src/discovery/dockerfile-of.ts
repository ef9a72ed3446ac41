/**
 * Which Dockerfile builds a workload's image: the one its build names, else the `Dockerfile`
 * at the root of its build context, as `docker build` looks for it. Only files the repo
 * holds count: a Dockerfile that is not there says nothing.
 */
import { inDir } from '../util/paths.js';
import type { BuildRef, RepoFiles } from './model.js';

const pathSets = new WeakMap<readonly string[], ReadonlySet<string>>();

export function hasPath(files: RepoFiles, path: string): boolean {
  let set = pathSets.get(files.paths);
  if (!set) {
    set = new Set(files.paths);
    pathSets.set(files.paths, set);
  }
  return set.has(path);
}

export function dockerfileOf(build: BuildRef, files: RepoFiles): string | undefined {
  if (build.dockerfile !== undefined) return hasPath(files, build.dockerfile) ? build.dockerfile : undefined;
  // `docker build` falls back to a lower-case `dockerfile` when there is no `Dockerfile`.
  return ['Dockerfile', 'dockerfile'].map((name) => inDir(build.context, name)).find((path) => hasPath(files, path));
}
