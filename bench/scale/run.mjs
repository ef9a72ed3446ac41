#!/usr/bin/env node
/**
 * bench/scale: every row of issue 18's table ("fast at organisation scale") in one run. Runs
 * each bench that measures a row as a child process in turn, one at a time, with
 * `--results <file>` (one JSON line per row, bench/lib/results.mjs); their own output goes to
 * stderr (and to `--log <file>`); then prints ONE markdown table on stdout, in the order of the
 * issue's table, each figure with its target beside it.
 *
 * Exit code 0 when every row passes, 1 otherwise. A bench that crashes gives its rows "error"
 * (and exit 1); the other benches still run.
 *
 *   npm run build && node bench/scale/run.mjs [--quick] [--only <row ids or benches>] [--log <file>]
 */
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ROOT, tempDir } from '../lib/setup.mjs';

/**
 * The benches, in the order of the issue's table, and the rows each one writes. `args` gets
 * the selected row ids of the step. `what` and `target` are the issue's, for a row that is
 * missing because its bench failed.
 */
const STEPS = [
  {
    name: 'scan',
    script: 'bench/scan/run.mjs',
    // The scan part gives the first two rows, the workers part the third.
    args: (rows) => [
      '--lean',
      '--only',
      [rows.some((id) => id.startsWith('scan-')) && 'scan', rows.includes('workers') && 'workers']
        .filter(Boolean)
        .join(','),
    ],
    rows: [
      ['scan-yaml', 'scan, 1,000 repos × (80 libraries + 8 services), wall vs bare read + yaml.parse', '<= 1.5x'],
      ['scan-js-yaml', 'same, vs read + js-yaml', '<= 4x'],
      ['workers', 'workers on 2 cores', 'never more cpu than one thread for < 20 % wall gain'],
    ],
  },
  {
    name: 'history',
    script: 'bench/history/run.mjs',
    args: () => [],
    rows: [
      ['history-in-process', 'history of 5,000 manifest commits vs raw git log -p, in-process wall', '<= 3x'],
      ['history-cli', 'history of 5,000 manifest commits vs raw git log -p, CLI wall', '<= 6x'],
    ],
  },
  {
    name: 'history-scale',
    script: 'bench/history/run.mjs',
    args: () => ['--scale'],
    rows: [
      ['history-scale-wall', 'history at 50,000 commits, CLI wall vs raw git log -p', '<= 3x'],
      ['history-scale-rss', 'history at 50,000 commits, peak RSS', '<= 300 MB'],
    ],
  },
  {
    name: 'snapshot',
    script: 'bench/snapshot/run.mjs',
    args: () => ['--lean'],
    rows: [
      ['snapshot-size', 'snapshot size per repo, 1,000 repos', '<= 10 KB'],
      ['snapshot-size-large', 'snapshot size per repo, 10,000 repos', '<= 10 KB'],
      ['snapshot-load', 'load a 100k-node / 880k-edge snapshot before a query', '<= 1.5 s'],
    ],
  },
  {
    name: 'docs',
    script: 'bench/render/docs-cache.mjs',
    args: () => [],
    rows: [['docs-cache', 'docs of 3,000 components, second run after one change', '<= 10 % of first']],
  },
];
const ROW_IDS = STEPS.flatMap((s) => s.rows.map(([id]) => id));

const usage = `usage: node bench/scale/run.mjs [--quick] [--only <ids>] [--log <file>]

  --quick        each bench's smaller sizes (a smoke test: not the issue's sizes)
  --only <ids>   comma-separated row ids or bench names; a bench runs when one of its rows is asked
                 benches: ${STEPS.map((s) => s.name).join(', ')}
                 rows:    ${ROW_IDS.join(', ')}
  --log <file>   also write the benches' own output to <file>`;
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      log: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  process.stderr.write(`bench: ${error.message}\n${usage}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const asked = args.only?.split(',').map((id) => id.trim()) ?? ROW_IDS;
const unknown = asked.filter((id) => !ROW_IDS.includes(id) && !STEPS.some((s) => s.name === id));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown row or bench: ${unknown.join(', ')}\n${usage}\n`);
  process.exit(2);
}
const selected = new Set(asked.flatMap((id) => STEPS.find((s) => s.name === id)?.rows.map(([row]) => row) ?? [id]));
for (const f of ['build/cli/main.js', 'dist/depmap.js']) {
  if (!existsSync(path.join(ROOT, f))) {
    process.stderr.write(`bench: ${f} is missing; run \`npm run build\` first\n`);
    process.exit(2);
  }
}

