/** Repo-relative, `/`-separated paths, without touching the disk. */

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Joins and normalizes `.` and `..`; returns undefined when the result would leave the repo. */
export function joinPath(dir: string, relative: string): string | undefined {
  const parts: string[] = [];
  const input = relative.startsWith('/') ? relative.slice(1) : `${dir}/${relative}`;
  for (const part of input.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join('/');
}

/** `dir` and each of its ancestors up to the repo root, nearest first. */
export function ancestors(dir: string): string[] {
  const result: string[] = [];
  let current = dir;
  for (;;) {
    result.push(current);
    if (current === '') return result;
    current = dirname(current);
  }
}

/** Path of `name` inside `dir`. */
export function inDir(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** `to` as seen from the folder `fromDir`: `relativePath('services/a', 'package-lock.json')` → `../../package-lock.json`. */
export function relativePath(fromDir: string, to: string): string {
  const from = fromDir === '' ? [] : fromDir.split('/');
  const target = to.split('/');
  let common = 0;
  while (common < from.length && common < target.length - 1 && from[common] === target[common]) common++;
  return [...from.slice(common).map(() => '..'), ...target.slice(common)].join('/');
}
