/**
 * SPDX 3.0.1 round trips through the graph: a snapshot → the SPDX export → depmap's SPDX
 * importer → the catalog as a repo → the real graph build gives the same nodes (libraries
 * too), edges (versions, scopes, pins), owners, systems and properties. Also: the spike's
 * hand-written example and a foreign document (another tool's SBOM shape) import to the graph
 * they describe, and bad input gives located problems, never a throw.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCycloneDx } from '../../src/export/cyclonedx.js';
import { toSpdx } from '../../src/export/spdx.js';
import type { Snapshot } from '../../src/graph/types.js';
import { detectImporter, importFile, listImporters } from '../../src/importers/index.js';
import { comparable, graphOfFile } from '../helpers/interop.js';
import { demoOrg, ROOT } from '../export/snapshot.js';
import { catalogGraph, scoped } from '../export/spdx-graphs.js';
import { spdxValidators } from '../export/spdx-schema.js';

const FILE = 'org.spdx3.json';
const roundTrip = (snapshot: Snapshot) => graphOfFile(FILE, toSpdx(snapshot, { name: 'acme' }), { importer: 'spdx' });
const ctx = (file = FILE) => ({ file, readFile: () => undefined, transitive: false });
const spdx = listImporters().find((i) => i.id === 'spdx')!;

describe('SPDX round trip through the graph', () => {
  it('gives the demo organisation back: nodes with libraries, edges with versions and scopes, owners, systems', () => {
    const original = demoOrg();
    const back = roundTrip(original);
    expect(back.repos[0]!.problems).toEqual([]);
    const expected = comparable(original);
    expect(expected.nodes.filter((n) => n.type === 'library').length).toBeGreaterThan(30);
    expect(expected.edges.filter((e) => e.scope === 'test').length).toBe(4);
    expect(comparable(back)).toEqual(expected);
  });

  it('keeps every library scope and version syntax, ranges unpinned', () => {
    const original = scoped();
    const back = roundTrip(original);
    expect(back.repos[0]!.problems).toEqual([]);
    expect(comparable(back)).toEqual(comparable(original));
    const react = comparable(back).edges.find((e) => e.target === 'pkg:npm/react')!;
    expect(react).toMatchObject({ version: '^18.2.0', pinned: false });
  });

  it('keeps entity nodes, hostile names, and the properties of nodes, edges and libraries', () => {
    const original = catalogGraph();
    const expected = comparable(original);
    expect(expected.nodes.filter((n) => n.type === 'entity').map((n) => n.id)).toEqual([
      'api:shop-api',
      'group:team <web>',
    ]);
    expect(expected.nodes.find((n) => n.id === 'API Gateway')!.properties).toMatchObject({
      'backstage:lifecycle': 'production',
      'spdx:summary': 'The gateway',
    });
    const back = roundTrip(original);
    expect(back.repos[0]!.problems).toEqual([]);
    expect(comparable(back)).toEqual(expected);
    expect(Object.prototype).not.toHaveProperty('not a prototype');
  });

  it('survives two trips: export → import → export gives the same bytes', () => {
    const once = toSpdx(catalogGraph(), { name: 'acme' });
    const twice = toSpdx(roundTrip(catalogGraph()), { name: 'acme' });
    expect(twice).toBe(once);
  });
});

describe('graphs imported from the other formats', () => {
  // Whatever the other importers make of their fixtures today, an SPDX trip keeps all of it.
  it.each([
    ['cyclonedx-saasbom/bom.json', 'cyclonedx'],
    ['cyclonedx-saasbom/saasbom-1.6.cdx.json', 'cyclonedx'],
    ['backstage-demo/catalog-info.yaml', 'backstage'],
  ])('%s survives export → import', (file, importer) => {
    const text = readFileSync(join(ROOT, 'test/fixtures/interop', file), 'utf8');
    const first = graphOfFile(file.split('/').pop()!, text, { importer });
    expect(first.nodes.length).toBeGreaterThan(1);
    expect(comparable(roundTrip(first))).toEqual(comparable(first));
  });
});

describe('the spike example (a hand-written depmap document)', () => {
  const text = readFileSync(join(ROOT, 'test/fixtures/interop/spdx3-example.spdx3.json'), 'utf8');

  it('imports to two components, two libraries, a call and two library uses', () => {
    const graph = graphOfFile('spdx3-example.spdx3.json', text);
    expect(graph.repos[0]!.problems).toEqual([]);
    const { nodes, edges } = comparable(graph);
    expect(nodes).toEqual([
      {
        id: 'checkout',
        type: 'component',
        kind: 'service',
        system: 'commerce',
        owner: 'team-payments',
        provides: ['checkout-http http 2.1.0'],
      },
      { id: 'payments', type: 'component', kind: 'service', provides: ['payments-grpc grpc 3.2.0'] },
      { id: 'pkg:npm/express', type: 'library', kind: 'npm' },
      { id: 'pkg:npm/jest', type: 'library', kind: 'npm' },
    ]);
    expect(edges).toEqual([
      {
        type: 'calls-service',
        source: 'checkout',
        target: 'payments',
        protocol: 'grpc',
        api: 'payments-grpc',
        version: '3.2.0',
        pinned: true,
      },
      { type: 'uses-library', source: 'checkout', target: 'pkg:npm/express', version: '4.19.2', pinned: true },
      {
        type: 'uses-library',
        source: 'checkout',
        target: 'pkg:npm/jest',
        version: '29.7.0',
        scope: 'dev',
        pinned: true,
      },
    ]);
  });

  it('is known by its name and by its content, the context given alone or in a list', () => {
    expect(spdx.matches('sbom/org.spdx3.json')).toBe(true);
    expect(spdx.matches('org.spdx.json')).toBe(false);
    // A .json file of any name is read as SPDX 3 when it has the SPDX 3 context.
    const result = importFile(text, ctx('inventory/export.json'));
    expect(result.components.map((c) => c.name)).toEqual(['checkout', 'payments']);
    const listed = text.replace(
      '"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"',
      '"@context": ["https://spdx.org/rdf/3.0.1/spdx-context.jsonld", { "ex": "https://example.com/" }]',
    );
    expect(importFile(listed, ctx('inventory/export.json')).components).toHaveLength(2);
  });
});

/** Another tool's shape: an application with libraries by purl, no depmap: entries, other relationship types. */
const foreign = readFileSync(join(ROOT, 'fixtures/importers/spdx/shop.spdx3.json'), 'utf8');

