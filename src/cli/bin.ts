/**
 * The process around the CLI: runs main() with the real streams and sets the exit code.
 * Writes to a pipe fail as events: `depmap … | head` closing the pipe early is the reader's
 * choice, not an error; anything else (a full disk behind the pipe) is said in words.
 */
import { describeErrno, errnoHint } from '../io/errno.js';
import { main } from './main.js';

function failed(stream: NodeJS.WriteStream) {
  return (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === process.stdout) {
      try {
        const hint = errnoHint(error);
        process.stderr.write(
          `depmap: cannot write to standard output: ${describeErrno(error)}\n${hint ? `  hint: ${hint}\n` : ''}`,
        );
      } catch {
        // stderr is gone too
      }
    }
    process.exit(2);
  };
}

process.stdout.on('error', failed(process.stdout));
process.stderr.on('error', failed(process.stderr));

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);
