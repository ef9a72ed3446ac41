/**
 * How a version moved: up or down, and by how much (major/minor/patch) when both sides are
 * semantic versions; dated API versions (2024-06-20) compare as dates; anything else
 * (digests, branch names) is just "changed".
 */
import semver from 'semver';
import { parseImageReference } from '../manifest/image-reference.js';
import { readVersion } from './read-version.js';

type Direction = 'upgrade' | 'downgrade' | 'changed';
type Size = 'major' | 'minor' | 'patch' | 'prerelease' | 'build';

export interface VersionMove {
  from?: string;
  to?: string;
  direction: Direction;
  size?: Size;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** One to three plain numbers: read as semver reads them (missing parts are zeros), without its parser. */
const PLAIN = /^(0|[1-9]\d{0,14})(?:\.(0|[1-9]\d{0,14}))?(?:\.(0|[1-9]\d{0,14}))?$/;

export function classifyVersions(from: string | undefined, to: string | undefined): VersionMove {
  const move: VersionMove = { direction: 'changed' };
  if (from !== undefined) move.from = from;
  if (to !== undefined) move.to = to;
  if (from === undefined || to === undefined) return move;
  if (DATE.test(from) && DATE.test(to)) {
    if (from !== to) move.direction = from < to ? 'upgrade' : 'downgrade';
    return move;
  }
  const x = PLAIN.exec(from);
  const y = x ? PLAIN.exec(to) : null;
  if (x && y) {
    // The common case (4.19.2 → 4.19.3, 16.3 → 16.4), many times in a long history: plain numbers.
    const sizes: Size[] = ['major', 'minor', 'patch'];
    for (let i = 1; i <= 3; i++) {
      const p = Number(x[i] ?? 0);
      const q = Number(y[i] ?? 0);
      if (p === q) continue;
      move.direction = p < q ? 'upgrade' : 'downgrade';
      move.size = sizes[i - 1] as Size;
      return move;
    }
    return move;
  }
  const a = readVersion(from);
  const b = readVersion(to);
  if (a && b) {
    const order = semver.compare(a, b);
    if (order === 0) {
      if (a.build.join('.') !== b.build.join('.')) move.size = 'build';
      return move;
    }
    move.direction = order < 0 ? 'upgrade' : 'downgrade';
    if (a.major !== b.major) move.size = 'major';
    else if (a.minor !== b.minor) move.size = 'minor';
    else if (a.patch !== b.patch) move.size = 'patch';
    else move.size = 'prerelease';
    return move;
  }
  return move;
}

/** "4.19.2 → 5.0.0 (major upgrade)" */
export function describeMove(move: VersionMove): string {
  const arrow = `${move.from ?? '(none)'} → ${move.to ?? '(none)'}`;
  if (move.direction === 'changed') return move.size ? `${arrow} (${move.size})` : arrow;
  return `${arrow} (${move.size ? `${move.size} ` : ''}${move.direction})`;
}

/** Image moves are judged on their tags when the repository stays the same. */
export function classifyImages(from: string | undefined, to: string | undefined): VersionMove {
  if (from === undefined || to === undefined) return classifyVersions(from, to);
  const a = parseImageReference(from);
  const b = parseImageReference(to);
  const move: VersionMove = { from, to, direction: 'changed' };
  if (a.name !== b.name || a.tag === undefined || b.tag === undefined || a.tag === b.tag) return move;
  const tags = classifyVersions(a.tag, b.tag);
  move.direction = tags.direction;
  if (tags.size) move.size = tags.size;
  return move;
}
