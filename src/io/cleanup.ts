/**
 * What to undo when depmap is interrupted: temp files and staging folders of writes in
 * progress, a folder swap half done. SIGINT, SIGTERM and SIGHUP run every registered undo
 * (synchronously, as a signal handler must), say so on stderr, and exit 128 + the signal
 * number, as a shell reports a killed process. Handlers are installed only while something
 * is registered, so the default behaviour of a signal is back once the writes are done.
 */

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

const pending = new Map<number, () => void>();
let next = 0;
let installed = false;

function onSignal(signal: keyof typeof SIGNALS): void {
  for (const undo of [...pending.values()].reverse()) {
    try {
      undo();
    } catch {
      // Best effort: the next run sweeps what is left.
    }
  }
  pending.clear();
  process.stderr.write(`\ndepmap: interrupted by ${signal}; partial output removed\n`);
  process.exit(128 + SIGNALS[signal]);
}

const handlers = Object.fromEntries(
  Object.keys(SIGNALS).map((s) => [s, () => onSignal(s as keyof typeof SIGNALS)]),
) as Record<string, () => void>;

function install(): void {
  if (installed) return;
  installed = true;
  for (const [signal, handler] of Object.entries(handlers)) process.on(signal, handler);
}

function uninstall(): void {
  if (!installed || pending.size > 0) return;
  installed = false;
  for (const [signal, handler] of Object.entries(handlers)) process.off(signal, handler);
}

/**
 * Runs `undo` if the process is interrupted before the returned function is called.
 * `undo` must be synchronous and must not throw for things already gone.
 */
export function undoOnInterrupt(undo: () => void): () => void {
  const id = next++;
  pending.set(id, undo);
  install();
  return () => {
    pending.delete(id);
    uninstall();
  };
}

/** True when a process with this id runs (possibly as another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
