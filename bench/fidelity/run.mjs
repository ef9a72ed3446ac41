#!/usr/bin/env node
/**
 * bench/fidelity: how true a picture discovery gives of real systems that have no depmap.yaml.
 * Each case of the real-world corpus (../shared/realworld by default: public microservice
 * systems, data files only, with a hand-read truth.yaml) is copied into a fresh git repo and
 * mapped two ways, as a new user would: `depmap scan --discover`, and `depmap init` followed by
 * `depmap scan`. Each map is scored against the truth (score.mjs, the corpus README's rules).
 * Targets: edge recall and precision >= 95 % on every case by both paths, and every service
 * with its own libraries.
 *
 *   node bench/fidelity/run.mjs [--corpus <dir>] [--case <name>] [--verbose] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { BIN, ROOT, ensureBuilt, tempDir } from '../lib/setup.mjs';
import { scoreSnapshot } from './score.mjs';

const GOAL = { recall: 0.95, precision: 0.95, libraries: 1 };
const USAGE = 'usage: node bench/fidelity/run.mjs [--corpus <dir>] [--case <name>] [--verbose] [--keep]';

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      corpus: { type: 'string', default: path.resolve(ROOT, '..', 'shared', 'realworld') },
      case: { type: 'string', multiple: true },
      verbose: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  process.stderr.write(`bench: ${error.message}\n${USAGE}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
ensureBuilt();
if (!existsSync(args.corpus)) {
  process.stderr.write(`bench: no corpus at ${args.corpus}; give one with --corpus <dir>\n`);
  process.exit(2);
}
const cases = readdirSync(args.corpus, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(args.corpus, d.name, 'truth.yaml')))
  .map((d) => d.name)
  .filter((name) => !args.case || args.case.includes(name))
  .sort();
if (cases.length === 0) {
  process.stderr.write(`bench: no case with a truth.yaml in ${args.corpus}\n`);
  process.exit(2);
}

const work = tempDir('fidelity', args.keep);

function run(command, argv, cwd) {
  const result = spawnSync(command, argv, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.error) throw result.error;
  return result;
}

function depmap(argv, cwd, label) {
  const result = run(process.execPath, [BIN, ...argv], cwd);
  // 0 clean, 1 findings (a discovered map has unpinned things): both give a map.
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${label}: depmap ${argv.join(' ')} exited ${result.status}\n${result.stderr.slice(-2000)}`);
  }
  return result;
}

/** The case's files as a fresh repo named after the case, committed once (as a checkout is). */
function checkout(name, where) {
  const dir = path.join(work, where, name);
  cpSync(path.join(args.corpus, name, 'files'), dir, { recursive: true });
  const git = (...a) => {
    const r = run('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...a], dir);
    if (r.status !== 0) throw new Error(`git ${a.join(' ')}: ${r.stderr}`);
  };
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'corpus');
  return dir;
}

function mapBy(pathName, name) {
  const dir = checkout(name, pathName);
  const out = path.join(work, `${pathName}-${name}.json`);
  if (pathName === 'discover') depmap(['scan', dir, '--discover', '--quiet', '--out', out], work, name);
  else {
    depmap(['init', dir], work, name);
    depmap(['scan', dir, '--quiet', '--out', out], work, name);
  }
  return JSON.parse(readFileSync(out, 'utf8'));
}

const pct = (r) => `${(r.value * 100).toFixed(0)}% (${r.found}/${r.of})`;
const rows = [];
let met = true;
for (const name of cases) {
  const truth = parse(readFileSync(path.join(args.corpus, name, 'truth.yaml'), 'utf8'));
  for (const pathName of ['discover', 'init']) {
    let score;
    try {
      score = scoreSnapshot(truth, mapBy(pathName, name));
    } catch (error) {
      process.stderr.write(`bench: ${name} (${pathName}) failed: ${error.message}\n`);
      met = false;
      rows.push([name, pathName, 'failed', ...Array(8).fill('')]);
      continue;
    }
    const ok =
      score.recall.value >= GOAL.recall &&
      score.precision.value >= GOAL.precision &&
      score.libraries.services.value >= GOAL.libraries;
    met &&= ok;
    rows.push([
      name,
      pathName,
      pct(score.nodes),
      pct(score.nodePrecision),
      pct(score.recall) + (score.hasPlatform ? ` [${pct(score.recallWithoutPlatform)} w/o platform]` : ''),
      pct(score.precision),
      pct(score.protocols),
      pct(score.libraries.services),
      pct(score.libraries.entries),
      pct(score.libraries.versions),
      pct(score.images),
    ]);
    if (args.verbose) {
      const say = (label, items) => items.length && process.stderr.write(`  ${label}: ${items.join('; ')}\n`);
      process.stderr.write(`${name} (${pathName})\n`);
      say('missed edges', score.missed);
      say('false positives', score.falsePositives);
      say('protocols', score.protocolMisses);
      say('missing nodes', score.missingNodes);
      say('extra nodes', score.extraNodes);
      say(
        'libraries',
        score.libraries.rows.map((r) => `${r.service} ${r.entries}/${r.listed} (versions ${r.versions})`),
      );
      say(
        'image pins',
        score.imageRows
          .filter((r) => r.got !== r.want)
          .map((r) => `${r.name} ${r.got ?? 'no image'} (truth ${r.want})`),
      );
    }
  }
}

const header = [
  'case',
  'path',
  'nodes',
  'node precision',
  'edge recall',
  'edge precision',
  'protocols',
  'services with own libraries',
  'library entries',
  'versions right',
  'image pins',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
process.stdout.write(`\ndiscovery fidelity on ${args.corpus}\n`);
process.stdout.write(`${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
for (const r of rows) process.stdout.write(`${line(r)}\n`);
process.stdout.write(
  `${met ? 'PASS' : 'MISS'} goals: edge recall and precision >= 95 % on every case by both paths; every service with its own libraries\n`,
);
process.exit(met ? 0 : 1);
