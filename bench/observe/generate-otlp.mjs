/**
 * A Collector file exporter's output with N spans (default 1,000,000): ~20 services of a shop,
 * traces of 5–30 spans (a SERVER span per service hop, CLIENT spans with their SERVER child in
 * the next service, database and Kafka spans, INTERNAL work), attributes as the OpenTelemetry
 * HTTP, database and messaging instrumentations set them, batched as the batch processor does
 * (one ExportTraceServiceRequest per line, ~512 spans, the spans grouped by service).
 * Seeded: the same seed gives the same file.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { createRng } from '../lib/prng.mjs';

const SERVICES = [
  'web',
  'mobile-bff',
  'gateway',
  'checkout',
  'cart',
  'orders',
  'payments',
  'inventory',
  'catalog',
  'search',
  'accounts',
  'auth',
  'pricing',
  'promotions',
  'shipping',
  'notifications',
  'reviews',
  'recommendations',
  'fraud',
  'ledger',
];
const ENTRY = ['web', 'mobile-bff', 'gateway'];
const DATABASES = {
  orders: 'orders',
  payments: 'payments',
  inventory: 'stock',
  catalog: 'catalog',
  accounts: 'users',
  ledger: 'ledger',
  reviews: 'reviews',
};
const ROUTES = ['/api/items', '/api/orders/{id}', '/checkout', '/v1/charge', '/health', '/api/search', '/api/cart'];

const hex = (rng, n) => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[(rng.next() * 16) | 0];
  return s;
};
const str = (key, value) => ({ key, value: { stringValue: value } });
const int = (key, value) => ({ key, value: { intValue: String(value) } });

export function generateOtlp(file, { spans: total = 1_000_000, seed = 'depmap-bench' } = {}) {
  const rng = createRng(seed);
  const fd = openSync(file, 'w');
  const resources = new Map(
    SERVICES.map((s, i) => [
      s,
      {
        attributes: [
          str('service.name', s),
          str('service.namespace', 'shop'),
          str('service.version', `1.${i}.0`),
          str('telemetry.sdk.language', 'nodejs'),
          str('telemetry.sdk.name', 'opentelemetry'),
          str('telemetry.sdk.version', '2.2.0'),
          str('host.name', `${s}-7d9f8b-${hex(rng, 5)}`),
          int('process.pid', 1 + rng.int(1, 30000)),
        ],
        droppedAttributesCount: 0,
      },
    ]),
  );
  const scopeOf = {
    server: '@opentelemetry/instrumentation-http',
    db: '@opentelemetry/instrumentation-pg',
    kafka: '@opentelemetry/instrumentation-kafkajs',
  };
  let batch = new Map(); // service → spans
  let inBatch = 0;
  let written = 0;
  let lines = 0;
  let clock = 1717430400000; // ms
  const flush = () => {
    const request = {
      resourceSpans: [...batch].map(([service, list]) => ({
        resource: resources.get(service),
        scopeSpans: [{ scope: { name: scopeOf.server, version: '0.208.0' }, spans: list }],
        schemaUrl: 'https://opentelemetry.io/schemas/1.28.0',
      })),
    };
    writeSync(fd, JSON.stringify(request) + '\n');
    lines++;
    batch = new Map();
    inBatch = 0;
  };
  const push = (service, span) => {
    const list = batch.get(service) ?? [];
    list.push(span);
    batch.set(service, list);
    inBatch++;
    written++;
  };
  const span = (traceId, parent, name, kind, startMs, durMs, attributes, error = false) => {
    const spanId = hex(rng, 16);
    const ns = (ms) => `${Math.round(ms * 1000)}000`;
    return {
      traceId,
      spanId,
      parentSpanId: parent ?? '',
      flags: 257,
      name,
      kind,
      startTimeUnixNano: ns(startMs),
      endTimeUnixNano: ns(startMs + durMs),
      attributes,
      droppedAttributesCount: 0,
      events: [],
      droppedEventsCount: 0,
      links: [],
      droppedLinksCount: 0,
      status: error ? { code: 2, message: 'Internal Server Error' } : { code: 0 },
    };
  };
  while (written < total) {
    const traceId = hex(rng, 32);
    const target = Math.min(rng.int(5, 30), total - written);
    let count = 0;
    clock += rng.next() * 2;
    const serve = (service, parentId, start, depth) => {
      const route = rng.pick(ROUTES);
      const error = rng.chance(0.01);
      const dur = 2 + rng.next() * 40;
      const server = span(
        traceId,
        parentId,
        `GET ${route}`,
        2,
        start,
        dur,
        [
          str('http.request.method', 'GET'),
          str('url.scheme', 'http'),
          str('url.path', route),
          str('http.route', route),
          int('http.response.status_code', error ? 500 : 200),
          str('network.protocol.version', '1.1'),
          str('server.address', service),
          int('server.port', 8080),
          str('client.address', `10.0.${rng.int(0, 255)}.${rng.int(0, 255)}`),
          str('user_agent.original', 'node'),
        ],
        error,
      );
      push(service, server);
      count++;
      while (count < target) {
        const r = rng.next();
        if (r < 0.25) {
          push(service, span(traceId, server.spanId, 'compute', 1, start + 1, 1, [str('code.function', 'handle')]));
          count++;
        } else if (r < 0.4 && DATABASES[service]) {
          push(
            service,
            span(traceId, server.spanId, `SELECT ${DATABASES[service]}`, 3, start + 1, 1 + rng.next() * 5, [
              str('db.system.name', 'postgresql'),
              str('db.namespace', DATABASES[service]),
              str('db.operation.name', 'SELECT'),
              str('db.query.text', 'SELECT * FROM items WHERE id = $1'),
              str('server.address', `${service}-db`),
              int('server.port', 5432),
            ]),
          );
          count++;
        } else if (r < 0.45) {
          push(
            service,
            span(traceId, server.spanId, 'send events', 4, start + 1, 1, [
              str('messaging.system', 'kafka'),
              str('messaging.destination.name', `${service}-events`),
              str('messaging.operation.type', 'send'),
            ]),
          );
          count++;
        } else if (depth < 6 && count + 2 <= target) {
          const callee = rng.pick(SERVICES);
          if (callee === service) continue;
          const path = rng.pick(ROUTES);
          const client = span(traceId, server.spanId, 'GET', 3, start + 1, dur - 1, [
            str('http.request.method', 'GET'),
            str('url.full', `http://${callee}:8080${path}`),
            str('server.address', callee),
            int('server.port', 8080),
            int('http.response.status_code', 200),
            str('network.protocol.version', '1.1'),
          ]);
          push(service, client);
          count++;
          serve(callee, client.spanId, start + 1.5, depth + 1);
        } else {
          push(service, span(traceId, server.spanId, 'render', 1, start + 1, 1, []));
          count++;
        }
        if (rng.chance(0.3)) break;
      }
    };
    while (count < target) serve(rng.pick(ENTRY), undefined, clock, 0);
    if (inBatch >= 512) flush();
  }
  if (inBatch > 0) flush();
  closeSync(fd);
  return { spans: written, lines };
}
