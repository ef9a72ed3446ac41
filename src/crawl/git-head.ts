/**
 * The HEAD commit of a checkout, read from .git directly: a scan of 1,000 repos must not
 * start 1,000 git processes just to learn their commit ids. A crawled repo may put a FIFO
 * or a device where git keeps HEAD (or make `.git` a symlink to /dev/zero); every file is
 * read with the non-blocking, size-limited reader, and what is odd is said, not waited on.
 */
import { lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import { FileReadError, fileKind, readOptionalTextSync } from '../io/read-file.js';

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
/** HEAD, a loose ref, commondir, a gitfile: a line. packed-refs: one line per ref. */
const SMALL = 64 * 1024;
const PACKED_REFS = 64 * 1024 * 1024;

export interface GitHead {
  commit?: string;
  /** Why the commit is not known although there is a `.git` (a FIFO for HEAD, …). */
  problem?: string;
}

/** Reads a small git file; odd files (FIFO, device, too large) become a thrown message. */
function readGitFile(file: string, limit = SMALL): string | undefined {
  try {
    return readOptionalTextSync(file, limit);
  } catch (error) {
    if (error instanceof FileReadError) throw new OddGitFile(file, error.detail);
    throw error;
  }
}

class OddGitFile extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file} ${detail}`);
  }
}

function gitDirOf(repo: string): string | undefined {
  const dotGit = path.join(repo, '.git');
  const info = statSync(dotGit, { throwIfNoEntry: false });
  if (!info) {
    if (lstatSync(dotGit, { throwIfNoEntry: false })) throw new OddGitFile(dotGit, 'is a dangling symlink');
    return undefined;
  }
  if (info.isDirectory()) return dotGit;
  if (!info.isFile()) throw new OddGitFile(dotGit, `is ${fileKind(info)}, not a folder or a file`);
  // A worktree or submodule: ".git" is a file "gitdir: <path>".
  const match = /^gitdir:\s*(.+)$/m.exec((readGitFile(dotGit) ?? '').trim());
  return match?.[1] ? path.resolve(repo, match[1]) : undefined;
}

function readRef(gitDir: string, commonDir: string, ref: string, depth = 0): string | undefined {
  if (depth > 5 || ref.includes('..')) return undefined;
  for (const dir of [gitDir, commonDir]) {
    const text = readGitFile(path.join(dir, ref))?.trim();
    if (text === undefined) continue;
    if (SHA.test(text)) return text;
    const symbolic = /^ref:\s*(.+)$/.exec(text);
    if (symbolic?.[1]) return readRef(gitDir, commonDir, symbolic[1], depth + 1);
  }
  const packed = readGitFile(path.join(commonDir, 'packed-refs'), PACKED_REFS);
  for (const line of packed?.split('\n') ?? []) {
    const [sha, name] = line.split(' ');
    if (name === ref && sha && SHA.test(sha)) return sha;
  }
  return undefined;
}

/** HEAD's commit id when `repo` is the root of a git checkout; a problem when its .git is odd. */
export function readGitHead(repo: string): GitHead {
  try {
    const gitDir = gitDirOf(repo);
    if (!gitDir) return {};
    const common = readGitFile(path.join(gitDir, 'commondir'))?.trim();
    const commonDir = common ? path.resolve(gitDir, common) : gitDir;
    const commit = readRef(gitDir, commonDir, 'HEAD');
    return commit ? { commit } : {};
  } catch (error) {
    if (error instanceof OddGitFile) {
      const shown = path.relative(repo, error.file).split(path.sep).join('/') || error.file;
      return { problem: `${shown} ${error.detail}: the commit is not recorded` };
    }
    return {};
  }
}

/** The nearest folder at or above `start` that holds a .git entry, else undefined. */
export async function findRepoRoot(start: string): Promise<string | undefined> {
  for (let dir = path.resolve(start); ;) {
    if (lstatSync(path.join(dir, '.git'), { throwIfNoEntry: false })) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
