#!/usr/bin/env node
/**
 * The baselines of the validate and scan benchmarks: the bare cost of finding, reading and
 * YAML-parsing the same depmap.yaml files, in one process, with nothing else. A directory
 * walk like depmap's (skipping .git and node_modules), sync reads, and one parser:
 * - `yaml` (default): the `yaml` package's `parse`, the parser depmap's positions come from;
 * - `js-yaml`: the fastest YAML parser for Node we know of (its `load`, no positions, no
 *   checks: about a fifth of `yaml.parse`'s time on manifests). What depmap does beyond it is
 *   the cost of positions, checks and the graph.
 * Only the chosen parser is loaded, so neither baseline pays for the other.
 *
 *   node bench/lib/baseline-read-parse.mjs [--parser yaml|js-yaml] <dir>...
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

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

const args = process.argv.slice(2);
const at = args.indexOf('--parser');
const parser = at >= 0 ? args.splice(at, 2)[1] : 'yaml';
if (args.length === 0 || (parser !== 'yaml' && parser !== 'js-yaml')) {
  process.stderr.write('usage: baseline-read-parse.mjs [--parser yaml|js-yaml] <dir>...\n');
  process.exit(2);
}
const parse = parser === 'js-yaml' ? (await import('js-yaml')).load : (await import('yaml')).parse;
let files = 0;
let entries = 0;
for (const dir of args) {
  for (const file of walk(dir, [])) {
    const doc = parse(readFileSync(file, 'utf8'));
    files++;
    entries += (doc.libraries?.length ?? 0) + (doc.services?.length ?? 0);
  }
}
process.stdout.write(`${files} files, ${entries} entries parsed\n`);
