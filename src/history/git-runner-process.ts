/**
 * The git helper process (see git-runner.ts): starts git processes when asked over the IPC
 * channel, hands their stdin what it is sent, and sends back their output and how they
 * ended. It runs nothing but `git`, with the arguments, folder and environment it is given
 * (no shell), and stops everything when the channel closes. Bundled as dist/git-runner-process.js.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export type ToRunner =
  | { op: 'spawn'; id: number; args: string[]; cwd: string; env: NodeJS.ProcessEnv; stdin: boolean }
  | { op: 'write'; id: number; data: Uint8Array }
  | { op: 'end'; id: number }
  | { op: 'kill'; id: number; signal: NodeJS.Signals };

export type FromRunner =
  | { op: 'out' | 'err'; id: number; data: Uint8Array }
  | { op: 'error'; id: number; message: string; code?: string }
  | { op: 'close'; id: number; code: number | null; signal: NodeJS.Signals | null };

const children = new Map<number, ChildProcess>();
/**
 * Sends to depmap; a send that races depmap closing the channel (a git process that ends as
 * depmap stops) is dropped: the callback takes the error, so it is never an unhandled one.
 */
const send = (message: FromRunner) => {
  if (process.connected) process.send?.(message, undefined, undefined, () => undefined);
};
process.on('error', () => undefined);

function start(message: Extract<ToRunner, { op: 'spawn' }>): void {
  const { id } = message;
  const child = spawn('git', message.args, {
    cwd: message.cwd,
    env: message.env,
    stdio: [message.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  children.set(id, child);
  child.stdout?.on('data', (data: Buffer) => send({ op: 'out', id, data }));
  child.stderr?.on('data', (data: Buffer) => send({ op: 'err', id, data }));
  child.stdin?.on('error', () => undefined);
  child.on('error', (error: NodeJS.ErrnoException) => {
    children.delete(id);
    send({ op: 'error', id, message: error.message, ...(error.code ? { code: error.code } : {}) });
  });
  child.on('close', (code, signal) => {
    children.delete(id);
    send({ op: 'close', id, code, signal });
  });
}

process.on('message', (message: ToRunner) => {
  if (message.op === 'spawn') return start(message);
  const child = children.get(message.id);
  if (!child) return;
  if (message.op === 'write')
    child.stdin?.write(Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength));
  else if (message.op === 'end') child.stdin?.end();
  else child.kill(message.signal);
});

process.on('disconnect', () => {
  for (const child of children.values()) child.kill('SIGKILL');
  process.exit(0);
});
