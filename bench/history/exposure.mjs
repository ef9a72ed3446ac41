/**
 * `depmap exposure` over an organisation's history: 100 repos × 200 commits (each changing the
 * repo's manifest, log4j-core among its libraries and bumped now and then). The history is read
 * once in-process, as the command does; then the exposure question is timed on it, and put
 * beside the read (the baseline of the same run). Target: exposure < 1 s after the read.
 *
 *   npm run build && node bench/history/exposure.mjs [--repos 100] [--commits 200] [--runs 20] [--keep]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { manifestVersions } from './make-repo.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({
  options: {
    repos: { type: 'string', default: '100' },
    commits: { type: 'string', default: '200' },
    runs: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
  },
});
const repos = Number(args.repos);
const commits = Number(args.commits);
const runs = Number(args.runs);
if (!existsSync(path.join(root, 'build/history/exposure.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}
const load = (rel) => import(pathToFileURL(path.join(root, 'build', rel)).href);
const { readOrgTimeline } = await load('history/org-history.js');
const { lineageOf } = await load('history/lineage.js');
const { findExposure } = await load('history/exposure.js');
const { parseRange } = await load('graph/version-range/index.js');

const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const LOG4J = ['2.11.2', '2.12.1', '2.13.3', '2.14.0', '2.14.1', '2.15.0', '2.16.0', '2.17.0', '2.17.1', '2.20.0'];

/** One repo: the make-repo walk of manifest edits, named after the repo, with log4j-core bumped every ~30 commits. */
function makeRepo(dir, i) {
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env });
  const texts = manifestVersions(commits, 1000 + i);
  const start = Date.UTC(2019, 0, 1) / 1000 + i * 600;
  const chunks = [];
  for (let c = 0; c < commits; c++) {
    const log4j = LOG4J[Math.min(LOG4J.length - 1, Math.floor((c + (i % 30)) / 30))];
    const text = texts[c]
      .replace('name: checkout', `name: svc-${i}`)
      .replace(/name: (payments|orders|inventory|search),/g, (_, n) => `name: svc-${(i + n.length) % repos},`)
      .replace('libraries:\n', `libraries:\n  - pkg:maven/org.apache.logging.log4j/log4j-core@${log4j}\n`);
    const when = start + c * 10 * 86400; // every ten days: 2019 to 2024
    const message = `change ${c + 1}`;
    chunks.push(
      `commit refs/heads/main\nmark :${c + 1}\nauthor Dev ${c % 7} <dev${c % 7}@example.com> ${when} +0000\ncommitter Dev ${c % 7} <dev${c % 7}@example.com> ${when} +0000\n` +
        `data ${Buffer.byteLength(message)}\n${message}\n` +
        (c > 0 ? `from :${c}\n` : '') +
        `M 100644 inline depmap.yaml\ndata ${Buffer.byteLength(text)}\n${text}\n`,
    );
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join(''), env, maxBuffer: 1 << 30 });
}

const work = path.join(os.tmpdir(), `depmap-bench-exposure-${process.pid}`);
let t = performance.now();
const sources = [];
for (let i = 0; i < repos; i++) {
  const dir = path.join(work, `repo-${String(i).padStart(3, '0')}`);
  makeRepo(dir, i);
  sources.push({ id: path.basename(dir), dir, display: dir });
}
console.log(`org: ${repos} repos × ${commits} commits, built in ${(performance.now() - t).toFixed(0)} ms`);

try {
  t = performance.now();
  const timeline = await readOrgTimeline(sources, { docker: 'exact', env, concurrency: 4 });
  const readMs = performance.now() - t;
  t = performance.now();
  const lineage = lineageOf(timeline);
  const foldMs = performance.now() - t;
  const purl = 'pkg:maven/org.apache.logging.log4j/log4j-core';
  const range = parseRange('maven', '<2.15.0');
  const query = {
    purl,
    versions: { text: '<2.15.0 (maven)', matches: (v) => range.matches(v) },
    at: { start: Date.UTC(2021, 11, 10), end: Date.UTC(2021, 11, 11) - 1 },
    callers: true,
  };
  const times = [];
  let answer;
  for (let r = 0; r < runs; r++) {
    const s = performance.now();
    answer = findExposure(lineage, query);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))];
  const rows = [
    ['read the org history (baseline)', readMs, 1],
    ['fold lineage', foldMs, foldMs / readMs],
    ['exposure --at --callers, median', median, median / readMs],
    ['exposure --at --callers, p95', p95, p95 / readMs],
  ];
  console.log(
    `\n${lineage.edges.length} edges, ${timeline.events.length} events; ${answer.components.length} components exposed on 2021-12-10\n`,
  );
  console.log('| step | ms | ratio vs history read |');
  console.log('|---|---:|---:|');
  for (const [name, ms, ratio] of rows) console.log(`| ${name} | ${ms.toFixed(1)} | ${ratio.toFixed(4)}x |`);
  const ok = p95 + foldMs < 1000;
  console.log(
    `\n${ok ? 'PASS' : 'FAIL'} exposure after the history is read (fold + p95 query): ${(p95 + foldMs).toFixed(1)} ms (target < 1000 ms)`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  if (!args.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}
