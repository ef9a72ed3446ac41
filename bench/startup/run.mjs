#!/usr/bin/env node
/**
 * bench/startup: how long depmap takes to start and answer on one small repo, the way CI
 * runs it (a process per call): `depmap --version`, `depmap validate` and `depmap check`,
 * against `node -e 0` (Node's own start) and `eslint --version` (a CLI people run in the same
 * jobs), timed in one run. Target: check <= 1.3x eslint --version.
 *
 *   node bench/startup/run.mjs [--quick] [--runs 15]
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BIN, benchArgs, ensureBuilt, int, log, tempDir } from '../lib/setup.mjs';
import { printTable, timeCommands, verdict } from '../lib/timing.mjs';

const TARGET = 1.3;
const args = benchArgs('usage: node bench/startup/run.mjs [--quick] [--runs <n>]');
ensureBuilt();
const runs = int(args.runs, args.quick ? 5 : 15);
const warmup = int(args.warmup, 2);

const dir = tempDir('startup', args.keep);
writeFileSync(
  path.join(dir, 'depmap.yaml'),
  'depmap: 1\nname: checkout\nkind: service\nowner: team-payments\nlibraries:\n  - pkg:npm/express@4.19.2\n  - pkg:npm/pg@8.12.0\nservices:\n  - { name: orders-db, kind: database, protocol: sql, image: "postgres:16.3" }\n',
);
const eslint = path.join(
  path.dirname(createRequire(import.meta.url).resolve('eslint/package.json')),
  'bin',
  'eslint.js',
);
const node = process.execPath;
const cases = [
  { name: 'node -e 0', command: node, args: ['-e', '0'], cwd: dir },
  { name: 'eslint --version', command: node, args: [eslint, '--version'], cwd: dir },
  { name: 'depmap --version', command: node, args: [BIN, '--version'], cwd: dir },
  {
    name: 'depmap validate',
    command: node,
    args: [BIN, 'validate'],
    cwd: dir,
    check: (out) =>
      void (
        out.includes('all valid') ||
        (() => {
          throw new Error(out);
        })()
      ),
  },
  {
    name: 'depmap check',
    command: node,
    args: [BIN, 'check'],
    cwd: dir,
    check: (out) =>
      void (
        out.includes('passes') ||
        (() => {
          throw new Error(out);
        })()
      ),
  },
];

log(`timing (${warmup} warm-up, ${runs} runs each, interleaved) …`);
const rows = timeCommands(cases, { runs, warmup });
printTable(rows, 'eslint --version', { title: 'start-up: one repo, one manifest' });
const by = Object.fromEntries(rows.map((r) => [r.name, r]));
const pass = verdict(
  'depmap check vs eslint --version',
  by['depmap check'].median / by['eslint --version'].median,
  TARGET,
);
const node0 = by['node -e 0'].median;
process.stdout.write(
  `     (beyond node's own start: depmap check ${(by['depmap check'].median - node0).toFixed(0)} ms, eslint --version ${(by['eslint --version'].median - node0).toFixed(0)} ms)\n`,
);
process.exitCode = pass ? 0 : 1;
