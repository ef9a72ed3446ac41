/**
 * CycloneDX in and out through the graph (issue 17): the real-shaped SaaSBOMs of
 * test/fixtures/interop give every service, call, library use and SaaSBOM field; depmap's own
 * export comes back as the same graph; a foreign BOM survives import → export → import; names
 * CycloneDX allows and depmap does not are slugged, never merged; an invalid BOM is reported
 * where it is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCycloneDx } from '../../src/export/cyclonedx.js';
import { buildSnapshot } from '../../src/graph/build-graph.js';
import type { RepoEntry, Snapshot } from '../../src/graph/types.js';
import { parseManifest } from '../../src/manifest/parse.js';
import { importFile } from '../../src/importers/index.js';
import { comparable, graphOfFile } from '../helpers/interop.js';
import { cycloneDx16Validator } from '../export/cyclonedx-schema.js';
import { ROOT, demoOrg, snapshotOf } from '../export/snapshot.js';

const FIXTURES = join(ROOT, 'test/fixtures/interop/cyclonedx-saasbom');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const validate = cycloneDx16Validator();

/** A graph's BOM, imported again: the graph a user gets back from `depmap export --format cyclonedx`. */
function again(snapshot: Snapshot, name = 'graph.cdx.json'): Snapshot {
  const text = toCycloneDx(snapshot);
  const bom = JSON.parse(text) as unknown;
  expect(validate(bom), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  return graphOfFile(name, text);
}

const nodesOf = (s: Snapshot) => s.nodes.map((n) => `${n.type} ${n.id} ${n.kind}`);
const callsOf = (s: Snapshot) =>
  s.edges.filter((e) => e.type === 'calls-service').map((e) => `${e.source} -> ${e.target} ${e.version ?? ''}`);
const usesOf = (s: Snapshot) =>
  s.edges.filter((e) => e.type === 'uses-library').map((e) => `${e.source} -> ${e.target}@${e.version} ${e.scope}`);
const props = (s: Snapshot, id: string) => s.nodes.find((n) => n.id === id)?.properties ?? {};
const problemsOf = (s: Snapshot) => [
  ...s.problems.map((p) => p.message),
  ...s.repos.flatMap((r) => r.problems.map((p) => `${p.line} ${p.severity} ${p.message}`)),
];

describe('CycloneDX SaaSBOM in (bom-examples apigateway-microservices-datastores, 1.4)', () => {
  const graph = graphOfFile('bom.json', fixture('bom.json'));

  it('6 of 6 services and the subject are nodes, names slugged; externals only by x-trust-boundary', () => {
    // Before: the same 7 nodes, but 5 of 6 services external (a provider read as "external"),
    // display names as ids, Postgres a component; through `services: { from }`, 2 nodes.
    expect(nodesOf(graph)).toEqual([
      'resource Postgres database',
      'resource S3 external',
      'component acme-cloud-example service',
      'resource api-gateway external',
      'component microservice-1 service',
      'component microservice-2 service',
      'component microservice-3 service',
    ]);
    expect(props(graph, 'api-gateway')).toMatchObject({
      'cyclonedx:name': 'API Gateway',
      'cyclonedx:bom-ref': 'api-gateway',
      'cyclonedx:group': 'com.example',
      'cyclonedx:provider': '{"name":"Acme Inc","url":["https://example.com"]}',
      'cyclonedx:endpoints': '["https://example.com/","https://example.com/app"]',
      'cyclonedx:authenticated': 'false',
      'cyclonedx:version': '2022-1',
      'cyclonedx:external-references': '[{"type":"documentation","url":"http://example.com/app/swagger"}]',
    });
    // x-trust-boundary: true is what kind external says; false is kept, since nothing else says it.
    expect(props(graph, 'api-gateway')['cyclonedx:x-trust-boundary']).toBeUndefined();
    expect(props(graph, 'microservice-1')).toMatchObject({
      'cyclonedx:x-trust-boundary': 'false',
      'cyclonedx:parent': 'api-gateway',
      'cyclonedx:data': '[{"classification":"PII","flow":"bi-directional"}]',
    });
    // One endpoint, and callers that carry it as their address: not kept twice.
    expect(props(graph, 'microservice-1')['cyclonedx:endpoints']).toBeUndefined();
    expect(props(graph, 'acme-cloud-example')).toEqual({
      'cyclonedx:name': 'Acme Cloud Example',
      'cyclonedx:bom-ref': 'acme-application',
      'cyclonedx:version': '2022-1',
    });
    // group is a Maven-style namespace here, not a system.
    expect(graph.nodes.filter((n) => n.system !== undefined)).toEqual([]);
  });

  it('6 of 6 dependencies are calls, from every service, with the callee version', () => {
    // Before: 6 in the graph, 1 through `services: { from }` (only the subject's).
    expect(callsOf(graph)).toEqual([
      'acme-cloud-example -> api-gateway 2022-1',
      'api-gateway -> microservice-1 2022-1',
      'api-gateway -> microservice-2 2022-1',
      'api-gateway -> microservice-3 2022-1',
      'microservice-1 -> Postgres 14.1',
      'microservice-3 -> S3 ',
    ]);
    const url = graph.edges.find((e) => e.target === 'microservice-1')?.url;
    expect(url).toBe('https://ms-1.example.com');
  });

  it('a 1.4 BOM is read without the schema check, and says so', () => {
    expect(problemsOf(graph)).toEqual([
      '3 warning CycloneDX 1.4: read without checking it against a schema (depmap checks 1.5 and 1.6)',
    ]);
  });
});

describe('CycloneDX 1.6 SaaSBOM in (trust zones, 1.5+ data flows, libraries per service)', () => {
  const graph = graphOfFile('saasbom-1.6.cdx.json', fixture('saasbom-1.6.cdx.json'));

  it('services, calls and each service its own libraries with their scopes', () => {
    expect(nodesOf(graph)).toEqual([
      'component orders service',
      'resource orders-db database',
      'library pkg:npm/express npm',
      'library pkg:pypi/requests pypi',
      'component shop service',
      'resource stripe-api external',
      'component web service',
    ]);
    expect(callsOf(graph)).toEqual([
      'orders -> orders-db 16.3',
      'orders -> stripe-api 2024-06-20',
      'shop -> web 3.1.0',
      'web -> orders 2.4.0',
    ]);
    // Before: both on the subject (shop), whatever service the BOM said used them.
    expect(usesOf(graph)).toEqual(['orders -> pkg:pypi/requests@2.31.0 dev', 'web -> pkg:npm/express@4.19.2 runtime']);
    expect(problemsOf(graph)).toEqual([]);
  });

  it('a trust zone is kept, and is no reason to be external; data flows are kept verbatim, not calls', () => {
    expect(props(graph, 'orders')).toMatchObject({ 'cyclonedx:trust-zone': 'internal', 'cyclonedx:parent': 'web' });
    expect(props(graph, 'stripe-api')).toMatchObject({
      'cyclonedx:name': 'Stripe API',
      'cyclonedx:trust-zone': 'third-party',
    });
    expect(props(graph, 'web')['cyclonedx:data']).toBe(
      '[{"flow":"outbound","classification":"PII","name":"orders","source":["svc-web"],"destination":["svc-orders"]}]',
    );
    expect(graph.edges.filter((e) => e.source === 'web' && e.type === 'calls-service')).toHaveLength(1);
  });
});

describe('CycloneDX out and in again: the same graph', () => {
  it('the demo organisation: nodes, libraries, calls and library uses with versions and scopes, owners, systems', () => {
    const original = demoOrg();
    const back = again(original);
    expect(comparable(back)).toEqual(comparable(original));
    expect(back.nodes.filter((n) => n.type === 'library').length).toBeGreaterThan(5);
    expect(back.edges.some((e) => e.type === 'uses-library' && e.scope === 'dev')).toBe(true);
  });

  for (const name of ['bom.json', 'saasbom-1.6.cdx.json']) {
    it(`${name}: import → export → import gives the first import`, () => {
      const first = graphOfFile(name, fixture(name));
      const second = again(first, name);
      expect(comparable(second)).toEqual(comparable(first));
      expect(problemsOf(second)).toEqual([]);
    });
  }

  it('the export writes the BOM fields back: endpoints, data flows, trust zones, provider, bom-refs, nesting', () => {
    const bom = JSON.parse(toCycloneDx(graphOfFile('bom.json', fixture('bom.json')))) as {
      services: Record<string, unknown>[];
      dependencies: { ref: string; dependsOn: string[] }[];
    };
    const gateway = bom.services.find((s) => s.name === 'API Gateway')!;
    expect(gateway).toMatchObject({
      'bom-ref': 'api-gateway',
      group: 'com.example',
      version: '2022-1',
      provider: { name: 'Acme Inc', url: ['https://example.com'] },
      endpoints: ['https://example.com/', 'https://example.com/app'],
      authenticated: false,
      'x-trust-boundary': true,
      externalReferences: [{ type: 'documentation', url: 'http://example.com/app/swagger' }],
    });
    // Components first, then resources, as every service of the export.
    expect((gateway.services as { name: string }[]).map((s) => s.name)).toEqual([
      'Microservice 1',
      'Microservice 2',
      'Microservice 3',
      'Postgres',
      'S3',
    ]);
    expect(bom.dependencies.find((d) => d.ref === 'api-gateway')?.dependsOn).toEqual([
      'ms-1.example.com',
      'ms-2.example.com',
      'ms-3.example.com',
    ]);
    const saas = JSON.parse(toCycloneDx(graphOfFile('x.cdx.json', fixture('saasbom-1.6.cdx.json')))) as {
      services: Record<string, unknown>[];
    };
    const web = saas.services.find((s) => s.name === 'web')!;
    expect(web).toMatchObject({
      trustZone: 'public',
      data: [
        { flow: 'outbound', classification: 'PII', name: 'orders', source: ['svc-web'], destination: ['svc-orders'] },
      ],
    });
  });

  it("entities and other formats' properties come back: a service with depmap:type entity, properties under their names", () => {
    const snapshot = withEntities();
    const back = again(snapshot);
    expect(comparable(back)).toEqual(comparable(snapshot));
    expect(back.nodes.find((n) => n.id === 'api:orders-api')).toMatchObject({ type: 'entity', kind: 'api' });
    const bom = JSON.parse(toCycloneDx(snapshot)) as { services: { name: string; properties: unknown[] }[] };
    expect(bom.services.find((s) => s.name === 'orders')?.properties).toContainEqual({
      name: 'backstage:lifecycle',
      value: 'production',
    });
  });

  it('is deterministic: the same graph, the same bytes', () => {
    const graph = graphOfFile('bom.json', fixture('bom.json'));
    expect(toCycloneDx(graph)).toBe(toCycloneDx(graphOfFile('bom.json', fixture('bom.json'))));
  });
});

describe('names and invalid BOMs', () => {
  const bom = (services: unknown[], extra: Record<string, unknown> = {}) =>
    JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, services, ...extra }, null, 2);

  it('awkward names: slugs with the original kept, and back', () => {
    const text = bom([
      { 'bom-ref': 'a', name: 'Café Ünïcode #1', endpoints: ['https://cafe.example'] },
      { 'bom-ref': 'b', name: '   ' },
      { 'bom-ref': 'c', name: 'orders.v2_internal' },
      { 'bom-ref': 'd', name: '<script>alert(1)</script>' },
    ]);
    const graph = graphOfFile('names.cdx.json', text);
    expect(graph.nodes.map((n) => n.id)).toEqual([
      'cafe-unicode-1',
      'orders.v2_internal',
      'script-alert-1-script',
      'service-87384657',
    ]);
    expect(props(graph, 'cafe-unicode-1')['cyclonedx:name']).toBe('Café Ünïcode #1');
    expect(props(graph, 'orders.v2_internal')['cyclonedx:name']).toBeUndefined();
    const back = again(graph);
    expect(comparable(back)).toEqual(comparable(graph));
    const awkward = snapshotOf({
      shop: [
        'depmap: 1',
        'name: shop',
        'kind: frontend',
        'services:',
        '  - { name: api, protocol: http, api: shop-api, version: 2.0.0 }',
      ].join('\n'),
      api: [
        'depmap: 1',
        'name: api',
        'kind: service',
        'description: "Quotes \\"and\\" <markup> & café"',
        'provides:',
        '  - { api: shop-api, protocol: http, version: 2.0.0 }',
      ].join('\n'),
    });
    expect(comparable(again(awkward), { withDescription: true })).toEqual(
      comparable(awkward, { withDescription: true }),
    );
  });

  it('what a library component says and depmap has no field for is kept, and written back', () => {
    const library = {
      'bom-ref': 'pkg:npm/left-pad@1.3.0',
      type: 'library',
      name: 'left-pad',
      version: '1.3.0',
      purl: 'pkg:npm/left-pad@1.3.0',
      supplier: { name: 'npm' },
      licenses: [{ license: { id: 'MIT' } }],
      hashes: [{ alg: 'SHA-256', content: 'a'.repeat(64) }],
      copyright: '(c) Someone',
      properties: [{ name: 'acme:reviewed', value: 'yes' }],
    };
    const text = bom([{ 'bom-ref': 'svc-web', name: 'web' }], {
      components: [library],
      dependencies: [{ ref: 'svc-web', dependsOn: ['pkg:npm/left-pad@1.3.0'] }],
    });
    const graph = graphOfFile('libs.cdx.json', text);
    expect(props(graph, 'pkg:npm/left-pad')).toEqual({
      'acme:reviewed': 'yes',
      'cyclonedx:copyright': '(c) Someone',
      'cyclonedx:hashes': `[{"alg":"SHA-256","content":"${'a'.repeat(64)}"}]`,
      'cyclonedx:licenses': '[{"license":{"id":"MIT"}}]',
      'cyclonedx:supplier': '{"name":"npm"}',
    });
    expect(usesOf(graph)).toEqual(['web -> pkg:npm/left-pad@1.3.0 runtime']);
    const exported = JSON.parse(toCycloneDx(graph)) as { components: Record<string, unknown>[] };
    expect(exported.components[0]).toMatchObject({
      supplier: { name: 'npm' },
      licenses: [{ license: { id: 'MIT' } }],
      hashes: [{ alg: 'SHA-256', content: 'a'.repeat(64) }],
      copyright: '(c) Someone',
      properties: [{ name: 'acme:reviewed', value: 'yes' }],
    });
    expect(comparable(again(graph))).toEqual(comparable(graph));
  });

  it('a provider or a trust zone alone is not external; depmap:kind says more than x-trust-boundary', () => {
    const graph = graphOfFile(
      'kinds.cdx.json',
      bom([
        { name: 'billing', provider: { name: 'Acme' }, trustZone: 'partner' },
        { name: 'cdn', 'x-trust-boundary': true, properties: [{ name: 'depmap:kind', value: 'cache' }] },
        { name: 'ledger', endpoints: ['postgres://ledger:5432'] },
      ]),
    );
    expect(nodesOf(graph)).toEqual(['component billing service', 'resource cdn cache', 'resource ledger database']);
    // Kind cache does not say "across a trust boundary": kept, and written back.
    expect(props(graph, 'cdn')['cyclonedx:x-trust-boundary']).toBe('true');
    expect(comparable(again(graph))).toEqual(comparable(graph));
  });

  it('property names from the input never reach a prototype', () => {
    const graph = graphOfFile(
      'proto.cdx.json',
      bom([
        {
          name: 'web',
          properties: [
            { name: '__proto__', value: 'polluted' },
            { name: 'constructor', value: 'x' },
          ],
        },
      ]),
    );
    const own = props(graph, 'web');
    expect(Object.getOwnPropertyNames(own).sort()).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('two names that slug to one: a located problem, never a merge', () => {
    const text = bom([
      { 'bom-ref': 'a', name: 'Microservice 1' },
      { 'bom-ref': 'b', name: 'microservice-1' },
    ]);
    const result = importFile(text, { file: 'bom.json', readFile: () => undefined, transitive: false });
    expect(result.components.map((c) => c.name)).toEqual(['microservice-1']);
    expect(result.problems).toEqual([
      {
        line: 12,
        message:
          '"microservice-1" and "Microservice 1" (line 8) are both "microservice-1" as depmap names: this one is left out',
        hint: 'give them names that differ in more than case, spaces or punctuation',
      },
    ]);
  });

  it('an invalid 1.6 BOM: each violation on its line, with what the schema wants; what can be read is read', () => {
    const text = bom([
      { name: 'web', data: [{ flow: 'sideways', classification: 'PII' }] },
      { 'bom-ref': 'x', endpoints: ['https://x.example'] },
      { name: 'api', colour: 'blue' },
    ]);
    const result = importFile(text, { file: 'bom.json', readFile: () => undefined, transitive: false });
    expect(result.problems.map((p) => `${p.line} ${p.severity ?? 'error'} ${p.message}`)).toEqual([
      '10 error CycloneDX 1.6 schema: services[0].data[0].flow must be one of inbound, outbound, bi-directional, unknown',
      "15 error CycloneDX 1.6 schema: services[1] must have required property 'name'",
      '23 error CycloneDX 1.6 schema: services[2].colour is not a field the schema allows here',
      '15 error a service needs a name',
    ]);
    expect(result.components.map((c) => c.name)).toEqual(['web', 'api']);
  });
});

/** A graph with a catalog entity, a resource and properties of another format, as a Backstage import gives. */
function withEntities(): Snapshot {
  const manifest = parseManifest(
    [
      'depmap: 1',
      'name: orders',
      'kind: service',
      'system: shop',
      'owner: team-a',
      'services:',
      '  - { name: orders-db, kind: database }',
    ].join('\n'),
    'catalog-info.yaml',
  ).manifest!;
  manifest.properties = { 'backstage:lifecycle': 'production', 'backstage:title': 'Orders' };
  const repo: RepoEntry = {
    id: 'catalog',
    source: 'catalog',
    manifests: [manifest],
    problems: [],
    status: 'ok',
    entities: [
      {
        type: 'entity',
        id: 'api:orders-api',
        kind: 'api',
        owner: 'team-a',
        system: 'shop',
        properties: { 'backstage:type': 'openapi' },
        services: [],
        file: 'catalog-info.yaml',
        pos: { line: 1, col: 1 },
      },
      {
        type: 'resource',
        id: 'orders-db',
        kind: 'database',
        owner: 'team-a',
        services: [],
        file: 'catalog-info.yaml',
        pos: { line: 1, col: 1 },
      },
    ],
  };
  return buildSnapshot([repo], 'depmap test');
}
