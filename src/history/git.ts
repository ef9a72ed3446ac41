/**
 * The only place depmap runs git on a repo's history. Every call is a fixed argument list
 * (never a shell), with prompts, hooks, external diff drivers and textconv filters off, so
 * a hostile repo's config cannot make a read run anything. Revisions given by users are
 * checked before they reach git.
 */
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { IoError, UsageError } from '../errors.js';

/** What git needs from the environment; the rest (GIT_DIR, GIT_EXTERNAL_DIFF, …) is dropped. */
const KEEP_ENV = ['PATH', 'HOME', 'XDG_CONFIG_HOME', 'LANG', 'LC_ALL', 'TMPDIR', 'SSH_AUTH_SOCK', 'HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'GIT_SSL_CAINFO'];

const SAFE_ENV = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_OPTIONAL_LOCKS: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_ALLOW_PROTOCOL: 'https:http:ssh:git:file',
  GIT_ASKPASS: 'echo',
  SSH_ASKPASS: 'echo',
  GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
  GIT_PAGER: 'cat',
};

/** `-c` settings that keep a read-only git call from running anything the repo configures. */
const SAFE_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'protocol.ext.allow=never', '-c', 'protocol.fd.allow=never', '-c', 'log.showSignature=false'];

export function gitEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const key of KEEP_ENV) if (env[key] !== undefined) out[key] = env[key];
  return { ...out, ...SAFE_ENV };
}

export const HISTORY_HINT = 'fetch more history: `git fetch --unshallow`, or in GitHub Actions actions/checkout with fetch-depth: 0';

/**
 * Refuses revisions that could be read as options or break line-based protocols. Anything
 * else is left to git to resolve (branches, tags, `HEAD~3`, `origin/main`, sha prefixes).
 */
export function checkRevision(rev: string): void {
  if (rev.length === 0) throw new UsageError('empty revision');
  if (rev.startsWith('-')) throw new UsageError(`refusing revision "${rev}": it starts with "-" and would be read as an option`);
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(rev) || rev.length > 1000) throw new UsageError(`refusing revision ${JSON.stringify(rev)}: control characters or too long`);
}

export interface GitCall {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs git and resolves with its stdout; a non-zero exit rejects with its stderr. */
export function runGit(args: readonly string[], call: GitCall): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...SAFE_CONFIG, ...args], { cwd: call.cwd, env: gitEnv(call.env), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(cannotRunGit(error)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitError(args[0] ?? 'git', code ?? -1, Buffer.concat(err).toString('utf8').trim()));
    });
  });
}

function cannotRunGit(error: Error): IoError {
  return new IoError(`cannot run git: ${error.message}`, { hint: 'install git and put it on PATH' });
}

/** A failed git command, with git's own message. */
export class GitError extends IoError {
  constructor(
    readonly command: string,
    readonly code: number,
    readonly stderr: string,
  ) {
    super(`git ${command} failed: ${stderr.split('\n').filter(Boolean).slice(-2).join(' ') || `exit ${code}`}`);
  }
}

export interface GitObject {
  /** The name asked for. */
  name: string;
  /** Object id; undefined when missing. */
  oid?: string;
  type?: string;
  data?: Buffer;
}

interface Pending {
  names: string[];
  results: GitObject[];
  resolve(objects: GitObject[]): void;
  reject(error: Error): void;
}

/**
 * One `git cat-file --batch` process for a whole read: requests are written in bulk and the
 * answers parsed as they stream back, so N blobs cost one process and no round trip each.
 */
export class CatFile {
  private readonly child;
  private readonly queue: Pending[] = [];
  private chunks: Buffer[] = [];
  private length = 0;
  /** Bytes needed before the next answer can be parsed. */
  private need = 0;
  private failure: Error | undefined;
  private closed = false;

