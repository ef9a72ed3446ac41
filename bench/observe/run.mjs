/**
 * Ingest of observed calls: `readObserved` on a generated OTLP JSON file of 1,000,000 spans
 * (the Collector's file exporter's shape) against a bare line-by-line `JSON.parse` of the
 * same file (readline + JSON.parse, nothing else), each a child process, interleaved, after a
 * warm-up. Targets: ≤ 2× the baseline's time, ≤ 200 MB peak RSS. Exit 1 when one is missed.
 *
 *   node bench/observe/run.mjs [--spans 1000000] [--runs 5] [--quick] [--keep]
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs, ensureBuilt, int, log, tempDir } from '../lib/setup.mjs';
import { median } from '../lib/timing.mjs';
import { generateOtlp } from './generate-otlp.mjs';

const USAGE = 'usage: node bench/observe/run.mjs [--spans <n>] [--runs <n>] [--warmup <n>] [--quick] [--keep]';
const args = benchArgs(USAGE, { spans: { type: 'string' } });
ensureBuilt(['observe/read.js']);
const spans = int(args.spans, args.quick ? 100_000 : 1_000_000);
const runs = int(args.runs, args.quick ? 2 : 5);
const warmup = int(args.warmup, 1);
const TIME_TARGET = 2;
const MEMORY_TARGET_MB = 200;

const dir = tempDir('observe', args.keep);
const file = path.join(dir, 'traces.jsonl');
log(`bench: generating ${spans.toLocaleString('en-US')} spans of OTLP JSON…`);
const generated = generateOtlp(file, { spans, seed: args.seed });
const size = statSync(file).size;
log(`bench: ${generated.lines} lines, ${(size / 1048576).toFixed(0)} MB`);

const ingest = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ingest.mjs');
const once = (mode) => JSON.parse(execFileSync(process.execPath, [ingest, mode, file], { encoding: 'utf8' }));
const modes = ['baseline', 'depmap'];
const samples = { baseline: [], depmap: [] };
for (let i = 0; i < warmup + runs; i++) {
  for (const mode of i % 2 === 0 ? modes : [...modes].reverse()) {
    const result = once(mode);
    if (i >= warmup) samples[mode].push(result);
    log(
      `bench: ${i < warmup ? 'warm-up' : `run ${i - warmup + 1}/${runs}`} ${mode}: ${result.ms.toFixed(0)} ms, ${result.maxRssMb.toFixed(0)} MB`,
    );
  }
}

const row = (mode) => {
  const ms = median(samples[mode].map((s) => s.ms));
  const rss = Math.max(...samples[mode].map((s) => s.maxRssMb));
  return {
    ms,
    cpu: median(samples[mode].map((s) => s.cpuMs)),
    rss,
    min: Math.min(...samples[mode].map((s) => s.ms)),
    max: Math.max(...samples[mode].map((s) => s.ms)),
  };
};
const base = row('baseline');
const dep = row('depmap');
const ratio = dep.ms / base.ms;
const out = process.stdout;
out.write(
  `\n${spans.toLocaleString('en-US')} spans, ${(size / 1048576).toFixed(0)} MB of OTLP JSON, ${runs} runs (median)\n\n`,
);
out.write(
  '| name | median ms | min ms | max ms | ratio vs baseline | cpu ms (user+sys) | cpu ratio | peak RSS MB |\n|---|---:|---:|---:|---:|---:|---:|---:|\n',
);
for (const [name, r] of [
  ['baseline (readline + JSON.parse)', base],
  ['depmap readObserved', dep],
])
  out.write(
    `| ${name} | ${r.ms.toFixed(0)} | ${r.min.toFixed(0)} | ${r.max.toFixed(0)} | ${(r.ms / base.ms).toFixed(2)}x | ${r.cpu.toFixed(0)} | ${(r.cpu / base.cpu).toFixed(2)}x | ${r.rss.toFixed(0)} |\n`,
  );
out.write(`\ncalls derived: ${samples.depmap[0]?.calls}\n`);
const timeOk = ratio <= TIME_TARGET;
const memoryOk = dep.rss <= MEMORY_TARGET_MB;
out.write(
  `${timeOk ? 'PASS' : 'FAIL'} readObserved vs readline + JSON.parse: ${ratio.toFixed(2)}x (target <= ${TIME_TARGET}x)\n`,
);
out.write(
  `${memoryOk ? 'PASS' : 'FAIL'} readObserved peak RSS: ${dep.rss.toFixed(0)} MB (target <= ${MEMORY_TARGET_MB} MB)\n`,
);
out.write(`cpu ratio ${(dep.cpu / base.cpu).toFixed(2)}x (the steadier figure when other jobs share the CPUs)\n`);
process.exitCode = timeOk && memoryOk ? 0 : 1;