describe('a foreign SPDX 3 document', () => {
  it('imports by purpose and purl: applications as components, packages with purls as libraries', () => {
    const graph = graphOfFile('foreign.spdx3.json', foreign);
    const { nodes, edges } = comparable(graph);
    expect(nodes.map((n) => `${n.type} ${n.id}`)).toEqual([
      'component orders-api',
      'library pkg:npm/jest',
      'library pkg:npm/lodash',
      'component shop-app',
    ]);
    expect(nodes.find((n) => n.id === 'shop-app')!.properties).toEqual({
      'acme:tier': '1',
      'spdx:home-page': 'https://shop.example.com',
      'spdx:package-version': '3.1.0',
      'spdx:property:team': 'web',
      'spdx:spdx-id': 'https://ex.org/spdx/app',
      'spdx:summary': 'The shop',
    });
    expect(edges.map((e) => `${e.type} ${e.source} ${e.target} ${e.scope ?? ''}`)).toEqual([
      'calls-service shop-app orders-api ',
      'uses-library shop-app pkg:npm/jest test',
      'uses-library shop-app pkg:npm/lodash ',
    ]);
    // ms is only a dependency of a library: transitive, left out unless asked for.
    expect(graph.repos[0]!.problems.map((p) => p.message)).toEqual([
      "relationships depmap's graph has no place for are left out: 1 describes",
    ]);
    const withTransitive = spdx.parse(foreign, { ...ctx(), transitive: true });
    expect(withTransitive.libraries.find((l) => l.name === 'ms')).toMatchObject({ transitive: true, version: '2.1.3' });
  });

  it('round-trips: import → export → import gives the same graph, and the export keeps its ids and fields', () => {
    const first = graphOfFile('foreign.spdx3.json', foreign);
    const exported = toSpdx(first, { name: 'foreign' });
    for (const [, validate] of spdxValidators()) expect(validate(JSON.parse(exported))).toBe(true);
    const doc = JSON.parse(exported) as { '@graph': Record<string, unknown>[] };
    expect(doc['@graph'].find((e) => e.name === 'shop-app')).toMatchObject({
      spdxId: 'https://ex.org/spdx/app',
      summary: 'The shop',
      software_homePage: 'https://shop.example.com',
      software_packageVersion: '3.1.0',
    });
    const second = graphOfFile('again.spdx3.json', exported);
    expect(comparable(second)).toEqual(comparable(first));
  });
});

