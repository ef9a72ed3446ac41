#!/usr/bin/env node
/**
 * The second baseline of the validate and scan benchmarks: the same files found and read as
 * baseline-read-parse.mjs does, parsed by the fastest YAML parser for Node we know of, js-yaml
 * (its `load`, no positions, no checks: about a fifth of `yaml.parse`'s time on manifests).
 * What depmap does beyond this is the cost of positions, checks and the graph.
 *
 *   node bench/lib/baseline-read-js-yaml.mjs <dir>...
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';

const SKIP = new Set(['.git', 'node_modules', 'vendor']);

function manifests(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory() && !SKIP.has(entry.name)) manifests(file, out);
    else if (entry.isFile() && /^depmap\.ya?ml$/.test(entry.name)) out.push(file);
  }
  return out;
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  process.stderr.write('usage: baseline-read-js-yaml.mjs <dir>...\n');
  process.exit(2);
}
let files = 0;
let entries = 0;
for (const dir of dirs) {
  for (const file of manifests(dir, [])) {
    const doc = load(readFileSync(file, 'utf8'));
    files++;
    entries += (doc.libraries?.length ?? 0) + (doc.services?.length ?? 0);
  }
}
process.stdout.write(`${files} files, ${entries} entries parsed\n`);
