/**
 * Refuses a checkout git could hang on or be misled by before any git runs on it: a .git that
 * is, or holds, something other than folders and regular files where git reads (a FIFO, a
 * device), a HEAD that is not a HEAD, odd loose refs.
 */
import { readdirSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { IoError } from '../errors.js';
import { fileKind, FileReadError, megabytes, readOptionalTextSync } from '../io/read-file.js';

/** What the checks saw of the repo's git folder. */
export interface GitFolder {
  /**
   * Whether the clone is shallow (its common git folder holds a `shallow` file, as git itself
   * decides); undefined when no git folder was found here (a bare repo): then ask git.
   */
  shallow?: boolean;
}

/** Fails with an IoError unless `root` is a folder (`shown` is how the user wrote it) whose .git git can read without hanging. */
export async function mustBeFolder(root: string, shown: string): Promise<GitFolder> {
  try {
    if ((await stat(root)).isDirectory()) return checkGitFiles(root, shown);
  } catch (error) {
    if (error instanceof IoError) throw error;
    // reported below
  }
  throw new IoError(`${shown} is not a folder`, { hint: 'give the path of a git checkout' });
}

/** Files of a .git that every git read opens: a FIFO or device there makes git wait forever. */
const GIT_FILES = ['HEAD', 'config', 'commondir', 'packed-refs', 'shallow', 'objects/info/alternates', 'info/grafts'];

/**
 * Refuses a checkout whose .git (found as git finds it, from `root` upwards) is, or holds,
 * something other than folders and regular files where git reads. The watchdog on every
 * git process covers what this cannot foresee (an object file that is a FIFO).
 */
function checkGitFiles(root: string, shown: string): GitFolder {
  const refuse = (where: string, what: string) =>
    new IoError(`${shown}: ${where} is ${what}; depmap does not run git on it`, {
      hint: 'a checkout holds folders and regular files in .git; re-clone the repo',
    });
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    const dotGit = path.join(dir, '.git');
    const info = statSync(dotGit, { throwIfNoEntry: false });
    if (info) {
      let gitDir = dotGit;
      if (!info.isDirectory()) {
        if (!info.isFile()) throw refuse(path.relative(root, dotGit) || '.git', fileKind(info));
        let text: string | undefined;
        try {
          text = readOptionalTextSync(dotGit, 64 * 1024);
        } catch (error) {
          throw refuse('.git', error instanceof FileReadError ? error.detail.replace(/^is /, '') : 'unreadable');
        }
        const match = /^gitdir:\s*(.+)$/m.exec(text ?? '');
        if (!match?.[1]) return {};
        gitDir = path.resolve(dir, match[1].trim());
      }
      const gitInfo = statSync(gitDir, { throwIfNoEntry: false });
      if (!gitInfo?.isDirectory())
        throw refuse(
          `the git folder ${path.relative(root, gitDir) || gitDir} named by .git`,
          gitInfo ? fileKind(gitInfo) : 'missing',
        );
      for (const name of GIT_FILES) {
        const file = statSync(path.join(gitDir, name), { throwIfNoEntry: false });
        if (file && !file.isFile()) throw refuse(path.relative(root, path.join(gitDir, name)) || name, fileKind(file));
      }
      checkHead(path.join(gitDir, 'HEAD'), (what) =>
        refuse(path.relative(root, path.join(gitDir, 'HEAD')) || 'HEAD', what),
      );
      // Loose refs are read by every command that resolves a branch: a FIFO among them hangs git.
      const odd = oddRef(path.join(gitDir, 'refs'));
      if (odd) throw refuse(path.relative(root, odd.path), odd.kind);
      return { shallow: isShallow(gitDir) };
    }
    // A bare repo is found here by git (the folder is itself a git folder): git says whether it is shallow.
    if (['HEAD', 'objects', 'refs'].every((name) => statSync(path.join(dir, name), { throwIfNoEntry: false })))
      return {};
    if (path.dirname(dir) === dir) return {};
  }
}

/** A linked worktree's `shallow` file is its main repo's: git keeps it in the common folder. */
function isShallow(gitDir: string): boolean | undefined {
  let common = gitDir;
  const link = statSync(path.join(gitDir, 'commondir'), { throwIfNoEntry: false });
  if (link) {
    const text = link.isFile() ? readOptionalTextSync(path.join(gitDir, 'commondir'), 4096)?.trim() : undefined;
    if (!text) return undefined;
    common = path.resolve(gitDir, text);
  }
  const file = statSync(path.join(common, 'shallow'), { throwIfNoEntry: false });
  return file !== undefined;
}

/** HEAD is a line: `ref: refs/…` or a commit id. Anything else (a 20 MB file) is not a HEAD git can use. */
function checkHead(file: string, refuse: (what: string) => IoError): void {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info) return;
  if (info.size > 4096) throw refuse(`${megabytes(info.size)}, not a git HEAD`);
  let text = '';
  try {
    text = readOptionalTextSync(file, 4096) ?? '';
  } catch {
    return; // reported by the file-kind check above
  }
  if (!/^(ref: refs\/\S+|[0-9a-f]{40}|[0-9a-f]{64})\s*$/.test(text))
    throw refuse('not a git HEAD (it should be "ref: refs/heads/<branch>" or a commit id)');
}

/** The first entry under refs/ that is neither a folder nor a regular file, with what it is. */
function oddRef(dir: string, budget = { left: 100_000 }): { path: string; kind: string } | undefined {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (--budget.left < 0) return undefined;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = oddRef(full, budget);
      if (found) return found;
    } else if (!entry.isFile()) {
      const info = statSync(full, { throwIfNoEntry: false });
      if (!info || !info.isFile()) return { path: full, kind: info ? fileKind(info) : 'a dangling symlink' };
    }
  }
  return undefined;
}
