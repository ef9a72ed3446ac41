/**
 * depmap timeline over 5,000 commits that each change the manifest, against a raw
 * `git log -p` of the same path and against the naive way (one `git show` per commit, each
 * version parsed and diffed), all in the same run. Prints a table with the ratios.
 *
 *   npm run build && node bench/history/run.mjs [commits]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRepo } from './make-repo.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const count = Number(process.argv[2] ?? 5000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
if (!existsSync(path.join(root, 'dist/cli/main.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}
const dir = path.join(root, 'bench/.work', `history-${count}`);
let t = performance.now();
makeRepo(dir, count);
console.log(`repo: ${count} commits touching depmap.yaml, built with git fast-import in ${(performance.now() - t).toFixed(0)} ms`);

const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
};

const { readOrgTimeline } = await import(path.join(root, 'dist/history/org-history.js'));
const { renderTimelineJson } = await import(path.join(root, 'dist/render/timeline/json.js'));
const { parseManifest } = await import(path.join(root, 'dist/manifest/parse.js'));
const { buildSnapshot } = await import(path.join(root, 'dist/graph/build-graph.js'));
const { diffGraphs } = await import(path.join(root, 'dist/graph/diff-graphs.js'));

const rows = [];
rows.push(['git log -p --first-parent -- depmap.yaml (raw, no parsing)', await time(() => run('git', ['log', '-p', '--first-parent', '--', 'depmap.yaml']))]);
rows.push(['depmap timeline --format json (CLI process, incl. Node start)', await time(() => run('node', [path.join(root, 'bin/depmap.js'), 'timeline', '.', '--format', 'json', '-q']))]);
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
  const commits = execFileSync('git', ['rev-list', '--first-parent', '--reverse', 'HEAD', '--', 'depmap.yaml'], { cwd: dir, env, encoding: 'utf8' }).trim().split('\n');
  let previous = buildSnapshot([], 'bench');
  let changes = 0;
  for (const sha of commits) {
    const text = execFileSync('git', ['show', `${sha}:depmap.yaml`], { cwd: dir, env, encoding: 'utf8' });
    const { manifest } = parseManifest(text, 'depmap.yaml');
    const snapshot = buildSnapshot([{ id: 'bench', source: 'bench', manifests: manifest ? [manifest] : [], problems: [], status: 'ok' }], 'bench');
    const diff = diffGraphs(previous, snapshot);
    changes += diff.edges.changed.length;
    previous = snapshot;
  }
  return changes;
};
const naiveRuns = runs;
const naiveTimes = [];
for (let i = 0; i < Math.min(naiveRuns, 1); i++) {
  const start = performance.now();
  naive();
  naiveTimes.push(performance.now() - start);
}
rows.push(['naive: git show per commit + full parse + diff', median(naiveTimes)]);

const raw = rows[0][1];
const cli = rows[1][1];
const inproc = rows[2][1];
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
console.log(`\n${events} commits with graph changes; median of ${runs} runs (naive: 1 run)\n`);
console.log(`| ${pad('method', 62)} | ${lpad('time', 9)} | ${lpad('× raw git log', 13)} |`);
console.log(`|${'-'.repeat(64)}|${'-'.repeat(11)}|${'-'.repeat(15)}|`);
for (const [name, ms] of rows) console.log(`| ${pad(name, 62)} | ${lpad(`${ms.toFixed(0)} ms`, 9)} | ${lpad(`${(ms / raw).toFixed(1)}×`, 13)} |`);
console.log(`\nnaive / depmap CLI: ${(rows[3][1] / cli).toFixed(1)}× faster   naive / depmap in-process: ${(rows[3][1] / inproc).toFixed(1)}× faster`);
console.log(`targets: depmap ≤ 3× raw git log; ≥ 10× faster than naive`);