describe('relationships to several targets', () => {
  it('give one edge each, and round-trip without claiming the shared id for any of them; a design scope is kept', () => {
    const doc = JSON.parse(foreign) as { '@graph': Record<string, unknown>[] };
    doc['@graph'].push(
      { type: 'software_Package', spdxId: 'https://ex.org/spdx/pay', name: 'payments', creationInfo: '_:ci' },
      {
        type: 'LifecycleScopedRelationship',
        scope: 'design',
        spdxId: 'https://ex.org/spdx/r5',
        creationInfo: '_:ci',
        from: 'https://ex.org/spdx/app',
        relationshipType: 'dependsOn',
        to: ['https://ex.org/spdx/api', 'https://ex.org/spdx/pay'],
      },
    );
    const first = graphOfFile('multi.spdx3.json', JSON.stringify(doc));
    const calls = comparable(first).edges.filter((e) => e.type === 'calls-service');
    expect(calls.map((e) => `${e.source} -> ${e.target} ${JSON.stringify(e.properties ?? {})}`)).toEqual([
      'shop-app -> orders-api {}',
      'shop-app -> payments {"spdx:scope":"design"}',
    ]);
    const exported = toSpdx(first);
    expect(exported).toContain('"scope": "design"');
    const second = graphOfFile('again.spdx3.json', exported);
    expect(comparable(second)).toEqual(comparable(first));
  });
});

describe('bad input', () => {
  it('gives located problems, never a throw', () => {
    const cases: [string, RegExp][] = [
      ['{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [', /./],
      ['[]', /not an SPDX 3 JSON-LD document/],
      ['{"@context": "https://spdx.org/rdf/2.3/spdx-context.jsonld", "@graph": []}', /not an SPDX 3 JSON-LD document/],
      ['{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [1]}', /must be an object/],
      ['{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": {}}', /must be a list/],
      [
        '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [\n{"type": "software_Package", "name": "x"}]}',
        /needs a spdxId/,
      ],
      [
        '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [\n{"type": "software_Package", "spdxId": "urn:a", "name": "a"},\n{"type": "Relationship", "relationshipType": "dependsOn", "from": "urn:a", "to": ["urn:nowhere"]}]}',
        /no package of the document/,
      ],
      [
        '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [\n{"type": "software_Package", "spdxId": "urn:a", "name": "a", "software_packageUrl": "not a purl"}]}',
        /invalid purl/,
      ],
    ];
    for (const [text, message] of cases) {
      const result = spdx.parse(text, ctx());
      expect(result.problems.map((p) => p.message).join('\n')).toMatch(message);
      for (const p of result.problems) expect(p.line).toBeGreaterThanOrEqual(1);
    }
    const located = spdx.parse(cases[6]![0], ctx());
    expect(located.problems[0]!.line).toBe(3);
  });

  it('reads every truncation of a real document without throwing', () => {
    const text = toSpdx(catalogGraph());
    for (let end = 0; end < text.length; end += 97) expect(() => spdx.parse(text.slice(0, end), ctx())).not.toThrow();
  });
});

describe('a file name two formats use', () => {
  it('is read by the format its content says: an SPDX 3 document named sbom.json', () => {
    expect(detectImporter('sbom.json', toSpdx(demoOrg()))?.id).toBe('spdx');
    expect(detectImporter('sbom.json', toCycloneDx(demoOrg(), {}))?.id).toBe('cyclonedx');
    // A file the name claims and no content sign contradicts stays with the name's importer.
    expect(detectImporter('sbom.json', '{}')?.id).toBe('cyclonedx');
  });
});
