import { describe, expect, it } from 'vitest';
import { byName, ids, importFixture, importerIdOf } from './fixture.js';
import { importFile, servicesFor } from '../../src/importers/index.js';
import { checkPin } from '../../src/manifest/pin/index.js';
import { slugName } from '../../src/importers/cyclonedx/service-name.js';

describe('CycloneDX JSON', () => {
  const result = importFixture('cyclonedx', 'bom.cdx.json');

  it('libraries by purl; direct ones are those the subject depends on; nested components are walked', () => {
    expect(result.problems).toEqual([]);
    expect(ids(result.libraries)).toEqual(['@aws-sdk/client-ses@3.556.0', 'express@4.19.2', 'jest@29.7.0']);
    expect(byName(result.libraries, 'jest')?.scope).toBe('dev');
    expect(byName(result.libraries, '@aws-sdk/client-ses')).toMatchObject({ ecosystem: 'npm', syntax: 'resolved' });
    const all = importFixture('cyclonedx', 'bom.cdx.json', { transitive: true });
    expect(byName(all.libraries, 'mime-types')).toMatchObject({ version: '2.1.35', transitive: true });
    // A container is not a library.
    expect(byName(all.libraries, 'node')).toBeUndefined();
  });

  it('the subject and every service (nested too) are components; dependencies give the edges', () => {
    expect(result.components.map((c) => `${c.name}:${c.kind}`)).toEqual([
      'notifications:service',
      'ses:external',
      'templates:service',
      // A redis:// endpoint says what the service is, as an address does elsewhere.
      'templates-cache:cache',
    ]);
    expect(result.components[0]).toMatchObject({ built: true });
    expect(result.edges.map((e) => `${e.from}->${e.to} ${e.protocol ?? ''} ${e.version ?? ''}`)).toEqual([
      'notifications->ses http 2010-12-01',
      'notifications->templates grpc 1.2.0',
      'templates->templates-cache redis ',
    ]);
    expect(servicesFor(result, 'notifications').map((s) => s.name)).toEqual(['ses', 'templates']);
    // The manifest may call the component differently: the BOM's subject is the one built here.
    expect(servicesFor(result, 'notification-service').map((s) => s.name)).toEqual(['ses', 'templates']);
  });

  it('without a dependency graph, every library is direct and every service is used by the subject', () => {
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      metadata: { component: { type: 'application', name: 'app' } },
      components: [{ type: 'library', name: 'x', purl: 'pkg:pypi/x@1.0' }],
      services: [{ name: 'api' }],
    };
    const plain = importFile(JSON.stringify(bom), { file: 'sbom.json', readFile: () => undefined, transitive: false });
    expect(ids(plain.libraries)).toEqual(['x@1.0']);
    expect(plain.edges.map((e) => `${e.from}->${e.to}`)).toEqual(['app->api']);
  });

  it('versions are resolved, unless marked not pinned or written as a range: those keep their ecosystem syntax', () => {
    const component = (name: string, version: string, pinned?: boolean) => ({
      type: 'library',
      name,
      version,
      purl: `pkg:npm/${name}`,
      ...(pinned === false ? { properties: [{ name: 'depmap:pinned', value: 'false' }] } : {}),
    });
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [
        component('lodash', '^4.17.21', false),
        component('left-pad', '1.3.0'),
        component('chalk', '>=5 <6'),
        component('debug', 'latest', false),
        component('ms', '2.x'),
      ],
    };
    const { libraries } = importFile(JSON.stringify(bom), {
      file: 'bom.cdx.json',
      readFile: () => undefined,
      transitive: false,
    });
    const pinned = Object.fromEntries(
      libraries.map((l) => [l.name, checkPin(l.ecosystem, l.version, { syntax: l.syntax }).pinned]),
    );
    expect(pinned).toEqual({ lodash: false, 'left-pad': true, chalk: false, debug: false, ms: false });
    expect(byName(libraries, 'left-pad')?.syntax).toBe('resolved');
  });

  it('not a BOM, or a bad purl: problems, never a throw', () => {
    expect(
      importFile('{"bomFormat": "SPDX"}', { file: 'bom.json', readFile: () => undefined, transitive: false })
        .problems[0]?.message,
    ).toMatch(/not a CycloneDX/);
    const badPurl = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [{ type: 'library', name: 'y', purl: 'not-a-purl' }],
    };
    const result = importFile(JSON.stringify(badPurl, null, 2), {
      file: 'bom.json',
      readFile: () => undefined,
      transitive: false,
    });
    expect(result.problems[0]).toMatchObject({ severity: 'warning', line: 7 });
    expect(ids(result.libraries)).toEqual(['y@']);
  });

  it('display names become depmap names; depmap names stay as they are', () => {
    expect(slugName('API Gateway')).toBe('api-gateway');
    expect(slugName('Acme Cloud Example')).toBe('acme-cloud-example');
    expect(slugName('Postgres')).toBe('Postgres');
    expect(slugName('orders.v2_internal')).toBe('orders.v2_internal');
    expect(slugName('  --Zürich  Café!! ')).toBe('zurich-cafe');
    expect(slugName('x'.repeat(200) + ' y')).toHaveLength(120);
    // Nothing to slug: a stable name of its own, the same for the same text.
    expect(slugName('日本')).toMatch(/^service-[0-9a-f]{8}$/);
    expect(slugName('日本')).toBe(slugName('日本'));
    expect(slugName('日本')).not.toBe(slugName('中国'));
  });

  it('a SaaSBOM: every service its own calls and libraries, by bom-ref', () => {
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [
        { 'bom-ref': 'lib-a', type: 'library', name: 'a', purl: 'pkg:npm/a@1.0.0' },
        { 'bom-ref': 'lib-b', type: 'library', name: 'b', purl: 'pkg:npm/b@2.0.0' },
      ],
      services: [
        { 'bom-ref': 's1', name: 'Service One', services: [{ 'bom-ref': 's2', name: 'Service Two' }] },
        { 'bom-ref': 's3', name: 'three', provider: { name: 'Acme' } },
      ],
      dependencies: [
        { ref: 's1', dependsOn: ['s2', 'lib-a'] },
        { ref: 's2', dependsOn: ['s3', 'lib-a', 'lib-b'] },
        { ref: 'lib-a', dependsOn: ['lib-b'] },
      ],
    };
    const result = importFile(JSON.stringify(bom), { file: 'bom.json', readFile: () => undefined, transitive: false });
    expect(result.problems).toEqual([]);
    expect(result.components.map((c) => `${c.name}:${c.kind}:${c.properties?.['cyclonedx:parent'] ?? ''}`)).toEqual([
      'service-one:service:',
      'service-two:service:service-one',
      'three:service:',
    ]);
    expect(result.edges.map((e) => `${e.from}->${e.to}`)).toEqual(['service-one->service-two', 'service-two->three']);
    expect(result.libraries.map((l) => `${l.name} ${l.usedBy?.join(',')}`)).toEqual([
      'a service-one,service-two',
      'b service-two',
    ]);
  });

  it('registry: BOM file names', () => {
    expect(importerIdOf('bom.json')).toBe('cyclonedx');
    expect(importerIdOf('sbom.cdx.json')).toBe('cyclonedx');
    expect(importerIdOf('dist/app.cdx.json')).toBe('cyclonedx');
    expect(importerIdOf('data.json')).toBeUndefined();
  });
});
