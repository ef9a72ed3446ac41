#!/usr/bin/env node
/**
 * Where did the time go? Reads a V8 .cpuprofile (from `node --cpu-prof`) and prints the
 * functions with the most self time, and the same grouped by package or source file.
 *
 *   node bench/lib/summarize-profile.mjs <file.cpuprofile> [--top 25]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Self time per function and per module, in ms, from a profile's samples. */
export function summarizeProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fns = new Map();
  const modules = new Map();
  for (const [id, ms] of self) {
    const { callFrame } = byId.get(id);
    const where = shortUrl(callFrame.url);
    const name = callFrame.functionName || (callFrame.url ? '(anonymous)' : '');
    const key = callFrame.url ? `${name} ${where}:${callFrame.lineNumber + 1}` : name || '(program)';
    fns.set(key, (fns.get(key) ?? 0) + ms);
    const mod = moduleOf(callFrame.url, name);
    modules.set(mod, (modules.get(mod) ?? 0) + ms);
  }
  // Each sample charged to the nearest depmap function (dist/) on its stack: the time a
  // function of ours costs including the libraries it calls, and so which src/ file to fix.
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const owners = new Map();
  const ownerOf = new Map();
  const owner = (id) => {
    if (ownerOf.has(id)) return ownerOf.get(id);
    const { callFrame } = byId.get(id);
    let result;
    if (!callFrame.url) {
      result = callFrame.functionName || '(program)'; // (garbage collector), (idle), natives
    } else {
      for (let cur = id; cur !== undefined && result === undefined; cur = parent.get(cur)) {
        const frame = byId.get(cur).callFrame;
        if (frame.url.includes('/dist/') && !frame.url.includes('/node_modules/'))
          result = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
      }
      // Generator frames (the yaml parser's) are resumed without their caller on the stack.
      result ??= `${moduleOf(callFrame.url, callFrame.functionName)} (caller not on the stack)`;
    }
    ownerOf.set(id, result);
    return result;
  };
  for (const [id, ms] of self) owners.set(owner(id), (owners.get(owner(id)) ?? 0) + ms);
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return { total, functions: sorted(fns), modules: sorted(modules), owners: sorted(owners) };
}

function shortUrl(url) {
  if (!url) return '';
  const p = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = p.lastIndexOf('node_modules/');
  if (nm >= 0) return p.slice(nm + 'node_modules/'.length);
  const dist = p.lastIndexOf('/dist/');
  if (dist >= 0) return p.slice(dist + 1);
  return p.startsWith('node:') ? p : path.basename(p);
}

function moduleOf(url, name) {
  if (!url) return name === '(garbage collector)' ? '(garbage collector)' : name || '(program)';
  const p = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = p.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = p.slice(nm + 'node_modules/'.length).split('/');
    return `npm:${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  const dist = p.lastIndexOf('/dist/');
  if (dist >= 0) return p.slice(dist + 1);
  return p.startsWith('node:') ? 'node (internals)' : path.basename(p);
}

export function formatSummary(summary, top = 25) {
  const pct = (ms) => `${((100 * ms) / summary.total).toFixed(1).padStart(5)}%`;
  const lines = [`total sampled: ${summary.total.toFixed(0)} ms`, '', `top ${top} functions by self time:`];
  for (const [key, ms] of summary.functions.slice(0, top))
    lines.push(`  ${ms.toFixed(0).padStart(7)} ms ${pct(ms)}  ${key}`);
  lines.push('', 'self time by package / file:');
  for (const [key, ms] of summary.modules.slice(0, 20))
    lines.push(`  ${ms.toFixed(0).padStart(7)} ms ${pct(ms)}  ${key}`);
  lines.push('', 'time by nearest depmap function on the stack (its own time plus the libraries it calls):');
  for (const [key, ms] of summary.owners.slice(0, top))
    lines.push(`  ${ms.toFixed(0).padStart(7)} ms ${pct(ms)}  ${key}`);
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const topAt = args.indexOf('--top');
  if (!file) {
    process.stderr.write('usage: summarize-profile.mjs <file.cpuprofile> [--top 25]\n');
    process.exit(2);
  }
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
  process.stdout.write(formatSummary(summarizeProfile(JSON.parse(readFileSync(file, 'utf8'))), top));
}
