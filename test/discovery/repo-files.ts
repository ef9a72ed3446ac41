/** A repo as the discovery loaders see it, built from file texts written in a test. */
import type { RepoFiles } from '../../src/discovery/model.js';

export function repoFiles(files: Record<string, string>): RepoFiles {
  const paths = Object.keys(files).sort();
  return { paths, read: (path) => (Object.hasOwn(files, path) ? files[path] : undefined) };
}

/** The 1-based line of the first line of `files[path]` that contains `needle`; fails the test when none does. */
export function lineOf(files: Record<string, string>, path: string, needle: string, after = ''): number {
  const lines = (files[path] ?? '').split('\n');
  const start = after ? lines.findIndex((l) => l.includes(after)) : 0;
  const index = lines.findIndex((l, i) => i >= start && l.includes(needle));
  if (index < 0 || start < 0) throw new Error(`${path} has no line with ${needle}`);
  return index + 1;
}
