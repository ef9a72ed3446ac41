/**
 * The watchdog on every git process of a history read. git reading a FIFO or a device that a
 * crawled repo put in its .git waits forever; a real read of even a large history streams
 * steadily. So a git process that goes too long without a byte of output is stopped.
 */
import { IoError } from '../errors.js';

/** Seconds a git read may go without a byte of output before it is stopped. DEPMAP_GIT_TIMEOUT sets it (0: never). */
const DEFAULT_STALL_SECONDS = 300;

export function stallMs(env: NodeJS.ProcessEnv | undefined): number {
  const raw = (env ?? process.env).DEPMAP_GIT_TIMEOUT;
  const seconds = raw === undefined || raw === '' ? DEFAULT_STALL_SECONDS : Number(raw);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

/** A timer that stops `child` when it is not reset in time; `stop` clears it. */
export function watchdog(
  child: { kill(signal: NodeJS.Signals): unknown },
  ms: number,
  onStall: () => void,
): { reset(): void; stop(): void } {
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

export function stalled(args: readonly string[], cwd: string, ms: number): IoError {
  return new IoError(`git ${args[0] ?? ''} in ${cwd} gave no output for ${ms / 1000} s and was stopped`, {
    hint: 'a file in its .git may be a FIFO or a device; check the repo, or set DEPMAP_GIT_TIMEOUT (seconds) for a very slow disk',
  });
}
