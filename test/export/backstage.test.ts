import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { toBackstage } from '../../src/export/backstage.js';
import { backstageName } from '../../src/export/backstage-name.js';
import { importFile } from '../../src/importers/index.js';
import { backstageFixtureGraphs } from '../helpers/interop.js';
import { demoOrg, snapshotOf } from './snapshot.js';

/**
 * The rules Backstage's catalog applies to every entity (FieldFormatEntityPolicy and the
 * v1alpha1 kind schemas of @backstage/catalog-model), restated for the kinds depmap writes.
 */
function entityProblems(entity: Record<string, any>): string[] {
  const problems: string[] = [];
  const name = entity.metadata?.name;
  if (entity.apiVersion !== 'backstage.io/v1alpha1') problems.push(`apiVersion ${entity.apiVersion}`);
  if (typeof name !== 'string' || name.length > 63 || !/^([A-Za-z0-9][-_.]?)*[A-Za-z0-9]$/.test(name))
    problems.push(`metadata.name ${name}`);
  for (const [key, value] of Object.entries(entity.metadata?.annotations ?? {})) {
    if (
      !/^([a-z0-9A-Z][-_.a-z0-9A-Z]*\/)?[a-z0-9A-Z]([-_.a-z0-9A-Z]{0,61}[a-z0-9A-Z])?$/.test(key) ||
      typeof value !== 'string'
    )
      problems.push(`annotation ${key}`);
  }
  for (const tag of entity.metadata?.tags ?? [])
    if (!/^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/.test(tag) || tag.length > 63) problems.push(`tag ${tag}`);
  const spec = entity.spec ?? {};
  const requireString = (field: string) => {
    if (typeof spec[field] !== 'string' || spec[field].length === 0)
      problems.push(`${entity.kind} ${name}: spec.${field}`);
  };
  const optionalRefs = (field: string) => {
    if (
      spec[field] !== undefined &&
      (!Array.isArray(spec[field]) ||
        spec[field].some(
          (r: unknown) => typeof r !== 'string' || !/^([a-z]+:)?([\w.-]+\/)?[\w.-]+$/i.test(r as string),
        ))
    ) {
      problems.push(`${entity.kind} ${name}: spec.${field}`);
    }
  };
  switch (entity.kind) {
    case 'Component':
      ['type', 'lifecycle', 'owner'].forEach(requireString);
      ['providesApis', 'consumesApis', 'dependsOn'].forEach(optionalRefs);
      break;
    case 'API':
      ['type', 'lifecycle', 'owner'].forEach(requireString);
      // An MCP server is described by its remotes; a definition may be a placeholder the catalog substitutes.
      if (spec.type === 'mcp-server') {
        if (!Array.isArray(spec.remotes)) problems.push(`API ${name}: spec.remotes`);
      } else if (!isPlaceholder(spec.definition)) {
        requireString('definition');
      }
      break;
    case 'Resource':
      ['type', 'owner'].forEach(requireString);
      optionalRefs('dependsOn');
      break;
    case 'System':
    case 'Domain':
      requireString('owner');
      break;
    case 'Group':
      requireString('type');
      if (!Array.isArray(spec.children)) problems.push(`Group ${name}: spec.children`);
      break;
    case 'User':
      if (!Array.isArray(spec.memberOf)) problems.push(`User ${name}: spec.memberOf`);
      break;
    case 'AiResource':
      ['type', 'lifecycle', 'owner'].forEach(requireString);
      break;
    default:
      problems.push(`kind ${entity.kind}`);
  }
  return problems;
}

/** `$text: ./file`, `$openapi: https://…`: Backstage's placeholders, resolved by the catalog when it reads the entity. */
function isPlaceholder(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const entries = Object.entries(value);
  return entries.length === 1 && /^\$[a-z]+$/.test(entries[0]![0]) && typeof entries[0]![1] === 'string';
}

function entitiesOf(text: string): Record<string, any>[] {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) expect(doc.errors).toEqual([]);
  return docs.map((doc) => doc.toJS() as Record<string, any>);
}

