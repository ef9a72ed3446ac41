/**
 * Results of a pure function of a repo's files, kept by what it read. A history walk maps tree
 * after tree of one repo; most steps of discovery read a few files of it (the compose files,
 * a Dockerfile, a module's config) and the list of paths. Such a result holds for any tree with
 * the same paths and the same versions of the files it read, so it is computed again only when
 * one of those changed, and a tree that comes back (an image tag moved back and forth) finds
 * its result again.
 */
import type { RepoFiles } from './model.js';

interface Group<T> {
  /** The files read, sorted. */
  reads: string[];
  /** By the caller's key and the versions of `reads`. */
  results: Map<string, T>;
}

export class ReadMemo<T> {
  private paths: readonly string[] | undefined;
  /** By the list of files read: most steps read the same files whatever their versions. */
  private readonly groups = new Map<string, Group<T>>();
  private size = 0;
  /** The last result given, and the versions of what it read then: most steps of a walk change none of them. */
  private last: { key: string; reads: string[]; versions: (string | undefined)[]; value: T } | undefined;

  /**
   * `limit`: results kept for one list of paths; past it, all are let go (memory stays bounded).
   * `ignore`: files whose reads do not count (see DiscoveryCache).
   */
  constructor(
    private readonly limit = 256,
    private readonly ignore?: (path: string) => boolean,
  ) {}

  /**
   * `compute(files)` for these files, or the result it gave for files with the same paths and
   * versions of what it read. `key` names the other inputs (the same key: the same inputs).
   * Without `files.version` nothing is kept.
   */
  get(files: RepoFiles, key: string, compute: (files: RepoFiles) => T): T {
    const version = files.version?.bind(files);
    if (!version) return compute(files);
    // The list of paths is compared as one object: the walk makes a new one when a path comes or goes.
    if (files.paths !== this.paths) this.clear(files.paths);
    const last = this.last;
    if (last?.key === key && last.reads.every((path, i) => version(path) === last.versions[i])) return last.value;
    for (const group of this.groups.values()) {
      const hit = group.results.get(versionsKey(key, group.reads, version));
      if (hit !== undefined) return this.remember(key, group.reads, version, hit);
    }
    const reads = new Set<string>();
    const tracked: RepoFiles = {
      paths: files.paths,
      read: (path) => {
        reads.add(path);
        return files.read(path);
      },
      version,
    };
    const value = compute(tracked);
    const ignore = this.ignore;
    const list = [...reads].filter((path) => !ignore?.(path)).sort();
    const id = list.join('\0');
    if (this.size >= this.limit) this.clear(files.paths);
    let group = this.groups.get(id);
    if (!group) {
      group = { reads: list, results: new Map() };
      this.groups.set(id, group);
    }
    group.results.set(versionsKey(key, list, version), value);
    this.size++;
    return this.remember(key, list, version, value);
  }

  private remember(key: string, reads: string[], version: (path: string) => string | undefined, value: T): T {
    this.last = { key, reads, versions: reads.map(version), value };
    return value;
  }

  private clear(paths: readonly string[]): void {
    this.paths = paths;
    this.last = undefined;
    this.groups.clear();
    this.size = 0;
  }
}

function versionsKey(key: string, reads: readonly string[], version: (path: string) => string | undefined): string {
  let out = key;
  for (const path of reads) out += `\0${version(path) ?? ''}`;
  return out;
}
