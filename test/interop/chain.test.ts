/**
 * One graph through every format in turn: Backstage → CycloneDX → SPDX → Backstage and the other
 * orders, for depmap's demo organisation and for each real-shaped catalog the interop tests
 * import. After every step the graph is the one it started as (nodes, edges, versions, owners,
 * systems, every property): what one format has no field for travels in another's properties.
 * The catalogs are imported the way a user does it, through `depmap import`'s reader.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/crawl/read-catalogs.js';
import { toBackstage } from '../../src/export/backstage.js';
import { toCycloneDx } from '../../src/export/cyclonedx.js';
import { toSpdx } from '../../src/export/spdx.js';
import { buildSnapshot } from '../../src/graph/build-graph.js';
import type { Snapshot } from '../../src/graph/types.js';
import { ROOT, demoOrg } from '../export/snapshot.js';
import { tempDir } from '../helpers/fs.js';
import { comparable } from '../helpers/interop.js';

const FORMATS = {
  backstage: { file: 'catalog-info.yaml', write: (s: Snapshot) => toBackstage(s, {}) },
  cyclonedx: { file: 'system.cdx.json', write: (s: Snapshot) => toCycloneDx(s, {}) },
  spdx: { file: 'system.spdx3.json', write: (s: Snapshot) => toSpdx(s, {}) },
} as const;
type Format = keyof typeof FORMATS;

/** Writes the graph in `format` to a real file and imports it back as a user would. */
function through(snapshot: Snapshot, format: Format): Snapshot {
  const dir = tempDir();
  const { file, write } = FORMATS[format];
  writeFileSync(path.join(dir, file), write(snapshot));
  return buildSnapshot([readCatalog(file, dir, 'catalog', { format })], 'depmap test');
}

const imported = (input: string) =>
  buildSnapshot([readCatalog(input, path.join(ROOT, 'test/fixtures/interop'), 'catalog')], 'depmap test');

const STARTS: [string, () => Snapshot][] = [
  ['the demo organisation', demoOrg],
  ['Backstage demo catalog', () => imported('backstage-demo')],
  ['Red Hat showcase catalog', () => imported('rhdh-showcase/catalog-entities/all.yaml')],
  ['Backstage pattern catalog', () => imported('backstage-pattern/all.yaml')],
  ['CycloneDX SaaSBOM example', () => imported('cyclonedx-saasbom/bom.json')],
  ['a 1.6 SaaSBOM with libraries and data flows', () => imported('cyclonedx-saasbom/saasbom-1.6.cdx.json')],
];

const ORDERS: Format[][] = [
  ['backstage', 'cyclonedx', 'spdx', 'backstage'],
  ['cyclonedx', 'spdx', 'backstage', 'cyclonedx'],
  ['spdx', 'backstage', 'cyclonedx', 'spdx'],
];

describe('one graph through every format in turn', () => {
  for (const [name, start] of STARTS) {
    for (const order of ORDERS) {
      it(`${name}: ${order.join(' → ')}`, () => {
        const original = start();
        const expected = comparable(original);
        expect(expected.nodes.length).toBeGreaterThan(0);
        let graph = original;
        for (const format of order) {
          graph = through(graph, format);
          expect(comparable(graph), `after ${format}`).toEqual(expected);
        }
      });
    }
  }
});
