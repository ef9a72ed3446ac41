#!/usr/bin/env node
// depmap's way in bench/render: every .mmd file of a folder through one renderSvgs() call.
//   node bench/render/svgs-once.mjs MMD_DIR OUT_DIR [PAGES]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderSvgs } from '../../build/render/svg.js';

const [dir, out, pages] = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.mmd'))
  .sort();
const diagrams = files.map((file) => ({ name: file, mermaid: readFileSync(path.join(dir, file), 'utf8') }));
const svgs = await renderSvgs(diagrams, pages ? { concurrency: Number(pages) } : {});
for (const [file, svg] of svgs) writeFileSync(path.join(out, file.replace(/\.mmd$/, '.svg')), svg);
