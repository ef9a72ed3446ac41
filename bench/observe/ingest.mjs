/**
 * One timed run, in its own process so that its peak memory is its own:
 * `node ingest.mjs baseline <file>` reads the file line by line with readline and JSON.parse,
 * nothing else; `node ingest.mjs depmap <file>` runs readObserved (build/observe/read.js).
 * Prints one JSON line: { ms, cpuMs, maxRssMb, calls }.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { DIST } from '../lib/setup.mjs';

const [mode, file] = process.argv.slice(2);
const start = performance.now();
const cpuStart = process.cpuUsage();
let calls = 0;
if (mode === 'baseline') {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) if (line) calls += JSON.parse(line).resourceSpans.length > 0 ? 1 : 0;
} else {
  const { readObserved } = await import(pathToFileURL(path.join(DIST, 'observe', 'read.js')).href);
  const input = await readObserved([file], { cwd: process.cwd() });
  calls = input.calls.length;
}
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(
  `${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, calls })}\n`,
);
