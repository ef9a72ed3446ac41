/**
 * The manifest paths of a walk by the component they declare and by the files they read, kept
 * up to date as paths change, so a commit finds what it affects without a scan of every path.
 */
import type { PathState } from './path-state.js';

const NONE: ReadonlySet<string> = new Set();

export class PathIndex {
  private readonly byName = new Map<string, Set<string>>();
  private readonly dependents = new Map<string, Set<string>>();

  /** The paths declaring component `name`. */
  named(name: string): ReadonlySet<string> {
    return this.byName.get(name) ?? NONE;
  }

  /** The manifest paths that read `file`. */
  readers(file: string): ReadonlySet<string> {
    return this.dependents.get(file) ?? NONE;
  }

  add(p: string, s: PathState | undefined): void {
    this.update(p, s, true);
  }

  remove(p: string, s: PathState | undefined): void {
    this.update(p, s, false);
  }

  private update(p: string, s: PathState | undefined, add: boolean): void {
    if (!s) return;
    if (s.manifest) toggle(this.byName, s.manifest.name, p, add);
    for (const dep of s.deps) toggle(this.dependents, dep, p, add);
  }
}

function toggle(index: Map<string, Set<string>>, key: string, p: string, add: boolean): void {
  const set = index.get(key) ?? new Set<string>();
  if (add) set.add(p);
  else set.delete(p);
  if (set.size > 0) index.set(key, set);
  else index.delete(key);
}
