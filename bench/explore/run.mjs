#!/usr/bin/env node
/**
 * bench/explore: the explorer page of a generated organisation of ~10,000 nodes and ~50,000
 * edges (bench/lib/generate-org.mjs, scanned by depmap), opened in this machine's headless
 * Chromium. Times, per load, from navigation to the first frame on screen, and from a typed
 * query to its hits on screen (the frame after the input event); the baselines, in the same
 * browser and run, are a blank page's first frame and an empty frame (two
 * requestAnimationFrames). Goals (issue 16): first frame < 2 s, search < 100 ms, page <= 15 MB.
 *
 *   node bench/explore/run.mjs [--runs 5] [--components 2100] [--keep]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateOrg, writeOrg } from '../lib/generate-org.mjs';
import { benchArgs, BIN, DIST, ensureBuilt, int, log, tempDir } from '../lib/setup.mjs';
import { median } from '../lib/timing.mjs';

const args = benchArgs('usage: node bench/explore/run.mjs [--runs 5] [--components 2100]', {
  components: { type: 'string' },
});
ensureBuilt(['render/launch-browser.js', 'render/find-browser.js']);
const RUNS = int(args.runs, args.quick ? 2 : 5);
const COMPONENTS = int(args.components, args.quick ? 500 : 2100);
const GOALS = { frame: 2000, search: 100, megabytes: 15 };
const QUERIES = ['checkout-api', 'pay', 'pkg:npm/exp', 'team-', 'zzz-nothing'];

const work = tempDir('explore', args.keep);
const org = path.join(work, 'org');
writeOrg(
  org,
  generateOrg({
    seed: args.seed,
    components: COMPONENTS,
    librariesPerComponent: 19,
    servicesPerComponent: 5,
    internalLibraries: Math.round(COMPONENTS * 5.25),
  }),
);
const graph = path.join(work, 'graph.json');
const page = path.join(work, 'map.html');
execFileSync(process.execPath, [BIN, 'scan', path.join(org, '*'), '--out', graph, '-q'], { stdio: 'ignore' });
const started = performance.now();
execFileSync(process.execPath, [BIN, 'explore', '--snapshot', graph, '--out', page, '-q']);
const writeMs = performance.now() - started;
const blank = path.join(work, 'blank.html');
writeFileSync(
  blank,
  '<!doctype html><meta charset="utf-8"><body><script>requestAnimationFrame(() => requestAnimationFrame(() => { window.__frame = performance.now(); }));</script>',
);

const { findBrowser } = await import(pathToFileURL(path.join(DIST, 'render/find-browser.js')).href);
const { launchBrowser } = await import(pathToFileURL(path.join(DIST, 'render/launch-browser.js')).href);
const executable = findBrowser();
if (!executable) {
  log('bench: no Chrome or Chromium found (apt-get install chromium, or set PUPPETEER_EXECUTABLE_PATH)');
  process.exit(2);
}
const browser = await launchBrowser(executable, process.env);
const samples = { frame: [], blank: [], search: [], empty: [] };
let nodes = 0;
try {
  for (let r = 0; r < RUNS; r++) {
    const tab = await browser.newPage();
    await tab.setViewport({ width: 1400, height: 900 });
    await tab.goto(pathToFileURL(blank).href, { waitUntil: 'load' });
    await tab.waitForFunction('window.__frame !== undefined', { polling: 10 });
    samples.blank.push(await tab.evaluate(() => window.__frame));
    await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });
    await tab.waitForFunction('window.__depmap__ && window.__depmap__.ready === true', {
      timeout: 120_000,
      polling: 10,
    });
    samples.frame.push(await tab.evaluate(() => window.__depmap__.firstFrameMs));
    const counts = await tab.evaluate(() => window.__depmap__.counts());
    nodes = counts.nodes;
    for (const q of QUERIES) {
      // A query typed (its input event) until its hits and rings are on screen (two frames later).
      const { answer, empty } = await tab.evaluate(async (query) => {
        const frame = () => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
        const input = document.getElementById('q');
        let t0 = performance.now();
        await frame();
        const emptyMs = performance.now() - t0;
        t0 = performance.now();
        input.value = query;
        input.dispatchEvent(new Event('input'));
        await frame();
        const answerMs = performance.now() - t0;
        input.value = '';
        input.dispatchEvent(new Event('input'));
        return { answer: answerMs, empty: emptyMs };
      }, q);
      samples.search.push(answer);
      samples.empty.push(empty);
    }
    await tab.close();
  }
} finally {
  await browser.close();
}

const bytes = statSync(page).size;
const snapshot = JSON.parse(readFileSync(graph, 'utf8'));
const data = { nodes: snapshot.nodes.length, edges: snapshot.edges.length };
const row = (name, list, baseline, goal) => {
  const m = median(list);
  return `| ${name} | ${m.toFixed(0)} | ${Math.min(...list).toFixed(0)} | ${Math.max(...list).toFixed(0)} | ${median(baseline).toFixed(0)} | ${(m / median(baseline)).toFixed(2)}x | < ${goal} | ${m < goal ? 'PASS' : 'MISS'} |`;
};
const out = [
  '',
  `explorer: ${data.nodes} nodes, ${data.edges} edges (${COMPONENTS} generated repos); page ${(bytes / 1024 / 1024).toFixed(2)} MB written in ${writeMs.toFixed(0)} ms; ${RUNS} loads in headless Chromium, ${QUERIES.length} queries each; overview shows ${nodes} nodes`,
  '| measure | median ms | min | max | baseline ms | ratio | goal ms | |',
  '|---|---:|---:|---:|---:|---:|---:|---|',
  row('navigation → first frame (baseline: a blank page)', samples.frame, samples.blank, GOALS.frame),
  row('query typed → hits on screen (baseline: an empty frame)', samples.search, samples.empty, GOALS.search),
  `| page size MB | ${(bytes / 1024 / 1024).toFixed(2)} | | | | | ≤ ${GOALS.megabytes} | ${bytes <= GOALS.megabytes * 1024 * 1024 ? 'PASS' : 'MISS'} |`,
  '',
];
process.stdout.write(out.join('\n'));
const ok =
  median(samples.frame) < GOALS.frame && median(samples.search) < GOALS.search && bytes <= GOALS.megabytes << 20;
process.exit(ok ? 0 : 1);
