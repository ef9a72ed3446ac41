/**
 * A manifest edited while the lockfile beside it was not: the ranges a commit wrote into
 * package.json, pyproject.toml or Cargo.toml that the versions its lockfile still holds do not
 * satisfy. The lockfile is what gets installed, so the libraries stay as it says; this is the
 * warning that says they drifted (`timeline --discover`). Pure: libraries in, warnings out.
 */
import { libraryKey } from './drift.js';
import { rangeSatisfies } from './range-satisfies.js';
import type { ImportedLibrary } from './types.js';

export interface StaleLockInput {
  /** The manifest and its lockfile, repo-relative. */
  manifest: string;
  lock: string;
  /** The manifest's direct libraries before and after the commit, ranges as written. */
  before: readonly ImportedLibrary[];
  after: readonly ImportedLibrary[];
  /** What the lockfile resolves, transitive entries included (marked). */
  locked: readonly ImportedLibrary[];
}

export interface StaleLockWarning {
  file: string;
  message: string;
}

export function staleLock(input: StaleLockInput): StaleLockWarning[] {
  const ranges = (libs: readonly ImportedLibrary[]) => {
    const out = new Map<string, ImportedLibrary>();
    for (const l of libs) if (!out.has(libraryKey(l.ecosystem, l.name))) out.set(libraryKey(l.ecosystem, l.name), l);
    return out;
  };
  const before = ranges(input.before);
  const after = ranges(input.after);
  const locked = new Map<string, { direct: string[]; transitive: string[] }>();
  for (const l of input.locked) {
    if (l.version === undefined) continue;
    const key = libraryKey(l.ecosystem, l.name);
    const entry = locked.get(key) ?? { direct: [], transitive: [] };
    (l.transitive ? entry.transitive : entry.direct).push(l.version);
    locked.set(key, entry);
  }
  const warnings: StaleLockWarning[] = [];
  const warn = (message: string) => warnings.push({ file: input.manifest, message });
  for (const [key, lib] of after) {
    const range = lib.version ?? '';
    if (before.has(key) && (before.get(key)?.version ?? '') === range) continue;
    const entry = locked.get(key);
    const versions = entry ? (entry.direct.length > 0 ? entry.direct : entry.transitive) : [];
    if (versions.length === 0) {
      warn(
        `${lib.name} ${range || '(any version)'} is declared but ${input.lock} does not lock it: the lockfile was not updated`,
      );
      continue;
    }
    const verdicts = versions.map((v) => rangeSatisfies(lib.ecosystem, range, v));
    if (verdicts.some((v) => v !== false)) continue;
    warn(
      `${lib.name} ${range} is not satisfied by ${versions.join(', ')} in ${input.lock}: the lockfile was not updated`,
    );
  }
  for (const [key, lib] of before) {
    if (after.has(key) || !locked.get(key)?.direct.length) continue;
    warn(
      `${lib.name} was removed but ${input.lock} still locks it as a direct dependency: the lockfile was not updated`,
    );
  }
  return warnings;
}
