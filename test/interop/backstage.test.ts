/**
 * Backstage in and out through the graph (issue 17): real-shaped catalogs imported with their
 * counts (every entity a node, every owner and system, every relation), and round trips
 * export → import that give the same graph back: the demo organisation with its libraries,
 * each fixture's import, and a graph with awkward names, entity nodes and other formats'
 * properties.
 */
import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  type Entity,
} from '@backstage/catalog-model';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { toBackstage } from '../../src/export/backstage.js';
import { buildSnapshot } from '../../src/graph/build-graph.js';
import type { RepoEntry, Snapshot } from '../../src/graph/types.js';
import type { ImportResult } from '../../src/importers/types.js';
import { catalogRepo } from '../../src/interop/catalog-repo.js';
import { parseManifest } from '../../src/manifest/parse.js';
import { comparable, graphOfFile } from '../helpers/interop.js';
import { ROOT, demoOrg } from '../export/snapshot.js';

const FIXTURES = join(ROOT, 'test/fixtures/interop');

/** Every file under a fixture folder, by its path relative to the folder (the "repo"). */
function repoFiles(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(join(FIXTURES, folder), path).split('\\').join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(join(FIXTURES, folder));
  return files;
}

/**
 * A Location listing catalog files, as a Backstage app registers them (`catalog.locations`
 * in app-config.yaml, or "Register existing component"): the import reads it like any other.
 */
function registration(...targets: string[]): string {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Location',
    'metadata: { name: registered }',
    'spec:',
    '  targets:',
    ...targets.map((t) => `    - ${t}`),
    '',
  ].join('\n');
}

function importCatalog(folder: string, file: string, text?: string): Snapshot {
  const files = repoFiles(folder);
  return graphOfFile(file, text ?? files[file]!, { files, importer: 'backstage' });
}

/** What the issue counts: nodes by type and kind, owners, systems, calls, and the import's problems. */
function counts(snapshot: Snapshot) {
  const nodes = snapshot.nodes.filter((n) => n.type !== 'library');
  const byKind: Record<string, number> = {};
  for (const n of nodes) byKind[`${n.type}:${n.kind}`] = (byKind[`${n.type}:${n.kind}`] ?? 0) + 1;
  return {
    nodes: nodes.length,
    byKind,
    owners: nodes.filter((n) => n.owner !== undefined).length,
    systems: nodes.filter((n) => n.system !== undefined).length,
    calls: snapshot.edges
      .filter((e) => e.type === 'calls-service')
      .map((e) => `${e.source} -> ${e.target}`)
      .sort(),
    unresolved: nodes.filter((n) => n.unresolved).map((n) => n.id),
    problems: [
      ...snapshot.repos.flatMap((r) => r.problems.map((p) => `${p.severity}: ${p.file}:${p.line} ${p.message}`)),
      ...snapshot.problems.map((p) => `${p.severity}: ${p.message}`),
    ],
  };
}

const node = (snapshot: Snapshot, id: string) => snapshot.nodes.find((n) => n.id === id);

/** fixture → import → export → import: the second import is the first. */
function reimported(snapshot: Snapshot): Snapshot {
  return graphOfFile('catalog-info.yaml', toBackstage(snapshot), { importer: 'backstage' });
}

