#!/usr/bin/env node
/**
 * bench/history/org: the timeline of an organisation. A folder of R repos (default 100), each
 * with C commits (default 200) that change its depmap.yaml (make-repo.mjs's random walk of
 * realistic edits, one component name per repo), read by one `depmap timeline 'org/*'`,
 * against `git log -p` of the same file run on each repo in turn (a shell loop) in the same
 * run. Target: <= 4x. With `--discover` (or `--only discover`) it also times
 * `timeline --discover` over R repos without a manifest whose commits bump a lockfile or an
 * image tag, against `git log -p` of those files. Prints the peak memory of the depmap process.
 *
 *   node bench/history/org.mjs [--repos 100] [--commits 200] [--runs 5] [--discover] [--keep]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchArgs, BIN, ensureBuilt, int, tempDir } from '../lib/setup.mjs';
import { printTable, runOnce, timeCommands, verdict } from '../lib/timing.mjs';
import { manifestVersions } from './make-repo.mjs';

const args = benchArgs(
  'usage: node bench/history/org.mjs [--repos 100] [--commits 200] [--discover] [--only manifests|discover]',
  {
    repos: { type: 'string' },
    commits: { type: 'string' },
    discover: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
);
ensureBuilt();
const REPOS = int(args.repos, args.quick ? 20 : 100);
const COMMITS = int(args.commits, args.quick ? 50 : 200);
const RUNS = int(args.runs, args.quick ? 2 : 5);
const WARMUP = int(args.warmup, 1);
const TARGET = 4;
const work = tempDir('history-org', args.keep);
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const blob = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;

/** One repo from one fast-import stream of `files(i)` per commit, checked out. */
function makeRepo(dir, files) {
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env });
  let stream = '';
  const start = Date.UTC(2020, 0, 1) / 1000;
  for (let i = 0; i < COMMITS; i++) {
    const when = start + i * 3600 + Math.floor(Math.random() * 600);
    stream += `commit refs/heads/main\ncommitter Dev <dev@example.com> ${when} +0000\n${blob(`change ${i + 1}`)}`;
    for (const [file, text] of Object.entries(files(i))) stream += `M 100644 inline ${file}\n${blob(text)}`;
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: stream, env, maxBuffer: 1 << 30 });
  execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: dir, env });
}

/** A shell loop: `git log -p` of `files` in each repo, one after the other. */
function gitLoop(org, files) {
  const script = path.join(work, `loop-${path.basename(org)}.sh`);
  writeFileSync(
    script,
    `for d in "${org}"/*/; do git -C "$d" log -p --first-parent -- ${files.join(' ')} > /dev/null; done\n`,
  );
  return { command: 'bash', args: [script], env };
}

/** Peak memory (MB) of one run of a command, through GNU time when there is one. */
function peakMb(c) {
  try {
    const r = runOnce({ ...c, command: '/usr/bin/time', args: ['-f', 'MAXRSS %M', c.command, ...c.args] });
    const m = /MAXRSS (\d+)/.exec(r.stderr);
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

let met = true;
function part(label, org, files, depmapArgs, check) {
  const baseline = `git log -p, each repo in turn`;
  const cli = `depmap ${depmapArgs.join(' ')}`;
  const cases = [
    { name: baseline, ...gitLoop(org, files) },
    {
      name: cli,
      command: process.execPath,
      args: [BIN, ...depmapArgs, `${org}/*`, '--format', 'json', '-q'],
      env,
      check,
    },
  ];
  const rows = timeCommands(cases, { runs: RUNS, warmup: WARMUP });
  printTable(rows, baseline, { title: `${label}: ${REPOS} repos x ${COMMITS} commits, median of ${RUNS}` });
  const peak = peakMb(cases[1]);
  if (peak !== undefined) process.stdout.write(`peak memory of depmap: ${peak.toFixed(0)} MB\n`);
  const ratio = rows[1].median / rows[0].median;
  met = verdict(`${cli} vs ${baseline}`, ratio, TARGET) && met;
  if (rows.every((r) => r.cpuMedian !== undefined))
    process.stdout.write(`  (cpu: ${(rows[1].cpuMedian / rows[0].cpuMedian).toFixed(2)}x)\n`);
}

const expectEvents = (min) => (stdout) => {
  const events = JSON.parse(stdout).events.length;
  if (events < min) throw new Error(`expected at least ${min} events, got ${events}`);
};

if (args.only !== 'discover') {
  const org = path.join(work, 'org');
  const t = performance.now();
  for (let r = 0; r < REPOS; r++) {
    const versions = manifestVersions(COMMITS, r + 1).map((text) =>
      text.replace('name: checkout', `name: service-${r}`),
    );
    makeRepo(path.join(org, `repo-${String(r).padStart(3, '0')}`), (i) => ({ 'depmap.yaml': versions[i] }));
  }
  process.stderr.write(`bench: ${REPOS} manifest repos built in ${(performance.now() - t).toFixed(0)} ms\n`);
  part('org timeline (manifests)', org, ['depmap.yaml'], ['timeline'], expectEvents(REPOS * COMMITS * 0.5));
}

if (args.discover || args.only === 'discover') {
  const org = path.join(work, 'org-discover');
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
  const compose = (r, i) =>
    `services:\n  web-${r}:\n    build: ./web\n    environment:\n      DATABASE_URL: postgres://app@db:5432/app\n  db:\n    image: postgres:16.${i % 50}\n`;
  const t = performance.now();
  for (let r = 0; r < REPOS; r++) {
    makeRepo(path.join(org, `repo-${String(r).padStart(3, '0')}`), (i) => ({
      ...(i === 0 || i % 2 === 0 ? { 'web/package-lock.json': lock(i) } : {}),
      ...(i === 0 ? { 'web/package.json': '{"name":"web","dependencies":{"express":"^4.0.0","pg":"^8.0.0"}}' } : {}),
      ...(i === 0 || i % 2 === 1 ? { 'docker-compose.yml': compose(r, i) } : {}),
    }));
  }
  process.stderr.write(`bench: ${REPOS} repos without a manifest built in ${(performance.now() - t).toFixed(0)} ms\n`);
  part(
    'org timeline --discover',
    org,
    ['docker-compose.yml', 'web/package-lock.json'],
    ['timeline', '--discover'],
    expectEvents(REPOS * COMMITS * 0.9),
  );
}
process.exit(met ? 0 : 1);
