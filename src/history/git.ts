/**
 * The only place depmap runs git on a repo's history. Every call is a fixed argument list
 * (never a shell), with prompts, hooks, external diff drivers and textconv filters off, so
 * a hostile repo's config cannot make a read run anything. Revisions given by users are
 * checked before they reach git.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { gitReason } from '../crawl/git-reason.js';
import { IoError, UsageError } from '../errors.js';
import { fileKind, FileReadError, megabytes, readOptionalTextSync } from '../io/read-file.js';

/** What git needs from the environment; the rest (GIT_DIR, GIT_EXTERNAL_DIFF, …) is dropped. */
const KEEP_ENV = [
  'PATH',
  'HOME',
  'XDG_CONFIG_HOME',
  'LANG',
  'LC_ALL',
  'TMPDIR',
  'SSH_AUTH_SOCK',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'GIT_SSL_CAINFO',
];

const SAFE_ENV = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_OPTIONAL_LOCKS: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_ALLOW_PROTOCOL: 'https:http:ssh:git:file',
  GIT_ASKPASS: 'echo',
  SSH_ASKPASS: 'echo',
  GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
  GIT_PAGER: 'cat',
  // A stalled transfer is abandoned instead of waited on forever.
  GIT_HTTP_LOW_SPEED_LIMIT: '1000',
  GIT_HTTP_LOW_SPEED_TIME: '60',
};

/**
 * Seconds a git read may go without a byte of output before it is stopped. git reading a
 * FIFO or a device that a crawled repo put in its .git waits forever; a real read of even
 * a large history streams steadily. DEPMAP_GIT_TIMEOUT sets it (0: never).
 */
const DEFAULT_STALL_SECONDS = 300;

function stallMs(env: NodeJS.ProcessEnv | undefined): number {
  const raw = (env ?? process.env).DEPMAP_GIT_TIMEOUT;
  const seconds = raw === undefined || raw === '' ? DEFAULT_STALL_SECONDS : Number(raw);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

/** A timer that stops `child` when it is not reset in time; `stop` clears it. */
function watchdog(child: ChildProcess, ms: number, onStall: () => void): { reset(): void; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  const reset = () => {
    if (ms <= 0) return;
    stop();
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      onStall();
    }, ms);
    timer.unref();
  };
  return { reset, stop };
}

function stalled(args: readonly string[], cwd: string, ms: number): IoError {
  return new IoError(`git ${args[0] ?? ''} in ${cwd} gave no output for ${ms / 1000} s and was stopped`, {
    hint: 'a file in its .git may be a FIFO or a device; check the repo, or set DEPMAP_GIT_TIMEOUT (seconds) for a very slow disk',
  });
}

/** `-c` settings that keep a read-only git call from running anything the repo configures. */
const SAFE_CONFIG = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'protocol.ext.allow=never',
  '-c',
  'protocol.fd.allow=never',
  '-c',
  'log.showSignature=false',
];

export function gitEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const key of KEEP_ENV) if (env[key] !== undefined) out[key] = env[key];
  return { ...out, ...SAFE_ENV };
}

export const HISTORY_HINT =
  'fetch more history: `git fetch --unshallow`, or in GitHub Actions actions/checkout with fetch-depth: 0';

/**
 * Refuses revisions that could be read as options or break line-based protocols. Anything
 * else is left to git to resolve (branches, tags, `HEAD~3`, `origin/main`, sha prefixes).
 */
export function checkRevision(rev: string): void {
  if (rev.length === 0) throw new UsageError('empty revision');
  if (rev.startsWith('-'))
    throw new UsageError(`refusing revision "${rev}": it starts with "-" and would be read as an option`);
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(rev) || rev.length > 1000)
    throw new UsageError(`refusing revision ${JSON.stringify(rev)}: control characters or too long`);
}

