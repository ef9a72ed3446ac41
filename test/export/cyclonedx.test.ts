import { describe, expect, it } from 'vitest';
import { toCycloneDx } from '../../src/export/cyclonedx.js';
import { unwrapPin } from '../../src/manifest/pin/unwrap-pin.js';
import { importFile } from '../../src/importers/index.js';
import { checkPin } from '../../src/manifest/pin/index.js';
import { purlFor } from '../../src/manifest/purl.js';
import { normalizeVersion } from '../../src/importers/drift.js';
import type { Snapshot } from '../../src/graph/types.js';
import { cycloneDx16Validator } from './cyclonedx-schema.js';
import { demoOrg, snapshotOf } from './snapshot.js';

const validate = cycloneDx16Validator();

const awkward = snapshotOf(
  {
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
      '  - { ecosystem: nuget, name: Serilog, version: "[3.1.1]" }',
      '  - { ecosystem: pypi, name: requests, version: "==2.31.0", scope: dev }',
      'services:',
      '  - { name: api, protocol: http, api: shop-api, version: 2.0.0 }',
      '  - { name: stripe, kind: external, url: "https://api.stripe.com", version: "2024-06-20" }',
      '  - { name: cdn-cache, kind: cache, image: "redis:7.2.5" }',
      '  - { name: legacy, version: 1.0.0 }',
    ].join('\n'),
    api: [
      'depmap: 1',
      'name: api',
      'kind: service',
      'description: "Quotes \\"and\\" <markup> & unicode: café"',
      'provides:',
      '  - { api: shop-api, protocol: http, version: 2.0.0 }',
      '  - { api: shop-events, protocol: kafka, version: 1.0.0 }',
      'libraries:',
      '  - pkg:golang/github.com/jackc/pgx/v5@v5.6.0',
      '  - pkg:npm/%40types/node@20.14.9',
    ].join('\n'),
  },
  { discovered: ['api'] },
);

function errorsOf(bom: unknown): string {
  return JSON.stringify(validate.errors?.slice(0, 5), null, 2) ?? '';
}

describe('CycloneDX export', () => {
  it('validates against the official CycloneDX 1.6 schema (demo organisation and awkward names)', () => {
    for (const snapshot of [demoOrg(), awkward]) {
      const bom = JSON.parse(toCycloneDx(snapshot, { name: 'demo' })) as unknown;
      const valid = validate(bom);
      expect(valid, errorsOf(bom)).toBe(true);
    }
  });

  it('the schema check can fail: a broken BOM is rejected', () => {
    const bom = JSON.parse(toCycloneDx(awkward)) as { services: Record<string, unknown>[] };
    delete bom.services[0]!.name;
    expect(validate(bom)).toBe(false);
  });

  it('is deterministic: same graph, same bytes; no timestamp or serial number', () => {
    const text = toCycloneDx(demoOrg());
    expect(toCycloneDx(demoOrg())).toBe(text);
    expect(text).not.toMatch(/timestamp|serialNumber/);
  });

  it('services carry endpoints and depmap properties; library versions are exact in purls only when pinned', () => {
    const bom = JSON.parse(toCycloneDx(awkward)) as {
      components: Record<string, unknown>[];
      services: Record<string, unknown>[];
      dependencies: { ref: string; dependsOn: string[] }[];
    };
    const service = (name: string) => bom.services.find((s) => s.name === name)!;
    expect(service('stripe')).toMatchObject({ endpoints: ['https://api.stripe.com'], 'x-trust-boundary': true });
    expect(service('shop').properties).toContainEqual({
      name: 'depmap:calls',
      value: '{"target":"api","protocol":"http","api":"shop-api","version":"2.0.0"}',
    });
    expect(service('api').properties).toContainEqual({ name: 'depmap:discovered', value: 'true' });
    const purls = bom.components.map((c) => c.purl).sort();
    expect(purls).toEqual([
      'pkg:golang/github.com/jackc/pgx/v5@v5.6.0',
      'pkg:maven/org.slf4j/slf4j-api',
      'pkg:npm/%40types/node@20.14.9',
      'pkg:npm/react',
      'pkg:nuget/Serilog@3.1.1',
      'pkg:pypi/requests@2.31.0',
    ]);
    expect(bom.components.find((c) => c.name === 'react')).toMatchObject({ version: '^18.2.0', scope: 'required' });
    expect(bom.components.find((c) => c.name === 'requests')).toMatchObject({ scope: 'excluded' });
    // Two components use @types/node 20.14.9: one library component, two dependencies on it.
    expect(bom.components.filter((c) => c.name === 'node')).toHaveLength(1);
    expect(bom.dependencies.find((d) => d.ref === 'service:shop')?.dependsOn).toContain('service:api');
    expect(unwrapPin('==2.31.0')).toBe('2.31.0');
    expect(unwrapPin('[8.0.1]')).toBe('8.0.1');
    expect(unwrapPin('v1.2.3')).toBe('v1.2.3');
  });
});

