/**
 * Calls derived from real OpenTelemetry traces: three services in their own processes, real
 * HTTP on loopback through @opentelemetry/instrumentation-http, spans serialized by
 * @opentelemetry/otlp-transformer and written one request per line like the Collector's file
 * exporter (plain and gzipped).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObservedCall } from '../../src/observe/model.js';
import { readObserved } from '../../src/observe/read.js';
import { tempDir } from '../helpers/fs.js';

const script = path.resolve('test/observe/otel-service.mjs');
let dir: string;
const children: ChildProcess[] = [];
let stripe: http.Server;

async function start(name: string, routes: Record<string, object[]>): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(script, [name, JSON.stringify(routes), path.join(dir, `${name}.jsonl`)], { stdio: 'inherit' });
  children.push(child);
  const [message] = (await once(child, 'message')) as [{ port: number }];
  return { url: `http://127.0.0.1:${message.port}`, child };
}

async function get(url: string): Promise<number> {
  const res = await fetch(url);
  await res.text();
  return res.status;
}

const kafka = { 'messaging.system': 'kafka', 'messaging.destination.name': 'order-events' };

beforeAll(async () => {
  dir = tempDir();
  stripe = http.createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => stripe.listen(0, '127.0.0.1', resolve));
  const stripeUrl = `http://127.0.0.1:${(stripe.address() as { port: number }).port}/v1/charges`;

  const payments = await start('payments', {
    '/pay': [{ consume: { ...kafka, 'messaging.operation.type': 'process' } }],
    '/refund': [{ status: 503 }],
  });
  const orders = await start('orders', {
    '/order': [
      { call: `${payments.url}/pay` },
      {
        db: {
          'db.system.name': 'postgresql',
          'db.namespace': 'orders',
          'server.address': 'orders-db',
          'server.port': 5432,
        },
      },
      { produce: { ...kafka, 'messaging.operation.type': 'send' } },
    ],
  });
  const web = await start('web', {
    '/checkout': [{ call: `${orders.url}/order` }, { call: stripeUrl, peer: 'stripe' }],
    '/refund': [{ call: `${payments.url}/refund` }],
  });
  for (let i = 0; i < 3; i++) expect(await get(`${web.url}/checkout`)).toBe(200);
  for (let i = 0; i < 2; i++) await get(`${web.url}/refund`);
  for (const { child } of [web, orders, payments]) {
    const exited = once(child, 'exit');
    child.send('flush');
    await exited;
  }
  // One file as a Collector would write it: the services' batches interleaved, a request a line.
  const batches = ['web', 'orders', 'payments'].map((name) =>
    readFileSync(path.join(dir, `${name}.jsonl`), 'utf8')
      .trim()
      .split('\n'),
  );
  const lines: string[] = [];
  for (let i = 0; batches.some((b) => i < b.length); i++) for (const b of batches) if (b[i]) lines.push(b[i]);
  writeFileSync(path.join(dir, 'traces.jsonl'), lines.join('\n') + '\n');
  writeFileSync(path.join(dir, 'traces.jsonl.gz'), gzipSync(lines.join('\n') + '\n'));
}, 60_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill();
  stripe?.close();
});

/** `caller -> callee [kind, protocol] calls/errors` lines. */
const summary = (calls: ObservedCall[]) =>
  calls.map(
    (c) =>
      `${c.callerNamespace ?? ''}/${c.caller} -> ${c.calleeNamespace ?? ''}/${c.callee} [${c.calleeKind}, ${c.protocol}] ${c.calls}/${c.errors}`,
  );

const expected = [
  'shop/orders -> /order-events [queue, kafka] 3/0',
  'shop/orders -> /orders [database, postgresql] 3/0',
  'shop/orders -> shop/payments [service, http] 3/0',
  'shop/payments -> /order-events [queue, kafka] 3/0',
  'shop/web -> /stripe [service, http] 3/0',
  'shop/web -> shop/orders [service, http] 3/0',
  'shop/web -> shop/payments [service, http] 2/2',
];

describe('OTLP JSON from the OpenTelemetry SDK', () => {
  it('the spans really came out of the instrumented servers', () => {
    const first = JSON.parse(readFileSync(path.join(dir, 'web.jsonl'), 'utf8').split('\n')[0] as string);
    expect(first.resourceSpans[0].scopeSpans[0].scope.name).toBe('@opentelemetry/instrumentation-http');
  });

  it('derives each call between services, to the database, the queue and the uninstrumented peer', async () => {
    const input = await readObserved(['traces.jsonl'], { cwd: dir });
    expect(input.problems).toEqual([]);
    expect(summary(input.calls)).toEqual(expected);
    expect(input.files).toEqual([{ file: 'traces.jsonl', format: 'otlp', records: expect.any(Number) }]);
    // 5 requests to web; each checkout: 2 client spans in web, orders: server + client + db + producer,
    // payments: server + consumer; each refund: web client + payments server.
    expect(input.files[0]?.records).toBe(3 * (1 + 2 + 4 + 2) + 2 * 3);
    const db = input.calls.find((c) => c.calleeKind === 'database') as ObservedCall;
    expect(db.calleeAliases).toEqual(['orders-db', 'postgresql']);
    const webOrders = input.calls.find((c) => c.caller === 'web' && c.callee === 'orders') as ObservedCall;
    expect(webOrders.latencyMs?.p50).toBeGreaterThan(0);
    expect(webOrders.latencyMs?.p99).toBeGreaterThanOrEqual(webOrders.latencyMs?.p50 as number);
    expect(webOrders.firstSeen).toBeLessThanOrEqual(webOrders.lastSeen as number);
    expect(webOrders.firstSeen).toBeGreaterThan(Date.parse('2020-01-01'));
    expect(webOrders.evidence.file).toBe('traces.jsonl');
    expect(webOrders.sources).toEqual(['traces.jsonl']);
    expect(input.window?.from).toBeLessThanOrEqual(webOrders.firstSeen as number);
  });

  it('reads the same file gzipped, and the services’ own files together', async () => {
    const gz = await readObserved(['traces.jsonl.gz'], { cwd: dir });
    expect(summary(gz.calls)).toEqual(expected);
    const apart = await readObserved(['web.jsonl', 'orders.jsonl', 'payments.jsonl'], { cwd: dir });
    expect(summary(apart.calls)).toEqual(expected);
    const webPayments = apart.calls.find((c) => c.caller === 'web' && c.callee === 'payments') as ObservedCall;
    expect(webPayments.sources).toEqual(['payments.jsonl', 'web.jsonl']);
  });

  it('reports progress in bytes of the files', async () => {
    const seen: [number, number][] = [];
    await readObserved(['traces.jsonl.gz', 'traces.jsonl'], { cwd: dir, onProgress: (b, t) => seen.push([b, t]) });
    const last = seen.at(-1) as [number, number];
    expect(last[0]).toBe(last[1]);
  });
});
