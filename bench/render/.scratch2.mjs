import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { indexGraph } from '../../dist/render/placement.js';
import { planArchitecture } from '../../dist/render/plan.js';
import { renderFlowchart } from '../../dist/render/mermaid-flowchart.js';
const snap = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const idx = indexGraph(snap);
const t = Date.now();
const plan = planArchitecture(idx, { render: renderFlowchart });
console.log('plan ms', Date.now() - t);
console.log(plan.notes.join('\n'));
rmSync('/tmp/lookL', { recursive: true, force: true });
mkdirSync('/tmp/lookL', { recursive: true });
for (const d of plan.diagrams) { const text = renderFlowchart(d); writeFileSync(`/tmp/lookL/${d.name}.mmd`, text); console.log(d.name, d.nodes.length, d.edges.length, text.length); }