describe('CycloneDX round trip: export, import with the CycloneDX importer, same graph', () => {
  function roundTrip(snapshot: Snapshot) {
    const text = toCycloneDx(snapshot);
    const imported = importFile(text, { file: 'graph.cdx.json', readFile: () => undefined, transitive: true });
    expect(imported.problems).toEqual([]);
    return imported;
  }

  for (const [label, snapshot] of [
    ['demo organisation', demoOrg()],
    ['awkward names', awkward],
  ] as const) {
    it(label, () => {
      const imported = roundTrip(snapshot);
      const nodes = snapshot.nodes.filter((n) => n.type !== 'library');
      expect(
        imported.components
          .map((c) => ({
            name: c.name,
            kind: c.kind,
            system: c.system,
            owner: c.owner,
            provides: c.provides,
            infrastructure: c.infrastructure,
          }))
          .sort(byName),
      ).toEqual(
        nodes
          .map((n) => ({
            name: n.id,
            kind: n.kind,
            system: n.system,
            owner: n.owner,
            provides: n.provides,
            infrastructure: n.type === 'resource',
          }))
          .sort(byName),
      );
      const calls = snapshot.edges.filter((e) => e.type === 'calls-service');
      expect(imported.edges.map((e) => [e.from, e.to, e.api, e.protocol, e.version].join(' ')).sort()).toEqual(
        calls.map((e) => [e.source, e.target, e.api, e.protocol, e.version].join(' ')).sort(),
      );
      const uses = snapshot.edges.filter((e) => e.type === 'uses-library');
      const expected = [
        ...new Set(
          uses.map((e) => `${e.target}@${normalizeVersion(e.target.split('/')[0]!.slice(4), e.version ?? '')}`),
        ),
      ].sort();
      const actual = [
        ...new Set(
          imported.libraries.map(
            (l) => `${purlFor(l.ecosystem, l.name)}@${normalizeVersion(l.ecosystem, l.version ?? '')}`,
          ),
        ),
      ].sort();
      expect(actual).toEqual(expected);
      // What was not pinned comes back not pinned: a range stays a range for the pin rules.
      const pinnedBefore = [
        ...new Set(
          uses
            .filter((e) => e.version !== undefined)
            .map(
              (e) => `${e.target}@${normalizeVersion(e.target.split('/')[0]!.slice(4), e.version!)} ${e.pin.pinned}`,
            ),
        ),
      ].sort();
      const pinnedAfter = [
        ...new Set(
          imported.libraries
            .filter((l) => l.version !== undefined)
            .map(
              (l) =>
                `${purlFor(l.ecosystem, l.name)}@${normalizeVersion(l.ecosystem, l.version!)} ${checkPin(l.ecosystem, l.version, { syntax: l.syntax }).pinned}`,
            ),
        ),
      ].sort();
      expect(pinnedAfter).toEqual(pinnedBefore);
    });
  }
});

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
