/**
 * One `git cat-file --batch` process for a whole read: requests are written in bulk and the
 * answers parsed as they stream back, so N blobs cost one process and no round trip each.
 */
import { gitEnv, SAFE_CONFIG } from '../crawl/git-env.js';
import { UsageError } from '../errors.js';
import { spawnGit, type GitChild } from './git-runner.js';
import { stalled, stallMs, watchdog } from './git-watchdog.js';
import { cannotRunGit, GitError, type GitCall } from './run-git.js';

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
const MAX_OBJECT_BYTES = 50 * 1024 * 1024;

interface Pending {
  names: string[];
  results: GitObject[];
  resolve(objects: GitObject[]): void;
  reject(error: Error): void;
}

export class CatFile {
  private readonly child: GitChild & { stdin: NonNullable<GitChild['stdin']> };
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
    this.child = spawnGit([...SAFE_CONFIG, 'cat-file', '--batch'], {
      cwd: call.cwd,
      env: gitEnv(call.env),
      stdin: true,
    }) as GitChild & { stdin: NonNullable<GitChild['stdin']> };
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
