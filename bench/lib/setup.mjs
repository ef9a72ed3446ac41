/**
 * What every bench script shares: flags, where the repo and its build are, and a temp
 * folder that is removed on exit (also on Ctrl-C) unless --keep.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'depmap.js');
/** tsc's one-module-per-file output, for what the benches run in-process (the CLI is the bundle in dist/). */
export const DIST = path.join(ROOT, 'build');

const COMMON = {
  quick: { type: 'boolean', default: false },
  runs: { type: 'string' },
  warmup: { type: 'string' },
  seed: { type: 'string', default: 'depmap-bench' },
  keep: { type: 'boolean', default: false },
  profile: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

/** Parses the common flags plus `extra` ({ repos: { type: 'string' } }); exits on --help. */
export function benchArgs(usage, extra = {}) {
  let values;
  try {
    ({ values } = parseArgs({ options: { ...COMMON, ...extra }, allowPositionals: false }));
  } catch (error) {
    process.stderr.write(`bench: ${error.message}\n${usage}\n`);
    process.exit(2);
  }
  for (const key of ['runs', 'warmup', 'repos', 'nodes', 'queries', 'libraries', 'services']) {
    if (values[key] !== undefined && !(Number.parseInt(values[key], 10) > 0)) {
      const why = key === 'warmup' ? ' (the warm-up run also checks the output)' : '';
      process.stderr.write(`bench: --${key} must be a positive whole number${why}\n`);
      process.exit(2);
    }
  }
  if (values.help) {
    process.stdout.write(`${usage}

Common flags:
  --quick          smaller sizes and fewer runs (a smoke test, not a measurement)
  --runs <n>       timed runs per command (after the warm-up)
  --warmup <n>     warm-up runs per command (default 1; they also check the output)
  --seed <text>    seed of the synthetic organisation (default depmap-bench)
  --profile        also run depmap once under --cpu-prof and print where the time goes
  --keep           keep the generated files (the temp folder is printed)
`);
    process.exit(0);
  }
  return values;
}

export const int = (value, fallback) => (value === undefined ? fallback : Number.parseInt(value, 10));

/** Fails early with the fix when the bundle (dist/) or the modules (build/) have not been built. */
export function ensureBuilt(files = ['cli/main.js']) {
  for (const f of [...files.map((m) => path.join('build', m)), path.join('dist', 'depmap.js')]) {
    if (!existsSync(path.join(ROOT, f))) {
      process.stderr.write(`bench: ${f} is missing; run \`npm run build\` first\n`);
      process.exit(2);
    }
  }
}

/** A fresh temp folder, removed when the process exits unless `keep`. */
export function tempDir(label, keep) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `depmap-bench-${label}-`));
  const cleanup = () => {
    if (keep) process.stderr.write(`bench: kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
  return dir;
}

export const log = (line) => process.stderr.write(`${line}\n`);