describe('Backstage import of real-shaped catalogs', () => {
  it('backstage/demo: 9 of 9 entities, 9 owners, 6 systems, the call to the API entity', () => {
    // The demo registers its three files in app-config.yaml; the same registration here.
    const demo = importCatalog(
      'backstage-demo',
      'registered.yaml',
      registration('./catalog-info.yaml', './examples/mcp-server-api.yaml', './examples/ai-resources.yaml'),
    );
    expect(counts(demo)).toEqual({
      nodes: 9,
      byKind: { 'component:frontend': 1, 'entity:api': 2, 'entity:airesource': 6 },
      owners: 9,
      systems: 6,
      calls: ['backstage-demo -> api:demo-graphql'],
      unresolved: [],
      problems: [],
    });
    // A namespaced owner ref stays namespaced; the custom kind's own fields are kept.
    expect(node(demo, 'backstage-demo')).toMatchObject({
      owner: 'backstage/maintainers',
      properties: {
        'backstage:lifecycle': 'experimental',
        'backstage:annotations': JSON.stringify({ 'github.com/project-slug': 'backstage/demo' }),
      },
    });
    expect(node(demo, 'airesource:mui-to-bui-migration')).toMatchObject({
      type: 'entity',
      kind: 'airesource',
      owner: 'backstage/maintainers',
      system: 'backstage',
      properties: {
        'backstage:kind': 'AiResource',
        'backstage:type': 'skill',
        'backstage:spec': JSON.stringify({ disciplines: ['web'], categories: ['migration'], agents: ['claude-code'] }),
      },
    });
    // An API definition by URL is kept as written and never fetched.
    expect(node(demo, 'api:demo-graphql')?.properties).toMatchObject({
      'backstage:type': 'graphql',
      'backstage:definition': JSON.stringify({ $text: 'https://demo.backstage.io/api/graphql/schema' }),
      'backstage:spec': JSON.stringify({ apiConsumedBy: ['backstage-demo'] }),
    });
    expect(node(demo, 'api:github-mcp-server')?.properties).toMatchObject({
      'backstage:title': 'GitHub MCP Server',
      'backstage:type': 'mcp-server',
    });
  });

  it('janus-idp showcase through all.yaml: 10 entities (rhdh-team is listed by no Location), 9 owners, 8 systems, 5 calls, one warning', () => {
    const showcase = importCatalog('rhdh-showcase', 'catalog-entities/all.yaml');
    expect(counts(showcase)).toEqual({
      nodes: 10,
      byKind: {
        'component:frontend': 1,
        'resource:database': 1,
        'resource:identity': 2,
        'resource:service': 1,
        'resource:storage': 1,
        'entity:api': 2,
        'entity:group': 1,
        'entity:system': 1,
      },
      owners: 9,
      systems: 8,
      calls: [
        'backstage-showcase -> argocd',
        'backstage-showcase -> github',
        'backstage-showcase -> keycloak',
        'backstage-showcase -> obc',
        'backstage-showcase -> pgdb',
      ],
      unresolved: [],
      problems: ['warning: catalog-entities/users.yaml:5 Location target ./users/users.yaml not found in the repo'],
    });
    // The raw resource type is kept where depmap's kind does not give it back.
    expect(node(showcase, 'keycloak')).toMatchObject({
      kind: 'identity',
      properties: { 'backstage:type': 'identity-provider' },
    });
    expect(node(showcase, 'obc')).toMatchObject({ kind: 'storage', properties: { 'backstage:type': 's3-bucket' } });
    expect(node(showcase, 'pgdb')?.properties?.['backstage:type']).toBeUndefined();
    // `kind: Api` is an API.
    expect(node(showcase, 'api:petstore')).toMatchObject({ type: 'entity', kind: 'api', system: 'janus-idp' });
    expect(node(showcase, 'system:janus-idp')).toMatchObject({ type: 'entity', owner: 'janus-authors' });
  });

  it('janus-idp showcase with the group file no Location lists registered too: 11 of 11', () => {
    const showcase = importCatalog(
      'rhdh-showcase',
      'registered.yaml',
      registration('./catalog-entities/all.yaml', './catalog-entities/groups/rhdh-team.yaml'),
    );
    const c = counts(showcase);
    expect([c.nodes, c.byKind['entity:group'], c.owners, c.systems, c.calls.length]).toEqual([11, 2, 9, 8, 5]);
    expect(c.problems).toEqual([
      'warning: catalog-entities/users.yaml:5 Location target ./users/users.yaml not found in the repo',
    ]);
  });

  it('a catalog on the model’s own examples’ pattern: every kind, every relation field, three namespaces', () => {
    const pattern = importCatalog('backstage-pattern', 'all.yaml');
    const c = counts(pattern);
    expect(c.byKind).toEqual({
      'component:frontend': 1,
      'component:library': 1,
      'component:service': 2,
      'resource:database': 2,
      'resource:storage': 1,
      'entity:airesource': 1,
      'entity:api': 1,
      'entity:domain': 2,
      'entity:group': 3,
      'entity:system': 3,
      'entity:user': 2,
    });
    expect([c.nodes, c.owners, c.systems]).toEqual([19, 14, 8]);
    expect(c.calls).toEqual([
      'artist-lookup -> api:wayback-search-api', // consumesApis, no provider: the API entity
      'artist-lookup -> artist-web', // dependsOn component:
      'artist-lookup -> artists-db', // dependsOn resource:default/
      'artist-web -> artist-lookup', // consumesApis of an API artist-lookup provides
      'artist-web -> artists-db', // dependsOn without kind, and artists-db's dependencyOf
      'artists-bucket -> artists-db', // a Resource's dependsOn
      'different-namespace -> archive-db', // resource:archive-db in the entity's own namespace
      'different-namespace -> artist-lookup', // api:default/… from namespace alternative
    ]);
    expect(c.problems).toEqual([
      'warning: artists.yaml:69 artist-web: spec.dependsOn "artists-db" has no kind, which Backstage requires; read as resource:artists-db',
    ]);
    // Refs resolve in the referring entity's namespace: system and owner of a component in `alternative`.
    expect(node(pattern, 'different-namespace')).toMatchObject({
      owner: 'team-a',
      system: 'alternative/portal',
      properties: { 'backstage:namespace': 'alternative' },
    });
    expect(node(pattern, 'archive-db')).toMatchObject({ owner: 'alternative/guest', system: 'alternative/portal' });
    expect(node(pattern, 'system:alternative/portal')).toMatchObject({ type: 'entity', owner: 'team-a' });
    expect(node(pattern, 'user:development/guest')?.properties?.['backstage:member-of']).toBe(
      '["group:default/team-a"]',
    );
    // subcomponentOf: a property, and the parent's system; a user owner keeps its kind.
    expect(node(pattern, 'artist-lookup-cache')).toMatchObject({
      owner: 'user:breanna.davison',
      system: 'artist-engagement-portal',
      properties: { 'backstage:subcomponent-of': 'artist-lookup' },
    });
    // Groups, Systems and Domains with their relation fields.
    expect(node(pattern, 'group:team-a')?.properties).toMatchObject({
      'backstage:parent': 'backstage',
      'backstage:children': '[]',
      'backstage:members': '["breanna.davison"]',
    });
    expect(node(pattern, 'system:artist-engagement-portal')?.properties?.['backstage:domain']).toBe('artists');
    expect(node(pattern, 'domain:artist-insights')?.properties?.['backstage:subdomain-of']).toBe('artists');
    // dependencyOf from something the catalog does not have: kept as written, no call from nowhere.
    expect(node(pattern, 'artists-db')?.properties?.['backstage:dependency-of']).toBe('["component:ingest-job"]');
    // The API provided by a component is its `provides`, versioned by the definition; not a node.
    expect(node(pattern, 'artist-lookup')?.provides).toEqual([
      { api: 'artist-lookup-api', protocol: 'http', version: '1.2.0' },
    ]);
    expect(node(pattern, 'api:artist-lookup-api')).toBeUndefined();
  });

  it('Location targets outside the repo, by URL or by glob are warnings, never read', () => {
    const read: string[] = [];
    const text = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Location',
      'metadata: { name: elsewhere }',
      'spec:',
      '  targets: [../../outside.yaml, /etc/catalog.yaml, "https://example.com/catalog-info.yaml", "./teams/*.yaml"]',
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: Location',
      'metadata: { name: by-url }',
      'spec: { type: url, target: example.com/catalog-info.yaml }',
      '',
    ].join('\n');
    const result = graphOfFile('catalog/all.yaml', text, {
      files: new Proxy({} as Record<string, string>, {
        get: (_target, path: string) => {
          read.push(path);
          return undefined;
        },
      }),
      importer: 'backstage',
    });
    expect(read).toEqual([]);
    // A Location loop (a file listing itself, two files listing each other) reads each file once.
    const loop = (target: string) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: loop }\nspec: { targets: [${target}] }\n`;
    const files = { 'a.yaml': loop('./b.yaml'), 'b.yaml': `${loop('./a.yaml')}---\n${loop('./b.yaml')}` };
    expect(counts(graphOfFile('a.yaml', files['a.yaml'], { files, importer: 'backstage' })).problems).toEqual([]);
    expect(result.repos[0]!.problems.map((p) => `${p.line} ${p.message}`)).toEqual([
      '4 Location target ../../outside.yaml is outside the repo: not followed',
      '4 Location target /etc/catalog.yaml is outside the repo: not followed',
      '4 Location target https://example.com/catalog-info.yaml is a URL: not followed (depmap reads files in the repo only)',
      '4 Location target ./teams/*.yaml is a glob: not followed (name the files)',
      '10 Location target example.com/catalog-info.yaml is a URL: not followed (depmap reads files in the repo only)',
    ]);
  });
});

describe('Backstage import of hostile catalogs', () => {
  it('keys that could reach a prototype stay keys; depmap annotations that are not JSON are warnings with their line', () => {
    const text = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: shop',
      '  annotations:',
      '    depmap.dev/properties: \'{"__proto__": {"polluted": "yes"}, "constructor": "x", "cyclonedx:a": "b"}\'',
      '    depmap.dev/calls: "not json"',
      '    depmap.dev/libraries: \'{"__proto__": []}\'',
      'spec:',
      '  type: service',
      '  lifecycle: production',
      '  owner: team-a',
      '  __proto__: { polluted: "yes" }',
      '  extra: { __proto__: { polluted: "yes" } }',
      '',
    ].join('\n');
    const snapshot = graphOfFile('catalog-info.yaml', text, { importer: 'backstage' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const shop = node(snapshot, 'shop')!;
    expect(shop.properties?.['cyclonedx:a']).toBe('b');
    expect(Object.keys(shop.properties ?? {})).not.toContain('__proto__');
    expect(JSON.parse(shop.properties?.['backstage:spec'] ?? '{}')).toHaveProperty(['__proto__']);
    expect(snapshot.repos[0]!.problems.map((p) => `${p.line} ${p.severity} ${p.message}`)).toEqual([
      expect.stringMatching(/^7 warning shop: depmap.dev\/calls is not read: /),
      '8 warning shop: depmap.dev/libraries is not read: not a JSON array',
    ]);
    // Exported and read again: still no pollution, the odd key kept as data.
    const back = reimported(snapshot);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(comparable(back)).toEqual(comparable(snapshot));
  });
});

describe('Backstage round trips through the graph', () => {
  it('the demo organisation: nodes with libraries, calls and library uses with versions, owners, systems', () => {
    const original = demoOrg();
    const back = reimported(original);
    expect(counts(back).problems).toEqual([]);
    expect(comparable(back)).toEqual(comparable(original));
    // Not vacuous: the libraries and their versions are there.
    const c = comparable(back);
    expect(c.nodes.filter((n) => n.type === 'library').length).toBeGreaterThan(30);
    expect(c.edges).toContainEqual(
      expect.objectContaining({ source: 'web-shop', target: 'pkg:npm/lodash', version: '^4.17.21', pinned: false }),
    );
    expect(c.edges).toContainEqual(
      expect.objectContaining({ source: 'notifications', target: 'accounts', api: 'accounts-http', version: '1.2.0' }),
    );
  });

  for (const [folder, file, text] of [
    [
      'backstage-demo',
      'registered.yaml',
      registration('./catalog-info.yaml', './examples/mcp-server-api.yaml', './examples/ai-resources.yaml'),
    ],
    ['rhdh-showcase', 'catalog-entities/all.yaml', undefined],
    ['backstage-pattern', 'all.yaml', undefined],
  ] as const) {
    it(`${folder}: import → export → import gives the first import`, () => {
      const first = importCatalog(folder, file, text);
      const second = reimported(first);
      expect(comparable(second)).toEqual(comparable(first));
      // Every ref the export writes resolves in the catalog it writes (no dangling owner, system or API).
      expect(danglingRefs(toBackstage(first))).toEqual([]);
    });
  }

  it('awkward names, entity nodes, namespaces and other formats’ properties', async () => {
    const original = awkwardGraph();
    const text = toBackstage(original);
    expect(toBackstage(original)).toBe(text);
    const back = reimported(original);
    expect(comparable(back)).toEqual(comparable(original));
    expect(danglingRefs(text)).toEqual([]);
    expect(await catalogModelProblems(text)).toEqual([]);
    // The derived entities (an owner's Group, a system's System, a provided API) are written, and are not nodes again.
    const kinds = entitiesOf(text).map((e) => `${e.kind}:${e.metadata.annotations?.['depmap.dev/derived'] ?? ''}`);
    expect(kinds).toEqual(expect.arrayContaining(['Group:true', 'System:true', 'API:true']));
  });

  it('a derived entity someone gave information of its own in the catalog is a node again', () => {
    const text = toBackstage(demoOrg()).replace(
      /kind: Group\nmetadata:\n  name: team-orders\n/,
      'kind: Group\nmetadata:\n  name: team-orders\n  description: Orders, fulfilment and returns\n',
    );
    const back = graphOfFile('catalog-info.yaml', text, { importer: 'backstage' });
    expect(node(back, 'group:team-orders')).toMatchObject({
      type: 'entity',
      description: 'Orders, fulfilment and returns',
    });
    expect(node(back, 'group:team-payments')).toBeUndefined();
  });
});

/** @backstage/catalog-model's policies and kind validators (test/export/backstage-official.test.ts checks more graphs). */
async function catalogModelProblems(text: string): Promise<string[]> {
  const policy = EntityPolicies.allOf([
    new DefaultNamespaceEntityPolicy(),
    new NoForeignRootFieldsEntityPolicy(),
    new FieldFormatEntityPolicy(),
    new SchemaValidEntityPolicy(),
  ]);
  const validators: Record<string, { check(entity: Entity): Promise<boolean> }> = {
    Component: componentEntityV1alpha1Validator,
    API: apiEntityV1alpha1Validator,
    Resource: resourceEntityV1alpha1Validator,
    System: systemEntityV1alpha1Validator,
    Group: groupEntityV1alpha1Validator,
    User: userEntityV1alpha1Validator,
  };
  const problems: string[] = [];
  for (const entity of entitiesOf(text) as Entity[]) {
    try {
      await policy.enforce(structuredClone(entity));
      if ((await validators[entity.kind]?.check(entity)) !== true)
        problems.push(`${entity.kind} ${entity.metadata.name}`);
    } catch (error) {
      problems.push(`${entity.kind} ${entity.metadata.name}: ${(error as Error).message}`);
    }
  }
  return problems;
}

function entitiesOf(text: string): Record<string, any>[] {
  return parseAllDocuments(text).map((doc) => doc.toJS() as Record<string, any>);
}

/** Refs of owner, system, APIs and relations that name no entity of the same text. */
function danglingRefs(text: string): string[] {
  const entities = entitiesOf(text);
  const keys = new Set(
    entities.map((e) =>
      `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`.toLowerCase(),
    ),
  );
  const missing: string[] = [];
  const check = (entity: Record<string, any>, ref: unknown, defaultKind: string | undefined) => {
    if (typeof ref !== 'string') return;
    const match = /^(?:([^:/]+):)?(?:([^/]+)\/)?(.+)$/.exec(ref)!;
    const key =
      `${match[1] ?? defaultKind}:${match[2] ?? entity.metadata.namespace ?? 'default'}/${match[3]}`.toLowerCase();
    if (!keys.has(key)) missing.push(`${entity.kind} ${entity.metadata.name}: ${ref}`);
  };
  for (const entity of entities) {
    const spec = entity.spec ?? {};
    check(entity, spec.owner, 'group');
    check(entity, spec.system, 'system');
    for (const ref of spec.providesApis ?? []) check(entity, ref, 'api');
    for (const ref of spec.consumesApis ?? []) check(entity, ref, 'api');
    for (const ref of spec.dependsOn ?? []) check(entity, ref, undefined);
  }
  return missing;
}

/**
 * A graph with what trips an export: names Backstage refuses, an owner it cannot spell, a
 * system with a space, entity nodes in and out of the default namespace, properties of other
 * formats on nodes, calls and libraries, a call between two entities, a critical call.
 */
function awkwardGraph(): Snapshot {
  const manifest = parseManifest(
    [
      'depmap: 1',
      'name: "pay..v2__"',
      'kind: frontend',
      'system: commerce.eu',
      'owner: "team | ops"',
      'tags: [PCI Scope]',
      'provides:',
      '  - { api: pay-events, protocol: kafka, version: 2.0.0 }',
      'libraries:',
      '  - pkg:npm/%40scope/left-pad@^1.3.0',
      '  - { ecosystem: maven, name: "org.example:core", version: 2.1.0, scope: test }',
      'services:',
      `  - { name: ${'a'.repeat(80)}, kind: database, protocol: sql }`,
      '  - { name: ghost-api, api: ghost, version: 1.0.0, critical: true }',
    ].join('\n'),
    'depmap.yaml',
  );
  if (!manifest.manifest) throw new Error(manifest.problems.map((p) => p.message).join('; '));
  const manifests: RepoEntry = { id: 'pay', source: 'pay', manifests: [manifest.manifest], problems: [], status: 'ok' };
  const catalog: ImportResult = {
    libraries: [],
    edges: [
      {
        from: 'worker',
        to: 'pay..v2__',
        api: 'pay-events',
        protocol: 'kafka',
        version: '2.0.0',
        evidence: 'test',
        properties: { 'cyclonedx:data': '[{"flow":"outbound"}]' },
      },
      { from: 'system:ops/billing', to: 'group:Platform Team', evidence: 'test' },
      {
        from: 'worker',
        to: 'api:partner feed',
        api: 'partner feed',
        version: '3.0.0',
        protocol: 'grpc',
        evidence: 'test',
      },
      { from: 'worker', to: 'ledger', api: 'ledger events', protocol: 'kafka', evidence: 'test' },
    ],
    components: [
      {
        name: 'worker',
        kind: 'worker',
        infrastructure: false,
        owner: 'group:platform/sre',
        system: 'commerce eu',
        provides: [{ api: 'ledger events', protocol: 'kafka', version: '1.0.0' }],
        properties: { 'spdx:purpose': 'application' },
      },
      {
        name: 'ledger',
        kind: 'service',
        infrastructure: false,
        system: 'commerce eu',
        provides: [{ api: 'ledger events', protocol: 'kafka', version: '1.0.0' }],
      },
      {
        name: 'api:partner feed',
        kind: 'api',
        type: 'entity',
        infrastructure: true,
        owner: 'team | ops',
        properties: { 'backstage:type': 'grpc' },
      },
      {
        name: 'group:Platform Team',
        kind: 'group',
        type: 'entity',
        infrastructure: true,
        properties: { 'cyclonedx:bom-ref': 'g-1' },
      },
      {
        name: 'system:ops/billing',
        kind: 'system',
        type: 'entity',
        infrastructure: true,
        owner: 'ops/finance',
        description: 'Invoices',
      },
      {
        name: 'user:jdoe',
        kind: 'user',
        type: 'entity',
        infrastructure: true,
        properties: { 'backstage:member-of': '["group:platform/sre"]' },
      },
      {
        name: 'edge-cache',
        kind: 'cache',
        infrastructure: true,
        owner: 'user:jdoe',
        system: 'ops/billing',
        properties: { 'cyclonedx:trust-zone': 'dmz', 'backstage:namespace': 'ops' },
      },
    ],
    problems: [],
  };
  return buildSnapshot(
    [manifests, catalogRepo(catalog, { id: 'catalog', source: 'catalog', file: 'catalog.json' })],
    'depmap test',
  );
}
