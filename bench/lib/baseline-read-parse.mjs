#!/usr/bin/env node
/**
 * The baseline of the validate and scan benchmarks: the bare cost of finding, reading and
 * YAML-parsing the same depmap.yaml files, in one process, with nothing else. A directory
 * walk like depmap's (skipping .git and node_modules), sync reads, `yaml`'s `parse`.
 *
 *   node bench/lib/baseline-read-parse.mjs <dir>...
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const SKIP = new Set(['.git', 'node_modules', 'vendor']);

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) walk(path.join(dir, entry.name), out);
    } else if (entry.isFile() && (entry.name === 'depmap.yaml' || entry.name === 'depmap.yml')) {
      out.push(path.join(dir, entry.name));
    }
  }
  return out;
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  process.stderr.write('usage: baseline-read-parse.mjs <dir>...\n');
  process.exit(2);
}
let files = 0;
let entries = 0;
for (const dir of dirs) {
  for (const file of walk(dir, [])) {
    const doc = parse(readFileSync(file, 'utf8'));
    files++;
    entries += (doc.libraries?.length ?? 0) + (doc.services?.length ?? 0);
  }
}
process.stdout.write(`${files} files, ${entries} entries parsed\n`);
