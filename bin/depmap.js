#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/ (built by `npm ci` through the prepare script).
import { main } from '../dist/cli/main.js';
import { describeErrno, errnoHint } from '../dist/io/errno.js';

// Writes to a pipe fail as events. `depmap … | head` closing the pipe early is the reader's
// choice, not an error; anything else (a full disk behind the pipe) is said in words.
const failed = (stream) => (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  if (stream === process.stdout) {
    try {
      const hint = errnoHint(error);
      process.stderr.write(`depmap: cannot write to standard output: ${describeErrno(error)}\n${hint ? `  hint: ${hint}\n` : ''}`);
    } catch {
      // stderr is gone too
    }
  }
  process.exit(2);
};
process.stdout.on('error', failed(process.stdout));
process.stderr.on('error', failed(process.stderr));

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 2;
  },
);