const odd = snapshotOf({
  'weird-repo': [
    'depmap: 1',
    'name: "payments..v2__"',
    'kind: frontend',
    'system: commerce',
    'tags: [PCI Scope, "no good!"]',
    'provides:',
    '  - { api: pay-events, protocol: kafka, version: 2.0.0 }',
    '  - { api: pay-graph, protocol: graphql, version: 1.1.0 }',
    'services:',
    `  - { name: ${'a'.repeat(80)}, kind: database }`,
    '  - { name: pay-graph-consumer, api: pay-graph, version: 1.1.0 }',
  ].join('\n'),
});

describe('Backstage export', () => {
  it('writes entities Backstage accepts (demo organisation, awkward names, every kind of the interop fixtures)', () => {
    for (const snapshot of [demoOrg(), odd, ...backstageFixtureGraphs()]) {
      const entities = entitiesOf(toBackstage(snapshot));
      expect(entities.length).toBeGreaterThan(0);
      expect(entities.flatMap(entityProblems)).toEqual([]);
    }
  });

  it('the entity check can fail', () => {
    expect(
      entityProblems({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'a--b' },
        spec: { type: 'service' },
      }),
    ).toEqual(['metadata.name a--b', 'Component a--b: spec.lifecycle', 'Component a--b: spec.owner']);
    expect(
      entityProblems({ apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'g' }, spec: {} }),
    ).toEqual(['Group g: spec.type', 'Group g: spec.children']);
  });

  it('Systems, Components with relations, versioned APIs, Resources', () => {
    const entities = entitiesOf(toBackstage(demoOrg()));
    const kinds = entities.map((e) => `${e.kind}:${e.metadata.name}`);
    expect(kinds.filter((k) => k.startsWith('System:'))).toEqual([
      'System:catalog',
      'System:commerce',
      'System:identity',
    ]);
    const checkout = entities.find((e) => e.kind === 'Component' && e.metadata.name === 'checkout')!;
    expect(checkout.spec).toEqual({
      type: 'service',
      lifecycle: 'production',
      owner: 'team-payments',
      system: 'commerce',
      providesApis: ['api:checkout-http'],
      consumesApis: ['api:orders-http', 'api:payments-grpc'],
      dependsOn: ['resource:order-events', 'resource:orders-db'],
    });
    const api = entities.find((e) => e.kind === 'API' && e.metadata.name === 'payments-grpc')!;
    expect(api.spec).toMatchObject({ type: 'grpc', owner: 'team-payments', system: 'commerce' });
    expect(api.metadata.annotations).toMatchObject({ 'depmap.dev/version': '3.2.0', 'depmap.dev/protocol': 'grpc' });
    const db = entities.find((e) => e.kind === 'Resource' && e.metadata.name === 'orders-db')!;
    expect(db.spec).toEqual({ type: 'database', owner: 'unknown', system: 'commerce' });
    expect(db.metadata.annotations['depmap.dev/image']).toBe('postgres:16.3');
  });

  it('names that Backstage would refuse are made to fit; the original is kept', () => {
    const entities = entitiesOf(toBackstage(odd, { defaultOwner: 'group:platform' }));
    const component = entities.find((e) => e.kind === 'Component')!;
    expect(component.metadata.name).toBe(backstageName('payments..v2__'));
    expect(component.metadata.name).toMatch(/^payments\.v2-[0-9a-f]{6}$/);
    expect(component.metadata.annotations['depmap.dev/name']).toBe('payments..v2__');
    expect(component.metadata.tags).toEqual(['pci-scope']);
    expect(component.spec.type).toBe('website');
    expect(component.spec.owner).toBe('group:platform');
    const long = entities.find(
      (e) => e.kind === 'Resource' && String(e.metadata.annotations?.['depmap.dev/name']).startsWith('aaaa'),
    )!;
    expect(long.metadata.name.length).toBeLessThanOrEqual(63);
    expect(entities.find((e) => e.metadata.name === 'pay-events')?.spec.type).toBe('asyncapi');
  });

  it('free-form owners become group refs Backstage resolves; the original is kept in an annotation', () => {
    const owners = snapshotOf({
      a: 'depmap: 1\nname: a\nkind: service\nsystem: ops\nowner: "team | ops"\nprovides:\n  - { api: a-http, protocol: http, version: 1.0.0 }\n',
      b: 'depmap: 1\nname: b\nkind: service\nowner: "Ünïcödé team"\n',
      c: 'depmap: 1\nname: c\nkind: service\nowner: group:platform/sre\n',
      d: 'depmap: 1\nname: d\nkind: service\nowner: "日本"\n',
      e: 'depmap: 1\nname: e\nkind: service\nowner: team-payments\n',
    });
    const entities = entitiesOf(toBackstage(owners, { defaultOwner: 'group:platform' }));
    expect(entities.flatMap(entityProblems)).toEqual([]);
    const of = (kind: string, name: string) => entities.find((e) => e.kind === kind && e.metadata.name === name)!;
    const shown = (entity: Record<string, any>) => [
      entity.spec.owner,
      entity.metadata.annotations?.['depmap.dev/owner'],
    ];
    expect(shown(of('Component', 'a'))).toEqual(['group:team-ops', 'team | ops']);
    expect(shown(of('API', 'a-http'))).toEqual(['group:team-ops', 'team | ops']);
    expect(shown(of('System', 'ops'))).toEqual(['group:team-ops', 'team | ops']);
    expect(shown(of('Component', 'b'))).toEqual(['group:unicode-team', 'Ünïcödé team']);
    // Written as is, and kept: the importer would read the ref back as `platform/sre`.
    expect(shown(of('Component', 'c'))).toEqual(['group:platform/sre', 'group:platform/sre']);
    expect(shown(of('Component', 'd'))).toEqual(['group:platform', '日本']);
    expect(shown(of('Component', 'e'))).toEqual(['team-payments', undefined]);
    for (const entity of entities) {
      if (entity.spec.owner?.includes(':'))
        expect(entity.spec.owner).toMatch(/^(group|user):([a-z0-9]+(-[a-z0-9]+)*\/)?([A-Za-z0-9][-_.]?)*[A-Za-z0-9]$/);
    }
    // The importer reads the original back.
    const imported = importFile(toBackstage(owners), {
      file: 'catalog-info.yaml',
      readFile: () => undefined,
      transitive: false,
    });
    expect(Object.fromEntries(imported.components.map((c) => [c.name, c.owner]))).toEqual({
      a: 'team | ops',
      b: 'Ünïcödé team',
      c: 'group:platform/sre',
      d: '日本',
      e: 'team-payments',
    });
  });

  it('round trip through the Backstage importer: the same components, resources, APIs with versions, and calls', () => {
    const snapshot = demoOrg();
    const imported = importFile(toBackstage(snapshot), {
      file: 'catalog-info.yaml',
      readFile: () => undefined,
      transitive: false,
    });
    expect(imported.problems).toEqual([]);
    // The Systems and Groups written so that refs resolve are not nodes again.
    const nodes = snapshot.nodes.filter((n) => n.type !== 'library');
    expect(imported.components.map((c) => `${c.name} ${c.kind} ${c.system ?? ''} ${c.owner ?? ''}`).sort()).toEqual(
      nodes.map((n) => `${n.id} ${n.kind} ${n.system ?? ''} ${n.owner ?? ''}`).sort(),
    );
    for (const node of nodes.filter((n) => n.provides)) {
      expect(imported.components.find((c) => c.name === node.id)?.provides).toEqual(node.provides);
    }
    // Each call with its own API and version (depmap.dev/calls), not only the provided API's.
    const calls = snapshot.edges.filter((e) => e.type === 'calls-service');
    expect(
      imported.edges.map((e) => `${e.from} -> ${e.to} ${e.api ?? ''} ${e.version ?? ''} ${e.protocol ?? ''}`).sort(),
    ).toEqual(
      calls.map((e) => `${e.source} -> ${e.target} ${e.api ?? ''} ${e.version ?? ''} ${e.protocol ?? ''}`).sort(),
    );
    // Libraries come back with the component that uses them.
    const uses = snapshot.edges.filter((e) => e.type === 'uses-library');
    expect(imported.libraries.map((l) => `${l.usedBy?.join(',')} ${l.name}@${l.version ?? ''}`).sort()).toEqual(
      uses.map((e) => `${e.source} ${snapshot.nodes.find((n) => n.id === e.target)?.name}@${e.version ?? ''}`).sort(),
    );
  });

  it('the same graph gives the same bytes', () => {
    expect(toBackstage(demoOrg())).toBe(toBackstage(demoOrg()));
  });
});
