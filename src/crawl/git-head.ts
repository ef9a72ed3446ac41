/**
 * The HEAD commit of a checkout, read from .git directly: a scan of 1,000 repos must not
 * start 1,000 git processes just to learn their commit ids.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

async function gitDirOf(repo: string): Promise<string | undefined> {
  const dotGit = path.join(repo, '.git');
  try {
    const info = statSync(dotGit, { throwIfNoEntry: false });
    if (!info) return undefined;
    if (info.isDirectory()) return dotGit;
    // A worktree or submodule: ".git" is a file "gitdir: <path>".
    const text = (readFileSync(dotGit, 'utf8')).trim();
    const match = /^gitdir:\s*(.+)$/m.exec(text);
    return match?.[1] ? path.resolve(repo, match[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function readRef(gitDir: string, commonDir: string, ref: string, depth = 0): Promise<string | undefined> {
  if (depth > 5) return undefined;
  for (const dir of [gitDir, commonDir]) {
    try {
      const text = (readFileSync(path.join(dir, ref), 'utf8')).trim();
      if (SHA.test(text)) return text;
      const symbolic = /^ref:\s*(.+)$/.exec(text);
      if (symbolic?.[1]) return readRef(gitDir, commonDir, symbolic[1], depth + 1);
    } catch {
      // not a loose ref here
    }
  }
  try {
    const packed = readFileSync(path.join(commonDir, 'packed-refs'), 'utf8');
    for (const line of packed.split('\n')) {
      const [sha, name] = line.split(' ');
      if (name === ref && sha && SHA.test(sha)) return sha;
    }
  } catch {
    // no packed refs
  }
  return undefined;
}

/** HEAD's commit id, or undefined when `repo` is not the root of a git checkout. */
export async function gitHead(repo: string): Promise<string | undefined> {
  const gitDir = await gitDirOf(repo);
  if (!gitDir) return undefined;
  let commonDir = gitDir;
  try {
    const common = (readFileSync(path.join(gitDir, 'commondir'), 'utf8')).trim();
    commonDir = path.resolve(gitDir, common);
  } catch {
    // not a linked worktree
  }
  return readRef(gitDir, commonDir, 'HEAD');
}

/** The nearest folder at or above `start` that holds a .git entry, else undefined. */
export async function findRepoRoot(start: string): Promise<string | undefined> {
  for (let dir = path.resolve(start); ; ) {
    if (statSync(path.join(dir, '.git'), { throwIfNoEntry: false })) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