const dir = tempDir('scale', false);
const logFile = args.log ? createWriteStream(args.log) : undefined;
const echo = (text) => {
  process.stderr.write(text);
  logFile?.write(text);
};

/** Runs one bench to its end; resolves to its exit code (or signal) and the tail of its output. */
function runBench(script, argv) {
  return new Promise((resolve) => {
    echo(`\n=== node ${[script, ...argv].join(' ')}\n`);
    const child = spawn(process.execPath, [path.join(ROOT, script), ...argv], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const keep = (data) => {
      echo(data);
      tail = (tail + data.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => resolve({ code: undefined, why: error.message, tail }));
    child.on('close', (code, signal) =>
      resolve({ code, why: signal ? `killed by ${signal}` : `exit code ${code}`, tail }),
    );
  });
}

const results = new Map();
const took = [];
const start = performance.now();
for (const step of STEPS) {
  const rows = step.rows.map(([id]) => id).filter((id) => selected.has(id));
  if (rows.length === 0) continue;
  const file = path.join(dir, `${step.name}.jsonl`);
  const argv = [...step.args(rows), ...(args.quick ? ['--quick'] : []), '--results', file];
  const t = performance.now();
  const run = await runBench(step.script, argv);
  took.push([step.name, performance.now() - t]);
  const written = new Map();
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      try {
        const result = JSON.parse(line);
        written.set(result.row, result);
      } catch {
        // A line cut short by a crash: the row is reported as missing below.
      }
    }
  }
  // Exit codes 0 (every target met) and 1 (one missed) are verdicts; anything else is a crash.
  const crashed = run.code !== 0 && run.code !== 1;
  for (const [id, what, target] of step.rows.filter(([id]) => rows.includes(id))) {
    const lastLine = run.tail.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';
    results.set(
      id,
      written.get(id) ?? {
        row: id,
        what,
        figure: 'error',
        target,
        pass: false,
        error: true,
        detail: `${step.script} ${crashed ? run.why : `(${run.why}) wrote no result for this row`}: ${lastLine.slice(0, 200)}`,
      },
    );
  }
}
const total = performance.now() - start;

const duration = (ms) => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
};
const cell = (text) => String(text ?? '').replaceAll('|', '\\|');
let commit = '';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
} catch {
  // Not a git checkout: the header goes without it.
}
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
const lines = [
  `## Issue 18 at organisation scale${args.quick ? ' (--quick)' : ''}`,
  '',
  `depmap ${version}${commit ? ` (${commit})` : ''}, Node ${process.version}, ${cores} cores, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. ` +
    'Each figure is a ratio or a size against a baseline measured in the same run (bench/README.md).',
];
if (args.quick)
  lines.push(
    '',
    "**--quick: each bench's smaller sizes (in the row names) and fewer runs: a smoke test, not the issue's figures.**",
  );
lines.push('', '| row | figure | target | verdict | detail |', '|---|---:|---|---|---|');
for (const id of ROW_IDS) {
  const r = results.get(id);
  if (!r) continue;
  const verdict = r.error ? 'ERROR' : r.pass ? 'PASS' : 'MISS';
  lines.push(
    `| ${cell(r.what)} (\`${id}\`) | ${cell(r.figure)} | ${cell(r.target)} | ${verdict} | ${cell(r.detail)} |`,
  );
}
const all = [...results.values()];
const passed = all.filter((r) => r.pass).length;
const errors = all.filter((r) => r.error).length;
lines.push(
  '',
  `${passed} of ${all.length} rows pass${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}. ` +
    `Took ${duration(total)} (${took.map(([name, ms]) => `${name} ${duration(ms)}`).join(', ')}).`,
);
process.stdout.write(`${lines.join('\n')}\n`);
logFile?.end();
process.exitCode = passed === all.length ? 0 : 1;