  constructor(call: GitCall) {
    this.child = spawn('git', [...SAFE_CONFIG, 'cat-file', '--batch'], { cwd: call.cwd, env: gitEnv(call.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    this.child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stdin.on('error', () => {
      // Reported through 'close' below with git's stderr.
    });
    this.child.on('error', (error) => this.fail(cannotRunGit(error)));
    this.child.on('close', (code) => {
      if (this.queue.length > 0 || !this.closed) {
        this.fail(new GitError('cat-file', code ?? -1, stderr.trim() || 'exited early'));
      }
    });
  }

  /** Objects by name (an id, or any revision expression such as `v1^{commit}`), in order. */
  get(names: readonly string[]): Promise<GitObject[]> {
    if (names.length === 0) return Promise.resolve([]);
    if (this.failure) return Promise.reject(this.failure);
    for (const name of names) {
      if (/[\n\r\0]/.test(name)) return Promise.reject(new UsageError(`refusing object name ${JSON.stringify(name)}`));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ names: [...names], results: [], resolve, reject });
      this.child.stdin.write(`${names.join('\n')}\n`);
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.child.stdin.end();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const pending of this.queue.splice(0)) pending.reject(error);
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    // A large blob arrives in many chunks: join them once it is complete, not per chunk.
    if (this.length < this.need) return;
    let buffer = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.length);
    let offset = 0;
    this.need = 0;
    for (;;) {
      const pending = this.queue[0];
      if (!pending) break;
      const newline = buffer.indexOf(10, offset);
      if (newline < 0) break;
      const header = buffer.toString('utf8', offset, newline);
      const name = pending.names[pending.results.length] as string;
      const parts = header.split(' ');
      if (parts.length === 3 && /^[0-9a-f]{40,64}$/.test(parts[0] as string)) {
        const size = Number(parts[2]);
        const end = newline + 1 + size + 1;
        if (buffer.length < end) {
          this.need = end - offset;
          break;
        }
        const data = Buffer.from(buffer.subarray(newline + 1, newline + 1 + size));
        pending.results.push({ name, oid: parts[0] as string, type: parts[1] as string, data });
        offset = end;
      } else {
        // "<name> missing" or "<name> ambiguous"
        pending.results.push({ name });
        offset = newline + 1;
      }
      if (pending.results.length === pending.names.length) {
        this.queue.shift();
        pending.resolve(pending.results);
      }
    }
    buffer = buffer.subarray(offset);
    this.chunks = buffer.length > 0 ? [buffer] : [];
    this.length = buffer.length;
  }
}

/**
 * Resolves a user's revision to a commit id through an open cat-file, or throws with a hint.
 * `call` lets a failure tell a repo without commits from a name that is not there.
 */
export async function resolveCommit(cat: CatFile, rev: string, where: string, call?: GitCall): Promise<string> {
  checkRevision(rev);
  const [found] = await cat.get([`${rev}^{commit}`]);
  if (found?.oid) return found.oid;
  if (call && !(await hasCommits(cat, call))) {
    throw new IoError(`${where} has no commits yet, so it has no revision "${rev}"`, { hint: 'commit a depmap.yaml first, or give another repo' });
  }
  throw new IoError(`unknown revision "${rev}" in ${where}`, {
    hint: `check the name; in a shallow or single-branch clone, ${HISTORY_HINT}`,
  });
}

/** False for a fresh `git init`: HEAD is unborn and no branch or tag points anywhere. */
async function hasCommits(cat: CatFile, call: GitCall): Promise<boolean> {
  const [head] = await cat.get(['HEAD^{commit}']);
  if (head?.oid) return true;
  const refs = await runGit(['for-each-ref', '--count=1', '--format=%(objectname)'], call).catch(() => Buffer.alloc(0));
  return refs.toString('utf8').trim() !== '';
}

/** True when `rev` names a commit in the repo at `dir`; false outside a repo or for anything else. */
export async function isRevision(dir: string, rev: string, env?: NodeJS.ProcessEnv): Promise<boolean> {
  try {
    checkRevision(rev);
  } catch {
    return false;
  }
  const cat = new CatFile(env ? { cwd: dir, env } : { cwd: dir });
  try {
    const [found] = await cat.get([`${rev}^{commit}`]);
    return found?.oid !== undefined;
  } catch {
    return false;
  } finally {
    cat.close();
  }
}

/** Fails with an IoError unless `root` is a folder (`shown` is how the user wrote it). */
export async function mustBeFolder(root: string, shown: string): Promise<void> {
  try {
    if ((await stat(root)).isDirectory()) return;
  } catch {
    // reported below
  }
  throw new IoError(`${shown} is not a folder`, { hint: 'give the path of a git checkout' });
}

/** `error` told the way a user reads it when git failed because `dir` is not a repository. */
export function notARepo(error: unknown, dir: string, hint: string): unknown {
  if (error instanceof GitError && /not a git repository/i.test(error.stderr)) return new IoError(`${dir} is not a git repository`, { hint });
  return error;
}
