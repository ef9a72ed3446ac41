/**
 * What a command may touch besides its arguments. Tests pass their own streams, cwd and env
 * and run the real CLI in-process; bin/depmap.js passes the process's.
 */
import { IoError } from '../errors.js';
import { describeErrno, errnoHint } from '../io/errno.js';

export interface OutputStream {
  write(text: string): unknown;
  /** True when the stream is a terminal: progress bars and colour only then. */
  isTTY?: boolean;
  /**
   * Resolves when a stream whose last write returned false has taken what it queued (a pipe
   * read slower than depmap writes); absent on streams that never queue.
   */
  drained?(): Promise<void>;
  /** Writes GitHub workflow commands unguarded (see output-guard.ts); absent on plain streams. */
  writeCommands?(text: string): void;
}

export interface CliContext {
  stdout: OutputStream;
  stderr: OutputStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Set by each command's action; main() returns it. */
  exitCode: number;
}

/** A write to stdout that failed (a full disk behind `> file`): an IO error like any other. */
function stdoutError(error: unknown): IoError {
  return new IoError(`cannot write to standard output: ${describeErrno(error)}`, {
    hint: errnoHint(error, 'check where the output goes') ?? '',
  });
}

export function processContext(): CliContext {
  const stdout: OutputStream = {
    write(text: string) {
      // To a file, stdout writes synchronously and throws; to a pipe, errors come as events (bin/depmap.js).
      try {
        return process.stdout.write(text);
      } catch (error) {
        throw stdoutError(error);
      }
    },
    isTTY: process.stdout.isTTY === true,
    drained: () =>
      new Promise<void>((resolve) => {
        // An error ends the wait too: it is reported where stdout's errors are (bin/depmap.js).
        const done = () => {
          process.stdout.off('drain', done);
          process.stdout.off('error', done);
          process.stdout.off('close', done);
          resolve();
        };
        process.stdout.on('drain', done);
        process.stdout.on('error', done);
        process.stdout.on('close', done);
      }),
  };
  const stderr: OutputStream = {
    write(text: string) {
      try {
        return process.stderr.write(text);
      } catch {
        return false; // nowhere left to say it
      }
    },
    isTTY: process.stderr.isTTY === true,
  };
  return { stdout, stderr, cwd: process.cwd(), env: process.env, exitCode: 0 };
}
