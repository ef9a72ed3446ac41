import { readdirSync, readFileSync } from 'node:fs';
import { renderSvgs } from '../../dist/render/svg.js';
const dir = '/tmp/lookL';
const files = readdirSync(dir).filter((f) => f.endsWith('.mmd')).sort().slice(0, 10);
const diagrams = files.map((f) => ({ name: f, mermaid: readFileSync(`${dir}/${f}`, 'utf8') }));
for (const c of [1, 2]) {
  let t = Date.now();
  await renderSvgs(diagrams.slice(0, 1), { concurrency: 1 });
  console.log('one small-ish diagram incl launch+setup', Date.now() - t);
  t = Date.now();
  await renderSvgs(diagrams, { concurrency: c });
  console.log('conc', c, files.length, 'diagrams', Date.now() - t);
}
const noElk = diagrams.map(d => ({ ...d, mermaid: d.mermaid.replace('  layout: elk\n', '') }));
let t = Date.now();
await renderSvgs(noElk, { concurrency: 1 });
console.log('dagre conc 1', Date.now() - t);
