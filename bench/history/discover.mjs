#!/usr/bin/env node
/**
 * bench/history/discover: history before adoption at scale. A repo without a depmap.yaml
 * whose N commits each bump a lockfile or an image tag in its compose file (built by one
 * `git fast-import`), read by `depmap timeline --discover`, against a raw `git log -p` of the
 * same files in the same run. Issue 14's targets: <= 4x at 5,000 commits; from 50,000 commits
 * <= 3x, with a peak memory (max RSS) of the depmap process <= 300 MB.
 *
 *   node bench/history/discover.mjs [--commits 5000] [--runs 3] [--keep]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BIN, ensureBuilt, tempDir } from '../lib/setup.mjs';
import { median } from '../lib/timing.mjs';

const { values: args } = parseArgs({
  options: {
    commits: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});
ensureBuilt();
const N = Number.parseInt(args.commits, 10);
const RUNS = Number.parseInt(args.runs, 10);
// Issue 14: 5,000 commits <= 4x; 50,000 commits <= 3x and <= 300 MB peak.
const AT_SCALE = N >= 50_000;
const TARGET = AT_SCALE ? 3 : 4;
const PEAK_MB = AT_SCALE ? 300 : undefined;
const dir = path.join(tempDir('history-discover', args.keep), 'repo');

const lock = (i) =>
  JSON.stringify({
    name: 'web',
    lockfileVersion: 3,
    packages: {
      '': { name: 'web', dependencies: { express: '^4.0.0', pg: '^8.0.0' } },
      'node_modules/express': { version: `4.${Math.floor(i / 100)}.${i % 100}` },
      'node_modules/pg': { version: '8.12.0' },
    },
  });
const compose = (i) =>
  `services:\n  web:\n    build: ./web\n    environment:\n      DATABASE_URL: postgres://app@db:5432/app\n  db:\n    image: postgres:16.${i % 50}\n`;

// One fast-import stream: commit i changes the lockfile (even i) or the compose image (odd i).
let stream = '';
const blob = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
for (let i = 0; i < N; i++) {
  const when = 1_700_000_000 + i * 3600;
  stream += `commit refs/heads/main\ncommitter Bench <bench@example.com> ${when} +0000\n${blob(`commit ${i}`)}`;
  if (i === 0 || i % 2 === 0) stream += `M 100644 inline web/package-lock.json\n${blob(lock(i))}`;
  if (i === 0)
    stream += `M 100644 inline web/package.json\n${blob('{"name":"web","dependencies":{"express":"^4.0.0","pg":"^8.0.0"}}')}`;
  if (i === 0 || i % 2 === 1) stream += `M 100644 inline docker-compose.yml\n${blob(compose(i))}`;
}
execFileSync('git', ['init', '-q', '-b', 'main', dir]);
execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: stream, maxBuffer: 1 << 30 });
execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: dir });

const timeIt = (cmd, argv) => {
  const samples = [];
  const cpu = [];
  let peak = 0;
  for (let r = 0; r < RUNS; r++) {
    const useTime = existsSync('/usr/bin/time');
    const [bin, a] = useTime ? ['/usr/bin/time', ['-f', 'MAXRSS %M CPU %U %S', cmd, ...argv]] : [cmd, argv];
    const start = performance.now();
    const res = spawnSync(bin, a, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
    samples.push(performance.now() - start);
    if (res.status !== 0) throw new Error(`${cmd} failed: ${res.stderr}`);
    const rss = /MAXRSS (\d+)/.exec(res.stderr ?? '');
    if (rss) peak = Math.max(peak, Number(rss[1]) / 1024);
    const time = /CPU ([\d.]+) ([\d.]+)/.exec(res.stderr ?? '');
    if (time) cpu.push((Number(time[1]) + Number(time[2])) * 1000);
  }
  // CPU time (user + sys) moves less than wall time when other jobs share the machine.
  return { ms: median(samples), peak, cpu: cpu.length === RUNS ? median(cpu) : undefined };
};

const raw = timeIt('git', ['log', '-p', '--first-parent', '--', 'docker-compose.yml', 'web/package-lock.json']);
const cli = timeIt(process.execPath, [BIN, 'timeline', '.', '--discover', '--format', 'json', '-q']);
const ratio = cli.ms / raw.ms;
process.stdout.write(`\nhistory before adoption: ${N} commits (lockfile and image bumps), median of ${RUNS}\n`);
const cpuCell = (r) => (r.cpu === undefined ? 'n/a' : r.cpu.toFixed(0));
const cpuRatio = raw.cpu && cli.cpu ? `${(cli.cpu / raw.cpu).toFixed(2)}x` : 'n/a';
process.stdout.write(
  '| name | median ms | ratio vs git log -p | cpu ms (user+sys) | cpu ratio | peak MB |\n|---|---:|---:|---:|---:|---:|\n',
);
process.stdout.write(
  `| git log -p of the two files | ${raw.ms.toFixed(0)} | 1.00x | ${cpuCell(raw)} | 1.00x | ${raw.peak.toFixed(0)} |\n`,
);
process.stdout.write(
  `| depmap timeline --discover | ${cli.ms.toFixed(0)} | ${ratio.toFixed(2)}x | ${cpuCell(cli)} | ${cpuRatio} | ${cli.peak.toFixed(0)} |\n`,
);
process.stdout.write(
  `${ratio <= TARGET ? 'PASS' : 'MISS'} timeline --discover vs git log -p: ${ratio.toFixed(2)}x (target <= ${TARGET}x)\n`,
);
const peakOk = PEAK_MB === undefined || (cli.peak > 0 && cli.peak <= PEAK_MB);
if (PEAK_MB !== undefined) {
  const seen = cli.peak > 0 ? `${cli.peak.toFixed(0)} MB` : 'not measured (no /usr/bin/time)';
  process.stdout.write(`${peakOk ? 'PASS' : 'MISS'} peak memory of depmap: ${seen} (target <= ${PEAK_MB} MB)\n`);
}
process.exit(ratio <= TARGET && peakOk ? 0 : 1);
