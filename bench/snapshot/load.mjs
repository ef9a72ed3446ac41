#!/usr/bin/env node
/**
 * One load of a snapshot before a query, in its own process (bench/snapshot/run.mjs runs it):
 * prints the phases' milliseconds as JSON on stdout.
 *
 *   node bench/snapshot/load.mjs json <file>         read + bare JSON.parse (the baseline)
 *   node bench/snapshot/load.mjs today <file> <node> read + parseSnapshot + toGraphology + impactOf
 *   node bench/snapshot/load.mjs depmap <file> <node> read + parseSnapshot + toQueryGraph + impactOf
 *                                                    (what `depmap impact --snapshot` does now)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DIST } from '../lib/setup.mjs';

const [mode, file, node] = process.argv.slice(2);
const dist = (f) => import(pathToFileURL(path.join(DIST, f)).href);
const modules =
  mode === 'json'
    ? {}
    : {
        ...(await dist('graph/snapshot.js')),
        ...(await dist('graph/graphology.js')),
        ...(await dist('graph/query-graph.js')),
        ...(await dist('graph/traverse.js')),
      };
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const text = readFileSync(file).toString('utf8');
const t1 = performance.now();
const out = { read: t1 - t0 };
if (mode === 'json') {
  JSON.parse(text);
  out.parse = performance.now() - t1;
} else {
  const snapshot = modules.parseSnapshot(text, file);
  const t2 = performance.now();
  out.parse = t2 - t1;
  const graph = mode === 'today' ? modules.toGraphology(snapshot) : modules.toQueryGraph(snapshot);
  const t3 = performance.now();
  out.graph = t3 - t2;
  out.reached = modules.impactOf(graph, node).length;
  out.query = performance.now() - t3;
}
out.total = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
out.cpu = (cpu.user + cpu.system) / 1000;
process.stdout.write(`${JSON.stringify(out)}\n`);
