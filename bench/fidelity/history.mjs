#!/usr/bin/env node
/**
 * bench/fidelity/history: history before adoption on real histories. The corpus's
 * make-history.sh rebuilds each case's upstream history (a synthetic baseline, then one
 * commit per dated upstream event, and one negative control that restructures files and
 * changes nothing); `depmap timeline --discover` reads it as a team adopting depmap today
 * would. An event is found when the timeline shows a change at its commit; an event whose
 * expected default view is "no change" (the negative control, an overlay or Helm-only change)
 * is found when it shows none.
 *
 *   node bench/fidelity/history.mjs [--corpus <dir>] [--verbose] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { BIN, ROOT, ensureBuilt, tempDir } from '../lib/setup.mjs';

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', default: path.resolve(ROOT, '..', 'shared', 'realworld') },
    verbose: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
ensureBuilt();
const script = path.join(args.corpus, 'make-history.sh');
if (!existsSync(script)) {
  process.stderr.write(`bench: no ${script}; give the corpus with --corpus <dir>\n`);
  process.exit(2);
}
const work = tempDir('fidelity-history', args.keep);
const made = spawnSync('bash', [script, work], { encoding: 'utf8' });
if (made.status !== 0) {
  process.stderr.write(`bench: make-history.sh failed\n${made.stderr}\n`);
  process.exit(2);
}

const NOTHING = /^(NO change|no node, edge or library change|default (\(compose\) )?view: no change)/i;
const rows = [];
let met = true;
for (const name of ['bank-of-anthos', 'retail-store']) {
  const history = parse(readFileSync(path.join(args.corpus, name, 'history.yaml'), 'utf8'));
  const repo = path.join(work, name);
  const timeline = spawnSync(process.execPath, [BIN, 'timeline', repo, '--discover', '--format', 'json', '--quiet'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (timeline.status !== 0) {
    process.stderr.write(`bench: timeline of ${name} exited ${timeline.status}\n${timeline.stderr}\n`);
    process.exit(2);
  }
  const events = JSON.parse(timeline.stdout).events;
  // make-history.sh commits each event with an `Upstream-commit:` trailer; the subject is the upstream title.
  const log = spawnSync('git', ['log', '--format=%H%x00%(trailers:key=Upstream-commit,valueonly)'], {
    cwd: repo,
    encoding: 'utf8',
  }).stdout;
  const commitOf = new Map();
  for (const line of log.split('\n')) {
    const [oid, upstream] = line.split('\0');
    if (oid && upstream?.trim()) commitOf.set(upstream.trim(), oid);
  }
  let found = 0;
  let controlEmpty;
  const misses = [];
  for (const event of history.events) {
    const oid = commitOf.get(event.sha);
    const shown = events.some((e) => e.commit === oid);
    const nothing = event.negative_control === true || NOTHING.test(String(event.expected ?? ''));
    const ok = nothing ? !shown : shown;
    if (event.negative_control) controlEmpty = !shown;
    if (ok) found++;
    else misses.push(`#${event.seq} ${event.title}${nothing ? ' (expected nothing, something shown)' : ''}`);
  }
  met &&= controlEmpty === true;
  rows.push([name, `${found}/${history.events.length}`, controlEmpty ? 'empty' : 'NOT empty', misses]);
}

process.stdout.write('\nhistory before adoption: timeline --discover on the corpus histories\n');
process.stdout.write('| case | events found | negative control |\n|---|---|---|\n');
for (const [name, found, control] of rows) process.stdout.write(`| ${name} | ${found} | ${control} |\n`);
if (args.verbose)
  for (const [name, , , misses] of rows) for (const m of misses) process.stdout.write(`  ${name} missed: ${m}\n`);
process.exit(met ? 0 : 1);
