#!/usr/bin/env node
/**
 * bench/render, docs with the SVG cache: `depmap docs` of a generated organisation (3,000
 * components by default), once into an empty folder (every SVG drawn), then again after one
 * repo changed one call's version (only the diagrams that show that call are drawn; the
 * others come from the last run's folder). Both are child processes of this run; the first
 * is the baseline. Target: the second run ≤ 10 % of the first.
 *
 *   npm run build && node bench/render/docs-cache.mjs [--quick] [--components 3000] [--keep] [--results <file>]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateOrg, manifestYaml, writeOrg } from '../lib/generate-org.mjs';
import { writeResult } from '../lib/results.mjs';
import { BIN, DIST, benchArgs, ensureBuilt, int, log, tempDir } from '../lib/setup.mjs';
import { printTable, runOnce, verdict } from '../lib/timing.mjs';

const TARGET = 0.1;

const args = benchArgs(
  `usage: node bench/render/docs-cache.mjs [--quick] [--components <n>]

  --components <n>   components of the generated organisation (default 3000, --quick 300)
  --results <file>   append a JSON line for issue 18's table (bench/scale/run.mjs)`,
  { components: { type: 'string' }, results: { type: 'string' } },
);
ensureBuilt(['render/svg.js']);
const components = int(args.components, args.quick ? 300 : 3000);
const { findBrowser } = await import(pathToFileURL(path.join(DIST, 'render/svg.js')).href);
if (!findBrowser()) {
  log('bench: no Chrome or Chromium found; set PUPPETEER_EXECUTABLE_PATH');
  process.exit(2);
}

const work = tempDir('docs-cache', args.keep);
const orgDir = path.join(work, 'org');
const org = generateOrg({ seed: args.seed, components });
writeOrg(orgDir, org);
const out = path.join(work, 'docs');
log(`bench: ${components.toLocaleString('en-US')} components in ${orgDir}`);

const docs = (name) => ({
  name,
  command: process.execPath,
  args: [BIN, 'docs', `${orgDir}/*`, '--out', out, '--no-timeline'],
});
/** `(2 drawn, 11 unchanged)` of the run's summary line. */
function svgCounts(stderr) {
  const match = /(\d+) SVGs \((\d+) drawn, (\d+) unchanged\)/.exec(stderr);
  if (!match) throw new Error(`bench: no SVG summary in the output of depmap docs:\n${stderr.slice(-2000)}`);
  return { svgs: Number(match[1]), drawn: Number(match[2]), unchanged: Number(match[3]) };
}

log('bench: first run (every SVG drawn)…');
const first = runOnce(docs('first run, every SVG drawn'));
const firstCounts = svgCounts(first.stderr);

// One repo changes: the version of a call of a component in the middle of the organisation.
const changed = org.components
  .slice(Math.floor(org.components.length / 2))
  .find((c) => c.services.some((s) => s.api && /^\d+\.\d+\.\d+$/.test(s.version ?? '')));
const call = changed.services.find((s) => s.api && /^\d+\.\d+\.\d+$/.test(s.version ?? ''));
const [major, minor, patch] = call.version.split('.').map(Number);
const was = call.version;
call.version = `${major}.${minor}.${patch + 1}`;
const manifest = path.join(orgDir, changed.name, 'depmap.yaml');
writeFileSync(manifest, manifestYaml(changed));
if (!readFileSync(manifest, 'utf8').includes(call.version))
  throw new Error('bench: the change did not reach the manifest');
log(`bench: ${changed.name} now calls ${call.name} (${call.api}) at ${call.version} instead of ${was}`);

log('bench: second run (one repo changed)…');
const second = runOnce(docs('second run, one repo changed'));
const secondCounts = svgCounts(second.stderr);

const row = (name, r) => ({ name, median: r.ms, min: r.ms, max: r.ms, cpuMedian: r.cpu });
const rows = [row('first run, every SVG drawn', first), row('second run, one repo changed', second)];
printTable(rows, rows[0].name, {
  title: `depmap docs of ${components.toLocaleString('en-US')} components, ${firstCounts.svgs.toLocaleString('en-US')} SVGs`,
});
process.stdout.write('\n| run | ms | SVGs drawn | SVGs unchanged |\n|---|---:|---:|---:|\n');
for (const [r, c] of [
  [rows[0], firstCounts],
  [rows[1], secondCounts],
]) {
  process.stdout.write(`| ${r.name} | ${r.median.toFixed(0)} | ${c.drawn} | ${c.unchanged} |\n`);
}
const pass = verdict('second docs run vs first', second.ms / first.ms, TARGET);
const share = second.ms / first.ms;
writeResult(args.results, {
  row: 'docs-cache',
  what: `docs of ${components.toLocaleString('en-US')} components, second run after one change, wall vs the first run`,
  figure: `${(share * 100).toFixed(1)} %`,
  value: share,
  target: `<= ${TARGET * 100} % of first`,
  pass,
  detail:
    `${(second.ms / 1000).toFixed(1)} s vs ${(first.ms / 1000).toFixed(1)} s; ` +
    `${secondCounts.drawn} of ${secondCounts.svgs.toLocaleString('en-US')} SVGs drawn again`,
});
process.exitCode = pass ? 0 : 1;
