/**
 * depmap timeline over 5,000 commits that each change the manifest, against a raw
 * `git log -p` of the same path and against the naive way (one `git show` per commit, each
 * version parsed and diffed), all in the same run. Prints a table with the ratios and the
 * peak memory (max RSS) of the CLI process.
 *
 * Issue 18's targets: at 5,000 commits <= 3x git log -p in-process and <= 6x as a CLI process;
 * with `--scale` (50,000 commits, no naive walk) the CLI <= 3x and <= 300 MB peak.
 *
 *   npm run build && node bench/history/run.mjs [commits] [--commits <n>] [--scale] [--quick]
 *                                               [--runs <n>] [--results <file>]
 *
 *   --commits <n>     commits of the generated repo (or the first argument; default 5,000,
 *                     --scale 50,000; --quick 1,000, --quick --scale 10,000)
 *   --scale           the issue's second history row: judge the CLI's wall ratio and peak RSS
 *   --runs <n>        timed runs of each method (or BENCH_RUNS; default 3)
 *   --results <file>  append a JSON line per row of issue 18's table (bench/scale/run.mjs)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { times, writeResult } from '../lib/results.mjs';
import { makeRepo } from './make-repo.mjs';

const IN_PROCESS_TARGET = 3;
const CLI_TARGET = 6;
const SCALE_TARGET = 3;
const SCALE_PEAK_MB = 300;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      commits: { type: 'string' },
      runs: { type: 'string' },
      scale: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      results: { type: 'string' },
    },
  });
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exit(2);
}
const { values: args, positionals } = parsed;
const defaultCount = args.scale ? (args.quick ? 10_000 : 50_000) : args.quick ? 1000 : 5000;
const count = Number(args.commits ?? positionals[0] ?? defaultCount);
const runs = Number(args.runs ?? process.env.BENCH_RUNS ?? 3);
if (!(Number.isInteger(count) && count > 0) || !(Number.isInteger(runs) && runs > 0)) {
  console.error('bench: the commit count and --runs must be positive whole numbers');
  process.exit(2);
}
if (!existsSync(path.join(root, 'build/cli/main.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}
const dir = path.join(root, 'bench/.work', `history-${count}`);
let t = performance.now();
makeRepo(dir, count);
console.log(
  `repo: ${count} commits touching depmap.yaml, built with git fast-import in ${(performance.now() - t).toFixed(0)} ms`,
);

const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// CPU seconds of a child (user + sys) and its peak memory (max RSS) through GNU time, when
// there is one (as bench/history/discover.mjs): a busy machine stretches wall-clock times,
// CPU time much less.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const cpu = new Map();
const peakMb = new Map();
async function time(fn) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}
const run = (cmd, args, label) => {
  const [bin, argv] = gnuTime ? [gnuTime, ['-f', 'CPU %U %S MAXRSS %M', cmd, ...args]] : [cmd, args];
  const r = spawnSync(bin, argv, { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  const m = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr.toString());
  if (m && label) cpu.set(label, [...(cpu.get(label) ?? []), (Number(m[1]) + Number(m[2])) * 1000]);
  const rss = /MAXRSS (\d+)/.exec(r.stderr.toString());
  if (rss && label) peakMb.set(label, Math.max(peakMb.get(label) ?? 0, Number(rss[1]) / 1024));
};

const { readOrgTimeline } = await import(path.join(root, 'build/history/org-history.js'));
const { renderTimelineJson } = await import(path.join(root, 'build/render/timeline/json.js'));
const { parseManifest } = await import(path.join(root, 'build/manifest/parse.js'));
const { buildSnapshot } = await import(path.join(root, 'build/graph/build-graph.js'));
const { diffGraphs } = await import(path.join(root, 'build/graph/diff-graphs.js'));

const rows = [];
const RAW = 'git log -p --first-parent -- depmap.yaml (raw, no parsing)';
const CLI = 'depmap timeline --format json (CLI process, incl. Node start)';
rows.push([RAW, await time(() => run('git', ['log', '-p', '--first-parent', '--', 'depmap.yaml'], RAW))]);
rows.push([
  CLI,
  await time(() => run('node', [path.join(root, 'bin/depmap.js'), 'timeline', '.', '--format', 'json', '-q'], CLI)),
]);
// What depmap asks of git: the log with raw diffs, and every blob through one cat-file.
const GIT = 'git work of depmap: log --raw + one cat-file --batch';
rows.push([
  GIT,
  await time(() => {
    const log = execFileSync(
      'git',
      ['log', '--first-parent', '--raw', '-z', '--no-abbrev', '--format=%H', '--', 'depmap.yaml'],
      { cwd: dir, env, maxBuffer: 1 << 30 },
    ).toString();
    const oids = [...log.matchAll(/ ([0-9a-f]{40}) [AM]\0/g)].map((m) => m[1]);
    execFileSync('git', ['cat-file', '--batch'], { cwd: dir, env, input: `${oids.join('\n')}\n`, maxBuffer: 1 << 30 });
  }),
]);
let events = 0;
rows.push([
  'depmap timeline, in-process (modules loaded)',
  await time(async () => {
    const timeline = await readOrgTimeline([{ id: 'bench', dir, display: 'bench' }]);
    events = timeline.events.length;
    renderTimelineJson({ timeline, granularity: 'week' });
  }),
]);

// The naive way: one process per commit for the file, then a full parse and graph of each.
const naive = () => {
  const commits = execFileSync('git', ['rev-list', '--first-parent', '--reverse', 'HEAD', '--', 'depmap.yaml'], {
    cwd: dir,
    env,
    encoding: 'utf8',
  })
    .trim()
    .split('\n');
  let previous = buildSnapshot([], 'bench');
  let changes = 0;
  for (const sha of commits) {
    const text = execFileSync('git', ['show', `${sha}:depmap.yaml`], { cwd: dir, env, encoding: 'utf8' });
    const { manifest } = parseManifest(text, 'depmap.yaml');
    const snapshot = buildSnapshot(
      [{ id: 'bench', source: 'bench', manifests: manifest ? [manifest] : [], problems: [], status: 'ok' }],
      'bench',
    );
    const diff = diffGraphs(previous, snapshot);
    changes += diff.edges.changed.length;
    previous = snapshot;
  }
  return changes;
};
// At scale the naive walk would start a git process per commit (minutes at 50,000): left out.
const naiveTimes = [];
for (let i = 0; i < (args.scale ? 0 : 1); i++) {
  const start = performance.now();
  naive();
  naiveTimes.push(performance.now() - start);
}
if (!args.scale) rows.push(['naive: git show per commit + full parse + diff', median(naiveTimes)]);

const raw = rows[0][1];
const cli = rows[1][1];
const inproc = rows[3][1];
const naiveMs = args.scale ? undefined : rows[4][1];
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
console.log(
  `\n${events} commits with graph changes; median of ${runs} runs (${args.scale ? 'naive walk left out at scale' : 'naive: 1 run'})\n`,
);
console.log(`| ${pad('method', 62)} | ${lpad('time', 9)} | ${lpad('× raw git log', 13)} |`);
console.log(`|${'-'.repeat(64)}|${'-'.repeat(11)}|${'-'.repeat(15)}|`);
for (const [name, ms] of rows)
  console.log(`| ${pad(name, 62)} | ${lpad(`${ms.toFixed(0)} ms`, 9)} | ${lpad(`${(ms / raw).toFixed(1)}×`, 13)} |`);
const cpuRaw = median(cpu.get(RAW) ?? [NaN]);
const cpuCli = median(cpu.get(CLI) ?? [NaN]);
const peakCli = peakMb.get(CLI);
if (gnuTime) {
  console.log(
    `\nCPU time (user+sys, median): raw git log ${cpuRaw.toFixed(0)} ms, depmap CLI ${cpuCli.toFixed(0)} ms: ${(cpuCli / cpuRaw).toFixed(1)}×`,
  );
  console.log(
    `peak memory (max RSS): raw git log ${peakMb.get(RAW).toFixed(0)} MB, depmap CLI ${peakCli.toFixed(0)} MB`,
  );
}
if (!args.scale)
  console.log(
    `naive / depmap CLI: ${(naiveMs / cli).toFixed(1)}× faster   naive / depmap in-process: ${(naiveMs / inproc).toFixed(1)}× faster`,
  );
console.log(
  args.scale
    ? `targets: depmap CLI ≤ ${SCALE_TARGET}× raw git log and ≤ ${SCALE_PEAK_MB} MB peak`
    : `targets: depmap ≤ 3× raw git log; ≥ 10× faster than naive`,
);

// Issue 18's rows, for bench/scale/run.mjs.
const size = `${count.toLocaleString('en')} manifest commits`;
const cpuNote = gnuTime ? `cpu ${times(cpuCli / cpuRaw)}; ` : '';
const ms = `${cli.toFixed(0)} ms CLI, ${inproc.toFixed(0)} ms in-process, ${raw.toFixed(0)} ms git log -p; median of ${runs}`;
if (args.scale) {
  writeResult(args.results, {
    row: 'history-scale-wall',
    what: `history of ${size}, CLI wall vs raw git log -p`,
    figure: times(cli / raw),
    value: cli / raw,
    target: `<= ${SCALE_TARGET}x`,
    pass: cli / raw <= SCALE_TARGET,
    detail: `${cpuNote}in-process ${times(inproc / raw)}; ${ms}`,
  });
  writeResult(args.results, {
    row: 'history-scale-rss',
    what: `history of ${size}, peak RSS of the CLI process`,
    figure: peakCli === undefined ? 'n/a' : `${peakCli.toFixed(0)} MB`,
    value: peakCli,
    target: `<= ${SCALE_PEAK_MB} MB`,
    pass: peakCli !== undefined && peakCli <= SCALE_PEAK_MB,
    detail: peakCli === undefined ? 'no /usr/bin/time to measure it' : `max RSS over ${runs} runs (GNU time)`,
  });
} else {
  writeResult(args.results, {
    row: 'history-in-process',
    what: `history of ${size}, in-process wall vs raw git log -p`,
    figure: times(inproc / raw),
    value: inproc / raw,
    target: `<= ${IN_PROCESS_TARGET}x`,
    pass: inproc / raw <= IN_PROCESS_TARGET,
    detail: `${inproc.toFixed(0)} vs ${raw.toFixed(0)} ms; ${(naiveMs / inproc).toFixed(1)}x faster than naive`,
  });
  writeResult(args.results, {
    row: 'history-cli',
    what: `history of ${size}, CLI process wall vs raw git log -p`,
    figure: times(cli / raw),
    value: cli / raw,
    target: `<= ${CLI_TARGET}x`,
    pass: cli / raw <= CLI_TARGET,
    detail: `${cpuNote}peak ${peakCli === undefined ? 'n/a' : `${peakCli.toFixed(0)} MB`}; ${ms}`,
  });
}