export interface GitCall {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs git and resolves with its stdout; a non-zero exit rejects with its stderr. */
export function runGit(args: readonly string[], call: GitCall): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...SAFE_CONFIG, ...args], {
      cwd: call.cwd,
      env: gitEnv(call.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const ms = stallMs(call.env);
    let stall: IoError | undefined;
    const dog = watchdog(child, ms, () => (stall = stalled(args, call.cwd, ms)));
    dog.reset();
    child.stdout.on('data', (chunk: Buffer) => {
      dog.reset();
      out.push(chunk);
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
    super(`git ${command} failed: ${stderr.trim() ? gitReason(stderr) : `exit ${code}`}`);
  }
}

export interface GitObject {
  /** The name asked for. */
  name: string;
  /** Object id; undefined when missing. */
  oid?: string;
  type?: string;
  /** The object's bytes: at most the first `maxObjectBytes` + 1 of them (see `size`). */
  data?: Buffer;
  /** The object's whole size, as git gave it. */
  size?: number;
}

/**
 * Bytes of an object kept: a blob larger than anything depmap reads (a 1 GB "lockfile") is
 * cut after this many, plus one so readers still see it is over their limit, and the rest is
 * passed over as it streams, never held.
 */
export const MAX_OBJECT_BYTES = 50 * 1024 * 1024;

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
  /** Runs only while answers are awaited: an idle cat-file is not stalled. */
  private readonly dog;
  /** An object larger than MAX_OBJECT_BYTES being passed over: what is kept, and how much is left to drop. */
  private oversized: { result: GitObject; kept: Buffer[]; keep: number; left: number } | undefined;

  constructor(call: GitCall) {
    this.child = spawn('git', [...SAFE_CONFIG, 'cat-file', '--batch'], {
      cwd: call.cwd,
      env: gitEnv(call.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const ms = stallMs(call.env);
    this.dog = watchdog(this.child, ms, () => this.fail(stalled(['cat-file'], call.cwd, ms)));
    let stderr = '';
    this.child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.receive(chunk);
      if (this.queue.length > 0) this.dog.reset();
      else this.dog.stop();
    });
    this.child.stdin.on('error', () => {
      // Reported through 'close' below with git's stderr.
    });
    this.child.on('error', (error) => this.fail(cannotRunGit(error)));
    this.child.on('close', (code) => {
      this.dog.stop();
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
      this.dog.reset();
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

  /** Takes what an oversized object still sends: the first bytes are kept, the rest dropped. Returns what follows it. */
  private passOver(chunk: Buffer): Buffer {
    const big = this.oversized as NonNullable<CatFile['oversized']>;
    const take = Math.min(big.left, chunk.length);
    if (big.keep > 0) {
      const kept = chunk.subarray(0, Math.min(big.keep, take));
      big.kept.push(Buffer.from(kept));
      big.keep -= kept.length;
    }
    big.left -= take;
    if (big.left === 0) {
      big.result.data = Buffer.concat(big.kept);
      this.oversized = undefined;
      const pending = this.queue[0] as Pending;
      pending.results.push(big.result);
      if (pending.results.length === pending.names.length) {
        this.queue.shift();
        pending.resolve(pending.results);
      }
    }
    return chunk.subarray(take);
  }

  private receive(incoming: Buffer): void {
    let chunk = incoming;
    if (this.oversized) {
      chunk = this.passOver(chunk);
      if (chunk.length === 0) return;
    }
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
        if (size > MAX_OBJECT_BYTES) {
          // Kept: the first MAX_OBJECT_BYTES + 1 bytes; the rest (and the LF after it) streams past.
          this.oversized = {
            result: { name, oid: parts[0] as string, type: parts[1] as string, size },
            kept: [],
            keep: MAX_OBJECT_BYTES + 1,
            left: size + 1,
          };
          const rest = this.passOver(buffer.subarray(newline + 1));
          this.chunks = [];
          this.length = 0;
          if (rest.length > 0) this.receive(rest);
          return;
        }
        const end = newline + 1 + size + 1;
        if (buffer.length < end) {
          this.need = end - offset;
          break;
        }
        const data = Buffer.from(buffer.subarray(newline + 1, newline + 1 + size));
        pending.results.push({ name, oid: parts[0] as string, type: parts[1] as string, data, size });
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
    throw new IoError(`${where} has no commits yet, so it has no revision "${rev}"`, {
      hint: 'commit a depmap.yaml first, or give another repo',
    });
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

/** Fails with an IoError unless `root` is a folder (`shown` is how the user wrote it) whose .git git can read without hanging. */
export async function mustBeFolder(root: string, shown: string): Promise<void> {
  try {
    if ((await stat(root)).isDirectory()) {
      checkGitFiles(root, shown);
      return;
    }
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
export function checkGitFiles(root: string, shown: string): void {
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
        if (!match?.[1]) return;
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
      return;
    }
    if (path.dirname(dir) === dir) return;
  }
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

/** `error` told the way a user reads it when git failed because `dir` is not a repository. */
export function notARepo(error: unknown, dir: string, hint: string): unknown {
  if (error instanceof GitError && /not a git repository/i.test(error.stderr))
    return new IoError(`${dir} is not a git repository`, { hint });
  return error;
}
