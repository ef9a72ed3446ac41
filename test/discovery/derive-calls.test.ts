import { describe, expect, it } from 'vitest';
import { classifyWorkload } from '../../src/discovery/classify-workload.js';
import { deriveCalls, type LibraryUse } from '../../src/discovery/derive-calls.js';
import type { Route, Workload } from '../../src/discovery/model.js';
import { nameIndex } from '../../src/discovery/name-index.js';
import { env, workload } from './model-helpers.js';

function calls(list: Workload[], routes: Route[] = [], libraries = new Map<string, LibraryUse[]>()) {
  const workloads = new Map(list.map((w) => [w.name, w]));
  const classes = new Map(list.map((w) => [w.name, classifyWorkload(w)]));
  return deriveCalls({ workloads, classes, index: nameIndex(list), routes, libraries });
}

const image = (ref: string) => ({ written: ref, ref, file: 'docker-compose.yml', line: 2 });
const pair = (c: { from: string; to: string }) => `${c.from} -> ${c.to}`;

describe('calls from evidence', () => {
  it('an address in a setting names its callee: URL, host:port, connection string, a host variable; protocol from the scheme or the callee', () => {
    const found = calls([
      workload('ui', {
        settings: [
          env('ENDPOINTS_CATALOG', 'http://catalog:8080'),
          env('CART_ENDPOINT', 'carts:8080'),
          env('DB', 'Host=orders-db;Username=app;Password=secret'),
          env('RATINGS_HOST', 'ratings'),
          env('LOG_LEVEL', 'debug'),
        ],
      }),
      workload('catalog'),
      workload('cart', { aliases: ['carts'] }),
      workload('orders-db', { image: image('postgres:16.1') }),
      workload('ratings'),
    ]);
    expect(
      found.map((c) => [pair(c), c.protocol, c.kind, c.confidence, c.evidence.map((e) => `${e.kind} ${e.text}`)]),
    ).toEqual([
      ['ui -> cart', 'http', 'service', 'high', ['address-env CART_ENDPOINT=carts:8080']],
      ['ui -> catalog', 'http', 'service', 'high', ['url ENDPOINTS_CATALOG=http://catalog:8080']],
      [
        'ui -> orders-db',
        'postgres',
        'database',
        'high',
        ['connection-string DB=Host=orders-db;Username=app;Password=***'],
      ],
      ['ui -> ratings', 'http', 'service', 'high', ['address-env RATINGS_HOST=ratings']],
    ]);
  });

  it('depends_on alone is start order: a call to a resource, evidence beside an address, nothing between two services', () => {
    const dependsOn = (name: string) => ({ name, file: 'docker-compose.yml', line: 20 });
    const found = calls([
      workload('web', { dependsOn: [dependsOn('api'), dependsOn('worker')], settings: [env('API_URL', 'http://api')] }),
      workload('api', { dependsOn: [dependsOn('redis')] }),
      workload('worker'),
      workload('redis', { image: image('redis:7.2.4') }),
    ]);
    expect(found.map((c) => [pair(c), c.protocol, c.confidence, c.evidence.map((e) => e.kind)])).toEqual([
      ['api -> redis', 'redis', 'medium', ['depends_on']],
      ['web -> api', 'http', 'high', ['url', 'depends_on']],
    ]);
  });

  it('waiting for a registry is a call when the caller is built with its client library', () => {
    const uses = (purl: string): LibraryUse[] => [{ purl, file: 'svc/pom.xml', line: 60 }];
    const found = calls(
      [
        workload('customers', { dependsOn: [{ name: 'discovery', file: 'docker-compose.yml', line: 45 }] }),
        workload('discovery'),
      ],
      [],
      new Map([
        ['customers', uses('pkg:maven/org.springframework.cloud/spring-cloud-starter-netflix-eureka-client')],
        ['discovery', uses('pkg:maven/org.springframework.cloud/spring-cloud-starter-netflix-eureka-server')],
      ]),
    );
    expect(found.map((c) => [pair(c), c.confidence, c.evidence.map((e) => [e.kind, e.file, e.line])])).toEqual([
      [
        'customers -> discovery',
        'low',
        [
          ['depends_on', 'docker-compose.yml', 45],
          ['library', 'svc/pom.xml', 60],
        ],
      ],
    ]);
  });

  it('no call to itself, to loopback, or from a secret; a public host is a third party; a vendor key says which', () => {
    const found = calls([
      workload('ledger', {
        settings: [
          env('SELF_ADDR', 'ledger:8080'),
          env('LOCAL', 'http://localhost:9000'),
          env('DB_PASSWORD', 'http://other:1'),
          env('PAYMENTS_URL', 'https://api.stripe.com/v1'),
          env('OPENAI_API_KEY', 'sk-123'),
        ],
      }),
    ]);
    expect(found.map((c) => [pair(c), c.kind, c.url, c.evidence[0]?.text])).toEqual([
      ['ledger -> api.stripe.com', 'external', 'https://api.stripe.com', 'PAYMENTS_URL=https://api.stripe.com/v1'],
      ['ledger -> openai', 'external', 'https://api.openai.com', 'OPENAI_API_KEY=***'],
    ]);
  });

  it('a host nothing in the repo defines is kept, unresolved, with its evidence', () => {
    const found = calls([workload('web', { settings: [env('PAYMENTS_URL', 'http://payments:8080')] })]);
    expect(found).toMatchObject([{ from: 'web', to: 'payments', unresolved: true, protocol: 'http' }]);
  });

  it('routes are calls: a gateway route to a service by its registered name', () => {
    const found = calls(
      [workload('gateway'), workload('customers', { aliases: ['customers-service'] })],
      [
        {
          kind: 'gateway-route',
          from: 'gateway',
          to: 'lb://customers-service',
          protocol: 'http',
          text: 'uri: lb://customers-service',
          file: 'gw/application.yml',
          line: 30,
        },
      ],
    );
    expect(found.map((c) => [pair(c), c.evidence[0]?.kind, c.evidence[0]?.line])).toEqual([
      ['gateway -> customers', 'gateway-route', 30],
    ]);
  });

  it('the runtime setting beats the image default of the same key', () => {
    const found = calls([
      workload('web', {
        settings: [
          env('CATALOGUE_HOST', 'catalogue', { via: 'dockerfile', file: 'web/Dockerfile', line: 28 }),
          env('CATALOGUE_HOST', 'catalogue-v2'),
        ],
      }),
      workload('catalogue'),
      workload('catalogue-v2'),
    ]);
    expect(found.map(pair)).toEqual(['web -> catalogue-v2']);
  });
});
