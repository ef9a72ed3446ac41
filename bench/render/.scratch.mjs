import { readRepo } from '../../dist/crawl/read-repo.js';
import { buildSnapshot } from '../../dist/graph/build-graph.js';
import { indexGraph } from '../../dist/render/placement.js';
import { architectureView, overviewView, systemView, focusView, librariesView } from '../../dist/render/views.js';
import { renderFlowchart } from '../../dist/render/mermaid-flowchart.js';
import { writeFileSync, mkdirSync } from 'node:fs';
const snap = buildSnapshot([await readRepo('fixtures/demo-org')], 'x');
const idx = indexGraph(snap);
mkdirSync('/tmp/look', { recursive: true });
for (const d of [architectureView(idx), overviewView(idx), systemView(idx, 'commerce'), focusView(idx, 'orders'), librariesView(idx, 'web-shop')]) {
  writeFileSync(`/tmp/look/${d.name}.mmd`, renderFlowchart(d));
}
