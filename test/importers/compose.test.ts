import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { testDir } from '../helpers/fs.js';
import { importFixture, importerIdOf, lineText } from './fixture.js';
import { importFile, servicesFor } from '../../src/importers/index.js';
import { interpolate } from '../../src/importers/compose/interpolate.js';
import { parseDotenv } from '../../src/importers/compose/dotenv.js';
import { parseSnapshot } from '../../src/graph/snapshot.js';

describe('docker compose', () => {
  const result = importFixture('compose', 'docker-compose.yml');
  const component = (name: string) => result.components.find((c) => c.name === name);
  const edge = (from: string, to: string) => result.edges.find((e) => e.from === from && e.to === to);

  it('reads the file, its include:, extends from another file and the override file next to it', () => {
    expect(result.problems).toEqual([]);
    expect(result.components.map((c) => c.name).sort()).toEqual([
      'adminer',
      'api.stripe.com',
      'cache',
      'checkout',
      'kafka-1',
      'kafka-2',
      'orders',
      'orders-db',
      'otel-collector',
      'payments',
      'search',
    ]);
    // From docker-compose.override.yml:
    expect(component('search')).toMatchObject({ kind: 'search', infrastructure: true });
    expect(edge('checkout', 'search')?.evidence).toBe('env SEARCH_URL=http://search:9200');
    // From infra/common.yml through extends: its depends_on and env.
    expect(edge('orders', 'otel-collector')?.evidence).toBe(
      'depends_on; env OTEL_EXPORTER_OTLP_ENDPOINT=http://otel-collector:4317',
    );
  });

  it('substitutes .env variables, with defaults', () => {
    expect(component('orders-db')?.image).toBe('postgres:16.3');
    expect(component('cache')?.image).toBe('redis:7.2.4-alpine');
    expect(component('checkout')?.image).toBe('ghcr.io/acme/checkout:dev');
    expect(edge('checkout', 'orders')?.evidence).toBe('env ORDERS_URL=http://orders:8080/api');
  });

  it('classifies services: built here, application images, infrastructure by image', () => {
    expect(component('checkout')).toMatchObject({ kind: 'service', built: true, infrastructure: false, line: 12 });
    expect(component('orders')).toMatchObject({ kind: 'service', infrastructure: false });
    expect(component('orders-db')).toMatchObject({ kind: 'database', infrastructure: true });
    expect(component('cache')).toMatchObject({ kind: 'cache', infrastructure: true });
    expect(component('kafka-1')).toMatchObject({ kind: 'stream', infrastructure: true });
    expect(component('api.stripe.com')).toMatchObject({ kind: 'external', url: 'https://api.stripe.com' });
    // Defined only in an included file: no line in this one.
    expect(component('otel-collector')?.line).toBeUndefined();
  });

  it('keeps profile services, marked with their profiles', () => {
    expect(component('adminer')).toMatchObject({ profiles: ['debug'] });
    expect(edge('adminer', 'orders-db')?.evidence).toBe('depends_on');
  });

  it('finds edges in depends_on and in addresses: URLs, host:port lists, JDBC, bare hosts; secrets masked', () => {
    expect(edge('checkout', 'orders-db')).toMatchObject({
      protocol: 'postgres',
      kind: 'database',
      evidence: 'depends_on; env DATABASE_URL=postgres://checkout:***@orders-db:5432/checkout',
    });
    expect(edge('checkout', 'cache')).toMatchObject({
      protocol: 'redis',
      evidence: 'depends_on; env CACHE_ADDR=cache:6379',
    });
    expect(edge('checkout', 'kafka-1')?.protocol).toBe('kafka');
    expect(edge('checkout', 'kafka-2')?.protocol).toBe('kafka');
    expect(edge('checkout', 'payments')?.evidence).toBe('env PAYMENTS_HOST=payments');
    expect(edge('orders', 'orders-db')).toMatchObject({
      protocol: 'postgres',
      evidence: 'env SPRING_DATASOURCE_URL=jdbc:postgresql://orders-db:5432/orders',
    });
    expect(edge('checkout', 'api.stripe.com')?.protocol).toBe('http');
    expect(JSON.stringify(result)).not.toContain('s3cr3t-pw');
    expect(lineText('compose', 'docker-compose.yml', edge('checkout', 'orders')?.line)).toContain('ORDERS_URL');
  });

  it('internal hosts the file does not define are services of other repos: references by name, with the evidence', () => {
    const text = [
      'services:',
      '  checkout:',
      '    build: .',
      '    environment:',
      '      PAYMENTS_URL: http://payments:8080',
      '      STRIPE_URL: https://api.stripe.com/v1',
      '      FRAUD_ADDR: fraud-check.risk.svc.cluster.local:50051',
      '      SESSIONS_URL: redis://session-store:6379/0',
      '      LEDGER_HOST: ledger',
      '      ORDERS_URL: http://orders.shop.svc:8080',
      '      SELF_URL: http://localhost:3000',
      '      BIND_HOST: 0.0.0.0',
      '      DOCKER_URL: http://host.docker.internal:2375',
      '      DD_SERVICE: storefront',
      '      BUILD_TARGET: release',
      '      PARTNER_URL: http://partner.corp.example:80',
      '  orders:',
      '    image: ghcr.io/acme/orders:1.9.0',
    ].join('\n');
    const found = importFile(text, { file: 'docker-compose.yml', readFile: () => undefined, transitive: false });
    expect(found.problems).toEqual([]);
    // Only what the file runs is a component; the others are references.
    expect(found.components.map((c) => c.name).sort()).toEqual(['api.stripe.com', 'checkout', 'orders']);
    expect(found.edges.map((e) => `${e.to} ${e.kind ?? '-'} ${e.protocol ?? '-'} | ${e.evidence}`)).toEqual([
      'payments service http | env PAYMENTS_URL=http://payments:8080 (payments is not a service of this file)',
      'api.stripe.com external http | env STRIPE_URL=https://api.stripe.com/v1',
      'fraud-check service grpc | env FRAUD_ADDR=fraud-check.risk.svc.cluster.local:50051 (fraud-check is not a service of this file)',
      'session-store cache redis | env SESSIONS_URL=redis://session-store:6379/0 (session-store is not a service of this file)',
      'ledger service - | env LEDGER_HOST=ledger (ledger is not a service of this file)',
      'orders service http | env ORDERS_URL=http://orders.shop.svc:8080',
    ]);
    expect(servicesFor(found, 'checkout').find((r) => r.name === 'payments')).toMatchObject({
      kind: 'service',
      protocol: 'http',
      line: 5,
    });
  });

  it('such a reference resolves to the component of another repo when the organisation is scanned', async () => {
    const dir = testDir({
      'shop/docker-compose.yml':
        'services:\n  checkout:\n    build: .\n    environment:\n      PAYMENTS_URL: http://payments:8080\n',
      'payments/depmap.yaml': 'depmap: 1\nname: payments\nkind: service\n',
    });
    const scan = await runCli(['scan', '--discover', 'shop', 'payments', '--out', 'graph.json', '-q'], { cwd: dir });
    expect(scan.code).toBe(0);
    const graph = parseSnapshot(readFileSync(path.join(dir, 'graph.json'), 'utf8'), 'graph.json') as unknown as {
      nodes: { id: string; type: string }[];
      edges: Record<string, unknown>[];
    };
    expect(graph.nodes.map((n) => `${n.id}:${n.type}`)).toEqual(['checkout:component', 'payments:component']);
    expect(graph.edges).toEqual([
      expect.objectContaining({
        source: 'checkout',
        target: 'payments',
        protocol: 'http',
        resolvedBy: 'name',
        // Discovery's evidence: its kind and the masked setting, each piece with its file and line.
        evidence: 'url PAYMENTS_URL=http://payments:8080',
        evidenceDetail: [
          { kind: 'url', file: 'docker-compose.yml', line: 5, text: 'PAYMENTS_URL=http://payments:8080' },
        ],
      }),
    ]);
  });

  it('services of the checkout component: its edges, with targets’ kinds and images', () => {
    const refs = servicesFor(result, 'checkout');
    expect(refs.map((r) => r.name).sort()).toEqual([
      'api.stripe.com',
      'cache',
      'kafka-1',
      'kafka-2',
      'orders',
      'orders-db',
      'otel-collector',
      'payments',
      'search',
    ]);
    expect(refs.find((r) => r.name === 'orders-db')).toMatchObject({
      kind: 'database',
      image: 'postgres:16.3',
      protocol: 'postgres',
    });
  });

  it('reports broken references with lines: unknown depends_on, missing extends and include targets, required variables', () => {
    const text = [
      'include:',
      '  - missing.yml',
      'services:',
      '  web:',
      '    image: "app:${TAG:?set TAG}"',
      '    depends_on: [nowhere]',
      '  worker:',
      '    extends: ghost',
    ].join('\n');
    const bad = importFile(text, { file: 'compose.yaml', readFile: () => undefined, transitive: false });
    expect(bad.problems.map((p) => [p.line, p.message])).toEqual([
      // The line where the variable is used.
      [5, 'variable TAG is required (set TAG) but not set in .env'],
      [8, 'service worker: extends ghost, which this file does not define'],
      [2, 'include missing.yml: not found in the repo'],
      [6, 'service web depends on nowhere, which is not defined'],
    ]);
  });

  it('extends cycles and YAML bombs do not hang or crash', () => {
    const cycle = importFile('services:\n  a:\n    extends: b\n  b:\n    extends: a\n', {
      file: 'compose.yml',
      readFile: () => undefined,
      transitive: false,
    });
    expect(cycle.problems.some((p) => /circular/.test(p.message))).toBe(true);
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      );
    bomb.push('services:\n  web:\n    image: x');
    const result = importFile(bomb.join('\n'), { file: 'compose.yml', readFile: () => undefined, transitive: false });
    expect(result.problems[0]?.message).toMatch(/alias|YAML/i);
  });

  it('registry: compose files by name, override files too', () => {
    expect(importerIdOf('docker-compose.yml')).toBe('compose');
    expect(importerIdOf('deploy/compose.yaml')).toBe('compose');
    expect(importerIdOf('docker-compose.prod.yml')).toBe('compose');
    expect(importerIdOf('compose.override.yaml')).toBe('compose');
  });
});

describe('compose variable substitution', () => {
  const env = new Map([
    ['SET', 'value'],
    ['EMPTY', ''],
  ]);
  const missing: string[] = [];
  const ctx = { env, missing: (name: string) => void missing.push(name) };

  it('follows the compose spec', () => {
    expect(interpolate('$SET ${SET} $$SET ${UNSET:-d} ${EMPTY:-d} ${EMPTY-d} ${SET:+alt} ${UNSET+alt}', ctx)).toBe(
      'value value $SET d d  alt ',
    );
    expect(interpolate('${UNSET:-${SET}}', ctx)).toBe('value');
    expect(missing).toEqual([]);
    expect(interpolate('x${NOPE}y', ctx)).toBe('xy');
    expect(missing).toEqual(['NOPE']);
  });

  it('reads .env files', () => {
    expect([...parseDotenv('# c\nA=1\nexport B="two words"\nC=3 # comment\nD=\'$literal\'\n')]).toEqual([
      ['A', '1'],
      ['B', 'two words'],
      ['C', '3'],
      ['D', '$literal'],
    ]);
  });
});
