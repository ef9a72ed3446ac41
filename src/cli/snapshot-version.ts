/**
 * `--snapshot-version`, on every command that writes a snapshot (scan, merge, at, import): which
 * file version to write. A small module of its own, so a command that writes snapshots does not
 * load another command's code to get it.
 */
import { Option } from 'commander';
import type { SnapshotFileVersion } from '../graph/snapshot.js';

/** `--snapshot-version 2` writes the compact format; 1, the default, diffs line by line (docs/snapshot.md). */
export function snapshotVersionOption(): Option {
  return new Option(
    '--snapshot-version <n>',
    'snapshot file version to write: 1 (every object spelled out, diffs line by line) or 2 (compact, a fifth of the size)',
  )
    .choices(['1', '2'])
    .default('1');
}

export function fileVersion(value: string | undefined): SnapshotFileVersion {
  return value === '2' ? 2 : 1;
}
