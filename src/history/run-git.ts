/**
 * Runs git on a repo's history. Every call is a fixed argument list (never a shell), in the
 * environment and with the `-c` settings of crawl/git-env (prompts, hooks, external diff
 * drivers and textconv filters off), so a hostile repo's config cannot make a read run
 * anything; the watchdog stops a call that stalls.
 */
import { gitEnv, SAFE_CONFIG } from '../crawl/git-env.js';
import { gitReason } from '../crawl/git-reason.js';
import { IoError } from '../errors.js';
import { spawnGit } from './git-runner.js';
import { stalled, stallMs, watchdog } from './git-watchdog.js';

export interface GitCall {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs git and resolves with its stdout; a non-zero exit rejects with its stderr. With
 * `onData`, each piece of stdout goes there as it comes instead (and resolves empty).
 */
export function runGit(args: readonly string[], call: GitCall, onData?: (chunk: Buffer) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawnGit([...SAFE_CONFIG, ...args], { cwd: call.cwd, env: gitEnv(call.env) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const ms = stallMs(call.env);
    let stall: IoError | undefined;
    const dog = watchdog(child, ms, () => (stall = stalled(args, call.cwd, ms)));
    dog.reset();
    child.stdout.on('data', (chunk: Buffer) => {
      dog.reset();
      if (onData) onData(chunk);
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      dog.reset();
      err.push(chunk);
    });
    child.on('error', (error) => {
      dog.stop();
      reject(cannotRunGit(error));
    });
    child.on('close', (code) => {
      dog.stop();
      if (stall) reject(stall);
      else if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitError(args[0] ?? 'git', code ?? -1, Buffer.concat(err).toString('utf8').trim()));
    });
  });
}

export function cannotRunGit(error: Error): IoError {
  return new IoError(`cannot run git: ${error.message}`, { hint: 'install git and put it on PATH' });
}

/** A failed git command, with git's own message. */
export class GitError extends IoError {
  constructor(
    readonly command: string,
    readonly code: number,
    readonly stderr: string,
  ) {
    super(`git ${command} failed: ${stderr.trim() ? gitReason(stderr) : `exit ${code}`}`);
  }
}

/** `error` told the way a user reads it when git failed because `dir` is not a repository. */
export function notARepo(error: unknown, dir: string, hint: string): unknown {
  if (error instanceof GitError && /not a git repository/i.test(error.stderr))
    return new IoError(`${dir} is not a git repository`, { hint });
  return error;
}
