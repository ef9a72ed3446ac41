/** A RepoFiles over a folder on disk (tests only: the discovery code itself never touches the disk). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { RepoFiles } from '../../src/discovery/model.js';

export function repoFilesOf(root: string): RepoFiles {
  const paths: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else paths.push(relative(root, full).split('\\').join('/'));
    }
  };
  walk(root);
  paths.sort();
  const known = new Set(paths);
  return {
    paths,
    read: (path) => {
      if (relative(root, resolve(root, path)).startsWith('..')) throw new Error(`asked for ${path}, outside the repo`);
      return known.has(path) ? readFileSync(join(root, path), 'utf8') : undefined;
    },
  };
}

/** A RepoFiles over texts given inline: `{ 'compose.yaml': '...' }`. */
export function repoFiles(texts: Record<string, string>): RepoFiles {
  const paths = Object.keys(texts).sort();
  return {
    paths,
    read: (path) => {
      if (path.startsWith('/') || path.split('/').includes('..'))
        throw new Error(`asked for ${path}, outside the repo`);
      return Object.hasOwn(texts, path) ? texts[path] : undefined;
    },
  };
}

/** The 1-based line of the first line of `files[path]` that contains `needle`; fails the test when none does. */
export function lineOf(files: Record<string, string>, path: string, needle: string, after = ''): number {
  const lines = (files[path] ?? '').split('\n');
  const start = after ? lines.findIndex((l) => l.includes(after)) : 0;
  const index = lines.findIndex((l, i) => i >= start && l.includes(needle));
  if (index < 0 || start < 0) throw new Error(`${path} has no line with ${needle}`);
  return index + 1;
}
