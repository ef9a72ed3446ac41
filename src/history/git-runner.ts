/**
 * Where a history read starts its git processes. Starting a process from Node forks this
 * process first, and fork copies the page tables of everything the process holds: the 2 git
 * processes per repo of an org timeline block the main thread ~2.8 ms each at ~250 MB on an
 * idle machine, 10–15 ms on a busy one, and more as the read grows. So a read of many repos
 * starts a small helper process first, while this one is still small, and the helper starts
 * the git processes: the fork is cheap there and off this thread. Their bytes come back over
 * the IPC channel. git runs with exactly the arguments and environment it would get here.
 *
 * Measured (bench/history/org.mjs's repos, 200 commits each, idle 2-core machine): 100 repos
 * 4.11 s without, 4.04 s with (the main thread then waits on git instead); 300 repos 10.4 s
 * without, 10.0 s with. DEPMAP_GIT_RUNNER=0 turns the helper off, =1 uses it for any read; by
 * default it is used from MIN_REPOS repos up, never when the built helper is not there (tests
 * run the sources).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { existsSync } from 'node:fs';
import { PassThrough, Writable, type Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { FromRunner, ToRunner } from './git-runner-process.js';

/** Below this many repos the helper's start and the IPC cost as much as the forks they save. */
const MIN_REPOS = 100;

// dist/git-runner-process.js in the bundle, build/history/git-runner-process.js in tsc's output.
const runnerUrl = new URL('./git-runner-process.js', import.meta.url);

/** What run-git and cat-file use of a child process; a local one or one the helper runs. */
export interface GitChild extends EventEmitter {
  stdin: Writable | null;
  stdout: Readable;
  stderr: Readable;
  kill(signal?: NodeJS.Signals): boolean;
}

export interface GitSpawn {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** True when git reads requests on stdin (cat-file --batch). */
  stdin?: boolean;
}

let runner: { process: ChildProcess; users: number; next: number; children: Map<number, RemoteChild> } | undefined;

/** Whether a read of `repos` repos should start git through the helper. */
function wanted(repos: number, env: NodeJS.ProcessEnv): boolean {
  const forced = env.DEPMAP_GIT_RUNNER;
  if (forced === '0') return false;
  if (!existsSync(fileURLToPath(runnerUrl))) return false;
  return forced === '1' || repos >= MIN_REPOS;
}

/**
 * Runs `read` with git started through the helper when it pays for `repos` repos. Reads may
 * overlap; the helper stops when the last one is done.
 */
export async function withGitRunner<T>(repos: number, env: NodeJS.ProcessEnv, read: () => Promise<T>): Promise<T> {
  if (!runner && !wanted(repos, env)) return read();
  if (!runner) {
    const child = fork(fileURLToPath(runnerUrl), [], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      execArgv: [],
    });
    const started = { process: child, users: 0, next: 0, children: new Map<number, RemoteChild>() };
    child.on('message', (message: FromRunner) => started.children.get(message.id)?.receive(message));
    child.on('exit', () => {
      // Whatever was running through it fails as a git process that could not run.
      for (const remote of started.children.values()) remote.lost();
      started.children.clear();
      if (runner === started) runner = undefined;
    });
    child.on('error', () => undefined);
    runner = started;
  }
  const current = runner;
  current.users++;
  try {
    return await read();
  } finally {
    current.users--;
    if (current.users === 0) {
      if (runner === current) runner = undefined;
      if (current.process.connected) current.process.disconnect();
    }
  }
}

/** Starts `git args` here, or through the helper while a read uses one. */
export function spawnGit(args: readonly string[], options: GitSpawn): GitChild {
  const current = runner;
  if (!current?.process.connected) {
    return spawn('git', [...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    }) as ChildProcess & GitChild;
  }
  const id = current.next++;
  const remote = new RemoteChild(id, options.stdin === true, (message) => {
    if (current.process.connected) current.process.send(message);
  });
  current.children.set(id, remote);
  remote.once('close', () => current.children.delete(id));
  current.process.send({
    op: 'spawn',
    id,
    args: [...args],
    cwd: options.cwd,
    env: options.env,
    stdin: options.stdin === true,
  } satisfies ToRunner);
  return remote;
}

const asBuffer = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/** A git process the helper runs, seen as a child process: streams and 'error' / 'close' events. */
class RemoteChild extends EventEmitter implements GitChild {
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly stdin: Writable | null;
  private done = false;

  constructor(
    private readonly id: number,
    withStdin: boolean,
    private readonly send: (message: ToRunner) => void,
  ) {
    super();
    this.stdin = withStdin
      ? new Writable({
          write: (chunk: Buffer, _encoding, callback) => {
            this.send({ op: 'write', id, data: chunk });
            callback();
          },
          final: (callback) => {
            this.send({ op: 'end', id });
            callback();
          },
        })
      : null;
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    if (this.done) return false;
    this.send({ op: 'kill', id: this.id, signal });
    return true;
  }

  receive(message: FromRunner): void {
    if (message.op === 'out') this.stdout.write(asBuffer(message.data));
    else if (message.op === 'err') this.stderr.write(asBuffer(message.data));
    else if (message.op === 'error') {
      const error = Object.assign(new Error(message.message), { code: message.code });
      this.finish(() => this.emit('error', error));
    } else if (message.op === 'close') this.finish(() => this.emit('close', message.code, message.signal));
  }

  /** The helper went away: the process cannot be known to have finished. */
  lost(): void {
    this.finish(() => this.emit('error', new Error('the git helper process stopped')));
  }

  /** Ends the streams, and emits the last event once every byte before it was read. */
  private finish(emit: () => void): void {
    if (this.done) return;
    this.done = true;
    const ended = [this.stdout, this.stderr].map((stream) => {
      const end = once(stream, 'end');
      stream.end();
      if (!stream.readableFlowing) stream.resume();
      return end;
    });
    void Promise.all(ended).then(emit, emit);
  }
}
