/**
 * The SPDX 3.0.1 export: every document validates against the vendored 3.0.1 schemas (ajv,
 * draft 2020-12), the same graph gives the same bytes, ids are stable IRIs whatever the names,
 * scopes map onto SPDX lifecycle scopes, and `depmap export --format spdx` writes it.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { SPDX_EPOCH, toSpdx } from '../../src/export/spdx.js';
import { iriSegment } from '../../src/export/spdx-ids.js';
import { demoOrg, snapshotOf } from './snapshot.js';
import { catalogGraph, scoped } from './spdx-graphs.js';
import { spdxValidators } from './spdx-schema.js';

type Element = Record<string, unknown> & { type: string; spdxId?: string };
interface Doc {
  '@context': string;
  '@graph': Element[];
}

const validators = spdxValidators();
const parse = (text: string) => JSON.parse(text) as Doc;
const of = (doc: Doc, type: string) => doc['@graph'].filter((e) => e.type === type);
const entries = (e: Element) =>
  (
    (e.extension as { extension_cdxProperty: { extension_cdxPropName: string; extension_cdxPropValue: string }[] }[]) ??
    []
  )
    .flatMap((x) => x.extension_cdxProperty)
    .map((p) => [p.extension_cdxPropName, p.extension_cdxPropValue]);

function expectValid(text: string): void {
  const doc = parse(text);
  for (const [file, validate] of validators)
    expect(validate(doc), `${file}: ${JSON.stringify(validate.errors?.slice(0, 3), null, 1)}`).toBe(true);
}

describe('toSpdx', () => {
  it('writes the demo organisation as a schema-valid SPDX 3.0.1 document', () => {
    const text = toSpdx(demoOrg(), { name: 'demo' });
    expectValid(text);
    const doc = parse(text);
    expect(doc['@context']).toBe('https://spdx.org/rdf/3.0.1/spdx-context.jsonld');
    const snapshot = demoOrg();
    const packages = of(doc, 'software_Package');
    const applications = packages.filter((p) => p.software_primaryPurpose === 'application');
    expect(applications).toHaveLength(
      snapshot.nodes.filter((n) => n.type === 'component' || n.type === 'resource').length,
    );
    // One package per library version in use: express is there at 4.19.2 and at 4.18.2.
    const express = packages.filter((p) => p.name === 'express').map((p) => p.software_packageUrl);
    expect(express.sort()).toEqual(['pkg:npm/express@4.18.2', 'pkg:npm/express@4.19.2']);
    const relationships = of(doc, 'LifecycleScopedRelationship');
    expect(relationships).toHaveLength(snapshot.edges.length);
    expect(relationships.every((r) => r.relationshipType === 'dependsOn')).toBe(true);
    const [sbom] = of(doc, 'software_Sbom');
    expect(sbom!.rootElement).toHaveLength(snapshot.nodes.filter((n) => n.type === 'component').length);
  });

  it('refers only to elements it writes, and gives every element its own spdxId', () => {
    const doc = parse(toSpdx(demoOrg()));
    const ids = doc['@graph'].map((e) => e.spdxId).filter((id): id is string => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
    const known = new Set(ids);
    for (const r of of(doc, 'LifecycleScopedRelationship')) {
      expect(known.has(r.from as string)).toBe(true);
      for (const to of r.to as string[]) expect(known.has(to)).toBe(true);
    }
    const [document] = of(doc, 'SpdxDocument');
    for (const id of document!.element as string[]) expect(known.has(id)).toBe(true);
  });

  it('maps scopes: calls are runtime, dev → development, test → test, build → build, optional → runtime + depmap:scope', () => {
    const doc = parse(toSpdx(scoped()));
    const byTarget = (name: string) =>
      of(doc, 'LifecycleScopedRelationship').find((r) =>
        (r.to as string[]).some((to) => doc['@graph'].find((e) => e.spdxId === to)?.name === name),
      )!;
    expect(byTarget('api.gateway').scope).toBe('runtime');
    expect(entries(byTarget('api.gateway'))).toContainEqual([
      'depmap:calls',
      '{"target":"api.gateway","protocol":"http","api":"shop-api","version":"2.0.0"}',
    ]);
    expect(byTarget('requests').scope).toBe('development');
    expect(byTarget('org.slf4j:slf4j-api').scope).toBe('test');
    expect(byTarget('esbuild').scope).toBe('build');
    expect(byTarget('left-pad').scope).toBe('runtime');
    expect(entries(byTarget('left-pad'))).toContainEqual(['depmap:scope', 'optional']);
    // A declared version that is not the plain package version is kept as declared.
    expect(entries(byTarget('requests'))).toContainEqual(['depmap:version', '==2.31.0']);
  });

  it('gives libraries their purl, with the version only when it is exact, and marks ranges', () => {
    const doc = parse(toSpdx(scoped()));
    const react = of(doc, 'software_Package').find((p) => p.name === 'react')!;
    expect(react).toMatchObject({ software_packageUrl: 'pkg:npm/react', software_packageVersion: '^18.2.0' });
    expect(entries(react)).toEqual([['depmap:pinned', 'false']]);
    const node = of(doc, 'software_Package').find((p) => p.name === '@types/node')!;
    expect(node).toMatchObject({
      software_packageUrl: 'pkg:npm/%40types/node@20.14.9',
      software_primaryPurpose: 'library',
    });
  });

  it('keeps hostile names valid and their ids IRI-safe and distinct', () => {
    const text = toSpdx(catalogGraph(), { name: 'shop & "friends" \u202e' });
    expectValid(text);
    const doc = parse(text);
    for (const e of doc['@graph'])
      if (e.spdxId) expect(e.spdxId).toMatch(/^urn:depmap:[A-Za-z0-9\-._~!$&'()*+,;=:/@%]+$/);
    expect(of(doc, 'software_Package').map((p) => p.name)).toEqual(
      expect.arrayContaining(['API Gateway', '50%-off', 'ünïcødé db', '<script>alert(1)</script>', 'group:team <web>']),
    );
    expect(iriSegment('50%-off')).toBe('50%25-off');
    expect(iriSegment('a b')).not.toBe(iriSegment('a%20b'));
    // Bidi controls reach the file escaped (\u202e), never raw.
    expect(text).not.toMatch(/\u202e/);
  });

  it('gives the same bytes for the same graph, with created from the options (the epoch by default)', () => {
    const a = toSpdx(demoOrg(), { name: 'demo' });
    expect(toSpdx(demoOrg(), { name: 'demo' })).toBe(a);
    expect(of(parse(a), 'CreationInfo')[0]!.created).toBe(SPDX_EPOCH);
    const dated = parse(toSpdx(demoOrg(), { created: '2026-12-06T18:00:00Z' }));
    expect(of(dated, 'CreationInfo')[0]!.created).toBe('2026-12-06T18:00:00Z');
    expect(() => toSpdx(demoOrg(), { created: '2026-12-06T18:00:00.123Z' })).toThrow(/YYYY-MM-DDTHH:MM:SSZ/);
  });

  it('writes an empty graph as a valid document', () => {
    expectValid(toSpdx(snapshotOf({})));
  });
});

describe('depmap export --format spdx', () => {
  it('is a format of the registry: the CLI writes a schema-valid document', async () => {
    const result = await runCli(['export', '--format', 'spdx', 'fixtures/demo-org/*', '--name', 'demo']);
    expect(result.code).toBe(0);
    expectValid(result.stdout);
    expect(of(parse(result.stdout), 'SpdxDocument')[0]!.name).toBe('demo');
  });
});
