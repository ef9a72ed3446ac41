/**
 * A repo's main line, oldest first, with every file each commit changed: one
 * `git log --first-parent --raw` for the whole history. A merge is shown as its diff
 * against its first parent, so the main line's file states follow from the diffs alone.
 */
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
 */
export async function readLog(commit: string, call: GitCall, paths: readonly string[] = []): Promise<LogCommit[]> {
  const args = [
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
  return parseLog((await runGit(args, call)).toString('utf8'));
}

function parseLog(text: string): LogCommit[] {
  const commits: LogCommit[] = [];
  let pos = 0;
  const field = () => {
    const end = text.indexOf('\0', pos);
    const value = text.slice(pos, end < 0 ? text.length : end);
    pos = end < 0 ? text.length : end + 1;
    return value;
  };
  while (pos < text.length) {
    if (text.charCodeAt(pos) !== 1) {
      pos++;
      continue;
    }
    pos++;
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
      const [, mode, , newOid, status] = meta.slice(1).split(' ');
      if (mode && newOid && status) entry.changes.push({ path, status: status.charAt(0), mode, oid: newOid });
    }
    commits.push(entry);
  }
  return commits.reverse();
}
