/**
 * Graphs for the SPDX tests: one declared in manifests with every library scope and version
 * syntax, and one imported from a catalog (where names are whatever the file says: spaces,
 * markup, `%`, `#`, unicode, bidi controls) with entity nodes and namespaced properties on
 * nodes, edges and libraries.
 */
import { buildSnapshot } from '../../src/graph/build-graph.js';
import type { Snapshot } from '../../src/graph/types.js';
import type { ImportResult } from '../../src/importers/types.js';
import { catalogRepo } from '../../src/interop/catalog-repo.js';
import { snapshotOf } from './snapshot.js';

export const scoped = (): Snapshot =>
  snapshotOf({
    shop: [
      'depmap: 1',
      'name: shop',
      'kind: frontend',
      'system: commerce',
      'owner: team-web',
      'libraries:',
      '  - pkg:npm/%40types/node@20.14.9',
      '  - { ecosystem: npm, name: react, version: ^18.2.0 }',
      '  - { ecosystem: maven, name: "org.slf4j:slf4j-api", version: "[2.0,3.0)", scope: test }',
      '  - { ecosystem: pypi, name: requests, version: "==2.31.0", scope: dev }',
      '  - { ecosystem: npm, name: left-pad, version: 1.3.0, scope: optional }',
      '  - { ecosystem: npm, name: esbuild, version: 0.23.0, scope: build }',
      '  - { ecosystem: npm, name: lodash, version: 4.17.21, scope: runtime }',
      '  - { ecosystem: nuget, name: Serilog, version: "[3.1.1]" }',
      'services:',
      '  - { name: api.gateway, protocol: http, api: shop-api, version: 2.0.0 }',
      '  - { name: stripe, kind: external, url: "https://api.stripe.com", version: "2024-06-20" }',
      '  - { name: cdn-cache, kind: cache, image: "redis:7.2.5" }',
      '  - { name: legacy, version: 1.0.0 }',
    ].join('\n'),
    'api.gateway': [
      'depmap: 1',
      'name: api.gateway',
      'kind: service',
      'description: "Quotes \\"and\\" <markup> & unicode: café"',
      'provides:',
      '  - { api: shop-api, protocol: http, version: 2.0.0 }',
      '  - { api: shop-grpc, protocol: grpc, version: 1.0.0 }',
    ].join('\n'),
  });

const BIDI = '\u202e';

/** What an imported catalog can hold, as catalog-repo turns it into a repo. */
export function catalogResult(): ImportResult {
  return {
    components: [
      {
        name: 'API Gateway',
        kind: 'service',
        infrastructure: false,
        type: 'component',
        system: 'shop & co',
        owner: 'group:default/team <web>',
        description: `Fronts everything ${BIDI}evil`,
        provides: [{ api: 'shop api #1', protocol: 'http', version: '2.0.0' }],
        properties: {
          'backstage:lifecycle': 'production',
          'backstage:links': JSON.stringify([{ url: 'https://example.com/"q"', title: 'line\nbreak' }]),
          'cyclonedx:trust-zone': 'dmz',
          __proto__: 'not a prototype',
          'spdx:summary': 'The gateway',
          'spdx:property:tier': 'gold',
        },
      },
      { name: '50%-off', kind: 'service', infrastructure: false, type: 'component', owner: 'team-promo' },
      { name: 'ünïcødé db', kind: 'database', infrastructure: true, type: 'resource', system: 'shop & co' },
      {
        name: 'api:shop-api',
        kind: 'api',
        infrastructure: false,
        type: 'entity',
        owner: 'team-web',
        properties: { 'backstage:type': 'openapi', 'backstage:definition-ref': './openapi.yaml' },
      },
      { name: 'group:team <web>', kind: 'group', infrastructure: false, type: 'entity' },
      { name: '<script>alert(1)</script>', kind: 'external', infrastructure: true, type: 'resource' },
    ],
    edges: [
      {
        from: 'API Gateway',
        to: '50%-off',
        protocol: 'http',
        api: 'promo #2',
        version: '1.0.0',
        evidence: 'test',
        properties: { 'cyclonedx:data': '[{"flow":"outbound"}]', 'backstage:ref': 'component:50%-off' },
      },
      { from: 'API Gateway', to: 'ünïcødé db', protocol: 'sql', evidence: 'test' },
      { from: 'API Gateway', to: 'api:shop-api', evidence: 'test' },
      { from: 'api:shop-api', to: '<script>alert(1)</script>', evidence: 'test' },
      { from: '50%-off', to: 'nobody declares me', evidence: 'test', kind: 'service' },
    ],
    libraries: [
      {
        ecosystem: 'npm',
        name: '@scope/odd name',
        version: '1.0.0',
        syntax: 'resolved',
        usedBy: ['API Gateway'],
        properties: { 'cyclonedx:licenses': '["MIT"]' },
      },
      { ecosystem: 'npm', name: 'express', version: '^4.19.0', syntax: 'native', scope: 'dev', usedBy: ['50%-off'] },
      {
        ecosystem: 'golang',
        name: 'github.com/x/y',
        version: 'v1.2.3',
        syntax: 'resolved',
        usedBy: ['API Gateway', '50%-off'],
      },
    ],
    problems: [],
  };
}

export const catalogGraph = (): Snapshot =>
  buildSnapshot(
    [catalogRepo(catalogResult(), { id: 'catalog', source: 'catalog.json', file: 'catalog.json' })],
    'depmap test',
  );
