import { CommanderError } from 'commander';
import { EXIT_ERROR, isDepmapError } from '../errors.js';
import { processContext, type CliContext } from './context.js';
import { useColor } from './color.js';
import { guardStream } from './output-guard.js';
import { buildProgram } from './program.js';

/**
 * Runs depmap with `argv` (as in process.argv: node, script, args…) and returns the exit
 * code. User errors become one clear message on stderr; anything else is a bug and is
 * reported as one, with its stack.
 */
export async function main(argv: string[], given: CliContext = processContext()): Promise<number> {
  // Everything printed passes the guard: no control character or CI command from data.
  const guard = (stream: CliContext['stdout']) =>
    guardStream(stream, { color: useColor(stream, given.env), tty: stream.isTTY === true });
  const ctx: CliContext = { ...given, stdout: guard(given.stdout), stderr: guard(given.stderr) };
  const program = await buildProgram(ctx, argv);
  try {
    await program.parseAsync(argv);
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed.
      return error.exitCode === 0 ? 0 : EXIT_ERROR;
    }
    if (isDepmapError(error)) {
      ctx.stderr.write(`depmap: ${error.describe()}\n`);
      return error.exitCode;
    }
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    ctx.stderr.write(`depmap: internal error, please report it with the lines below\n${stack}\n`);
    return EXIT_ERROR;
  }
}

/** Runs the CLI in-process with captured output: for tests and embedding. */
export async function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; stdoutIsTTY?: boolean; stderrIsTTY?: boolean } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.stdoutIsTTY ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.stderrIsTTY ?? false },
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? { ...process.env },
    exitCode: 0,
  };
  const code = await main(['node', 'depmap', ...args], ctx);
  return { code, stdout, stderr };
}
