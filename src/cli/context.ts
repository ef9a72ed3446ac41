/**
 * What a command may touch besides its arguments. Tests pass their own streams, cwd and env
 * and run the real CLI in-process; bin/depmap.js passes the process's.
 */

export interface OutputStream {
  write(text: string): unknown;
  /** True when the stream is a terminal: progress bars and colour only then. */
  isTTY?: boolean;
}

export interface CliContext {
  stdout: OutputStream;
  stderr: OutputStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Set by each command's action; main() returns it. */
  exitCode: number;
}

export function processContext(): CliContext {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    exitCode: 0,
  };
}
