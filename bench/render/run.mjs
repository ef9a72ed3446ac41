#!/usr/bin/env node
/**
 * bench/render: 50 diagrams drawn to SVG
 *
 *   - baseline: one `mmdc` process per diagram (node_modules/.bin/mmdc, with a puppeteer
 *     config file for the browser), as a script that loops over the .mmd files would do;
 *   - depmap: renderSvgs() from build/render/svg.js, one browser for all the diagrams, with
 *     one page and with two pages rendering at once.
 *
 * Each is a child process timed in the same run (interleaved). The diagrams are the real
 * ones: the split architecture of the generated large organisation (overview, systems,
 * parts) and focus views of its components. Target: depmap ≥ 5× faster than the baseline.
 *
 *   npm run build && node bench/render/run.mjs [--quick] [--runs 1] [--diagrams 50]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateLargeOrg } from '../../fixtures/large-org/generate.mjs';
import { BIN, DIST, ROOT, benchArgs, ensureBuilt, int, log, tempDir } from '../lib/setup.mjs';
import { printTable, timeCommands } from '../lib/timing.mjs';

const TARGET = 5;

const args = benchArgs(
  `usage: node bench/render/run.mjs [--quick] [--runs <n>] [--diagrams <n>]

  --diagrams <n>   diagrams to draw (default 50, --quick 10)
  --runs <n>       timed runs of each way (default 1: the baseline alone takes ~1.5 min)`,
  { diagrams: { type: 'string' } },
);
ensureBuilt(['cli/main.js', 'render/svg.js', 'render/select-view.js']);
const count = int(args.diagrams, args.quick ? 10 : 50);
const runs = int(args.runs, 1);
const warmup = int(args.warmup, 0);

const { findBrowser } = await import(pathToFileURL(path.join(DIST, 'render/svg.js')).href);
const { renderView } = await import(pathToFileURL(path.join(DIST, 'render/select-view.js')).href);
const browser = findBrowser();
if (!browser) {
  log('bench: no Chrome or Chromium found; set PUPPETEER_EXECUTABLE_PATH');
  process.exit(2);
}

const work = tempDir('render', args.keep);
const org = path.join(work, 'large-org');
for (const [rel, text] of Object.entries(generateLargeOrg())) {
  mkdirSync(path.dirname(path.join(org, rel)), { recursive: true });
  writeFileSync(path.join(org, rel), text);
}
const graph = path.join(work, 'graph.json');
const scan = spawnSync(process.execPath, [BIN, 'scan', org, '--out', graph, '-q'], { encoding: 'utf8' });
if (scan.status !== 0 && scan.status !== 1) throw new Error(scan.stderr);
const snapshot = JSON.parse(readFileSync(graph, 'utf8'));

// The split architecture, then focus views of components, up to `count` diagrams.
const request = { format: 'mermaid', style: 'flowchart' };
const diagrams = renderView(snapshot, { ...request, view: 'architecture' }).outputs.map((o) => ({
  name: o.name,
  text: o.text,
}));
for (const node of snapshot.nodes.filter((n) => n.type === 'component')) {
  if (diagrams.length >= count) break;
  const [o] = renderView(snapshot, { ...request, view: 'focus', focus: node.id }).outputs;
  diagrams.push({ name: `focus-${diagrams.length}`, text: o.text });
}
diagrams.length = Math.min(diagrams.length, count);
const mmdDir = path.join(work, 'mmd');
mkdirSync(mmdDir);
diagrams.forEach((d, i) => writeFileSync(path.join(mmdDir, `${String(i).padStart(3, '0')}-${d.name}.mmd`), d.text));
const chars = diagrams.reduce((sum, d) => sum + d.text.length, 0);
log(
  `bench: ${diagrams.length} diagrams (${Math.round(chars / diagrams.length).toLocaleString('en-US')} characters on average), browser ${browser}`,
);

// mmdc needs the same launch flags depmap uses (root needs --no-sandbox).
const puppeteerConfig = path.join(work, 'puppeteer.json');
const launchArgs = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
if (process.getuid?.() === 0) launchArgs.push('--no-sandbox');
writeFileSync(puppeteerConfig, JSON.stringify({ executablePath: browser, args: launchArgs }));

const mmdcOut = path.join(work, 'mmdc-out');
const depmapOut = path.join(work, 'depmap-out');
mkdirSync(mmdcOut);
mkdirSync(depmapOut);
const each = path.join(ROOT, 'bench/render/mmdc-each.mjs');
const once = path.join(ROOT, 'bench/render/svgs-once.mjs');
const rows = timeCommands(
  [
    {
      name: 'mmdc, one process per diagram',
      command: process.execPath,
      args: [each, mmdDir, mmdcOut, puppeteerConfig],
    },
    { name: 'depmap renderSvgs, 1 page', command: process.execPath, args: [once, mmdDir, depmapOut, '1'] },
    { name: 'depmap renderSvgs, 2 pages', command: process.execPath, args: [once, mmdDir, depmapOut, '2'] },
  ],
  { runs, warmup, log },
);

// Both must have drawn every diagram.
for (const dir of [mmdcOut, depmapOut]) {
  const svgs = diagrams.map((_, i) =>
    readFileSync(path.join(dir, `${String(i).padStart(3, '0')}-${diagrams[i].name}.svg`), 'utf8'),
  );
  if (!svgs.every((s) => s.includes('<svg'))) throw new Error(`bench: missing SVGs in ${dir}`);
}

const base = rows[0];
printTable(rows, base.name, { title: `${diagrams.length} diagrams to SVG` });
process.stdout.write('\n| way | total s | per diagram ms | speed-up vs mmdc |\n|---|---:|---:|---:|\n');
for (const r of rows) {
  process.stdout.write(
    `| ${r.name} | ${(r.median / 1000).toFixed(1)} | ${(r.median / diagrams.length).toFixed(0)} | ${(base.median / r.median).toFixed(1)}x |\n`,
  );
}
const best = base.median / Math.min(...rows.slice(1).map((r) => r.median));
const pass = best >= TARGET;
process.stdout.write(
  `${pass ? 'PASS' : 'MISS'} one browser vs one mmdc per diagram: ${best.toFixed(1)}x faster (target >= ${TARGET}x)\n`,
);
process.exitCode = pass ? 0 : 1;
