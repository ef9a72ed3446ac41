#!/usr/bin/env node
/**
 * Where a scan's time goes, phase by phase, in one process: the same files read and parsed
 * by ever more of depmap's pipeline (built modules from build/), each against the bare
 * read + yaml.parse baseline of the same run. Slower than a child-process timing but it
 * says which step to look at.
 *
 *   node bench/lib/phases.mjs <org-dir> [--runs 3]
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LineCounter, parse, parseAllDocuments } from 'yaml';
import { DIST } from './setup.mjs';
import { median } from './timing.mjs';

const dist = (f) => import(pathToFileURL(path.join(DIST, f)).href);

function manifestFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(dir, e.name, 'depmap.yaml'))
    .sort();
}

export async function phaseTimings(orgDir, { runs = 3, out = process.stdout } = {}) {
  const { loadYamlBytes } = await dist('manifest/load-yaml.js');
  const { parseManifestBytes } = await dist('manifest/parse.js');
  const { expandSources } = await dist('crawl/sources.js');
  const { scanRepos } = await dist('crawl/scan.js');
  const { buildSnapshot } = await dist('graph/build-graph.js');
  const { serializeSnapshot } = await dist('graph/snapshot.js');
  const files = manifestFiles(orgDir);
  const cacheDir = path.join(os.tmpdir(), 'depmap-bench-unused-cache');

  let snapshot;
  let text;
  const phases = [
    ['baseline: readFileSync + yaml.parse', () => files.forEach((f) => parse(readFileSync(f, 'utf8')))],
    [
      'readFileSync + parseAllDocuments (LineCounter, uniqueKeys, strict)',
      () =>
        files.forEach((f) =>
          parseAllDocuments(readFileSync(f, 'utf8'), {
            lineCounter: new LineCounter(),
            prettyErrors: false,
            uniqueKeys: true,
            strict: true,
          }),
        ),
    ],
    [
      'readFileSync + loadYamlBytes (+ UTF-8 check, convert)',
      () =>
        files.forEach((f) =>
          loadYamlBytes(readFileSync(f), f, { numbersAsText: true, keepNumberAt: new Set(['depmap']) }),
        ),
    ],
    [
      'readFileSync + parseManifestBytes (+ zod, purls, pins, positions)',
      () => files.forEach((f) => parseManifestBytes(readFileSync(f), f)),
    ],
    [
      'async readFile x16 + parseManifestBytes',
      async () => {
        let next = 0;
        const worker = async () => {
          while (next < files.length) {
            const f = files[next++];
            parseManifestBytes(await readFile(f), f);
          }
        };
        await Promise.all(Array.from({ length: 16 }, worker));
      },
    ],
    [
      'expandSources + scanRepos (the whole crawl)',
      async () => {
        const repos = await expandSources([`${orgDir.split(path.sep).join('/')}/*`], orgDir);
        const entries = await scanRepos(repos, { cacheDir, concurrency: 16 });
        snapshot = buildSnapshot(entries, 'bench');
      },
    ],
    ['  of which buildSnapshot', null],
    [
      'serializeSnapshot',
      () => {
        text = serializeSnapshot(snapshot);
      },
    ],
    [
      'writeFileSync of the snapshot',
      () => writeFileSync(path.join(os.tmpdir(), `depmap-bench-phase-${process.pid}.json`), text),
    ],
  ];
  const results = [];
  for (const [name, fn] of phases) {
    if (!fn) {
      // buildSnapshot alone, on the entries of one crawl.
      const repos = await expandSources([`${orgDir.split(path.sep).join('/')}/*`], orgDir);
      const entries = await scanRepos(repos, { cacheDir, concurrency: 16 });
      const samples = [];
      for (let i = 0; i < runs + 1; i++) {
        const t = performance.now();
        buildSnapshot(entries, 'bench');
        samples.push(performance.now() - t);
      }
      results.push([name, median(samples.slice(1))]);
      continue;
    }
    const samples = [];
    for (let i = 0; i < runs + 1; i++) {
      const t = performance.now();
      await fn();
      samples.push(performance.now() - t);
    }
    results.push([name, median(samples.slice(1))]); // the first run warms up
  }
  try {
    writeFileSync(path.join(os.tmpdir(), `depmap-bench-phase-${process.pid}.json`), '');
  } finally {
    (await import('node:fs')).rmSync(path.join(os.tmpdir(), `depmap-bench-phase-${process.pid}.json`), { force: true });
  }
  const base = results[0][1];
  const width = Math.max(...results.map(([n]) => n.length));
  out.write(
    `\nphases in one process, ${files.length} manifests (median of ${runs}, after a warm-up; ratio vs the baseline row):\n`,
  );
  for (const [name, ms] of results)
    out.write(`  ${name.padEnd(width)}  ${ms.toFixed(0).padStart(6)} ms  ${(ms / base).toFixed(2)}x\n`);
  out.write(`  snapshot size: ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB\n`);
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir) {
    process.stderr.write('usage: phases.mjs <org-dir> [--runs 3]\n');
    process.exit(2);
  }
  const at = args.indexOf('--runs');
  await phaseTimings(path.resolve(dir), { runs: at >= 0 ? Number(args[at + 1]) : 3 });
}
