#!/usr/bin/env node
// The baseline of bench/render: one mmdc process per .mmd file, one after the other.
//   node bench/render/mmdc-each.mjs MMD_DIR OUT_DIR PUPPETEER_CONFIG
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/setup.mjs';

const [dir, out, config] = process.argv.slice(2);
const mmdc = path.join(ROOT, 'node_modules/.bin/mmdc');
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.mmd'))
  .sort()) {
  const target = path.join(out, file.replace(/\.mmd$/, '.svg'));
  const result = spawnSync(mmdc, ['-p', config, '-i', path.join(dir, file), '-o', target, '-q'], { encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(`mmdc failed on ${file}:\n${result.stderr}\n`);
    process.exit(1);
  }
}
