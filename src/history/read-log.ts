/**
 * A repo's main line, oldest first, with every file each commit changed: one
 * `git log --first-parent --raw` for the whole history. A merge is shown as its diff
 * against its first parent, so the main line's file states follow from the diffs alone.
 */
import { StringDecoder } from 'node:string_decoder';
import { runGit, type GitCall } from './run-git.js';

interface FileChange {
  path: string;
  /** 'A' added, 'M' modified, 'D' deleted, 'T' type changed. */
  status: string;
  /** Mode and blob after the change ('000000' and zeros when deleted). */
  mode: string;
  oid: string;
}

export interface LogCommit {
  oid: string;
  parents: string[];
  author: string;
  email: string;
  authorDate: string;
  /** Committer date: what "the org at a date" and the timeline go by. */
  date: string;
  /** Committer date in ms since the epoch. */
  time: number;
  subject: string;
  changes: FileChange[];
}

const FIELDS = ['%H', '%P', '%an', '%ae', '%aI', '%cI', '%ct', '%s'];

/**
 * `commit` must be a resolved commit id. `paths` limits the diffs (and so the commits
 * listed) to pathspecs; without it every change is listed. Paths are relative to the folder
 * the call runs in, changes outside it are left out, like a crawl of that folder.
 *
 * `onCommits` is given the commits as git streams them (newest first), a batch per piece of
 * output, while the log still runs: a caller can ask for their blobs before it ends.
 */
export async function readLog(
  commit: string,
  call: GitCall,
  paths: readonly string[] = [],
  onCommits?: (commits: readonly LogCommit[]) => void,
): Promise<LogCommit[]> {
  const parser = new LogParser();
  const decoder = new StringDecoder('utf8');
  await runGit(logArgs(commit, paths), call, (chunk) => {
    const batch = parser.push(decoder.write(chunk));
    if (batch.length > 0) onCommits?.(batch);
  });
  const last = parser.push(decoder.end(), true);
  if (last.length > 0) onCommits?.(last);
  return parser.commits.reverse();
}

/** The arguments of the log readLog reads. */
export function logArgs(commit: string, paths: readonly string[]): string[] {
  return [
    'log',
    '--first-parent',
    '--diff-merges=first-parent',
    '--raw',
    '-z',
    '--no-abbrev',
    '--no-renames',
    '--no-ext-diff',
    '--no-textconv',
    '--relative',
    '--no-color',
    '--no-mailmap',
    `--format=%x01${FIELDS.join('%x00')}`,
    '--end-of-options',
    commit,
    '--',
    ...paths,
  ];
}

/** Where a record could not be read to its end: more output is needed. */
const INCOMPLETE = -1;

/**
 * Parses `git log -z --raw` output as it comes: records are taken once the text after them
 * shows they are whole (the next record has begun, or the output ended).
 */
export class LogParser {
  readonly commits: LogCommit[] = [];
  /** Times the text held was read for records: a few per record however it is cut. */
  reads = 0;
  /** Text not taken yet (the start of a record), in the pieces it came in. */
  private pieces: string[] = [];
  private held = 0;
  /** Held text is read again only from this length on. */
  private readAt = 0;

  /** Adds text; returns the commits it completed. `final`: the output ended. */
  push(more: string, final = false): LogCommit[] {
    if (more.length > 0) {
      this.pieces.push(more);
      this.held += more.length;
    }
    if (!final && this.held < this.readAt) return [];
    this.reads++;
    const text = this.pieces.length === 1 ? (this.pieces[0] as string) : this.pieces.join('');
    const before = this.commits.length;
    let pos = 0;
    while (pos < text.length) {
      if (text.charCodeAt(pos) !== 1) {
        pos++;
        continue;
      }
      const end = this.record(text, pos + 1, final);
      if (end === INCOMPLETE) break;
      pos = end;
    }
    const rest = text.slice(pos);
    this.pieces = rest.length > 0 ? [rest] : [];
    this.held = rest.length;
    // A record that is not whole yet is read again once as much again has come: a commit of
    // a million files arriving in 64 KB pieces is read a few dozen times, not once a piece.
    this.readAt = 2 * rest.length;
    return this.commits.slice(before);
  }

  /** Reads the record starting at `start` (after its \x01); returns where it ends, or INCOMPLETE. */
  private record(text: string, start: number, final: boolean): number {
    let pos = start;
    let short = false;
    const field = () => {
      const end = text.indexOf('\0', pos);
      if (end < 0 && !final) short = true;
      const value = text.slice(pos, end < 0 ? text.length : end);
      pos = end < 0 ? text.length : end + 1;
      return value;
    };
    const [oid, parents, author, email, authorDate, date, time, subject] = FIELDS.map(field) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (short) return INCOMPLETE;
    const entry: LogCommit = {
      oid,
      parents: parents ? parents.split(' ') : [],
      author,
      email,
      authorDate,
      date,
      time: Number(time) * 1000,
      subject,
      changes: [],
    };
    if (text.charCodeAt(pos) === 10) pos++;
    // ":<old mode> <new mode> <old oid> <new oid> <status>\0<path>\0"
    while (text.charCodeAt(pos) === 58) {
      const meta = field();
      const path = field();
      if (short) return INCOMPLETE;
      const [, mode, , newOid, status] = meta.slice(1).split(' ');
      if (mode && newOid && status) entry.changes.push({ path, status: status.charAt(0), mode, oid: newOid });
    }
    // Whole only when something follows it (the next record) or nothing more will.
    if (pos >= text.length && !final) return INCOMPLETE;
    this.commits.push(entry);
    return pos;
  }
}
