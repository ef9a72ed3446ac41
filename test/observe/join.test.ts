/** The join of observed calls with a snapshot built from real manifests. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../src/graph/build-graph.js';
import { parseSnapshot, serializeSnapshot } from '../../src/graph/snapshot.js';
import type { Snapshot } from '../../src/graph/types.js';
import { joinObserved } from '../../src/observe/join.js';
import type { ObservedCall, ObservedInput } from '../../src/observe/model.js';
import { readObserved } from '../../src/observe/read.js';
import { component } from '../policy/helpers.js';

const org = (): Snapshot =>
  buildSnapshot(
    [
      component(
        'web',
        `aliases: [web-frontend]
services:
  - { name: orders, protocol: http, api: orders-http, version: 1.0.0 }
  - { name: stripe, kind: external, url: "https://api.stripe.com", version: "2024-06-20" }
`,
      ),
      component(
        'orders',
        `provides:
  - { api: orders-http, protocol: http, version: 1.0.0 }
services:
  - { name: payments, protocol: http, version: 2.0.0 }
  - { name: orders-db, kind: database, protocol: postgres, image: "postgres:16.3" }
  - { name: order-events, kind: queue, protocol: kafka, image: "bitnami/kafka:3.7.0" }
`,
      ),
      component(
        'payments',
        `provides:
  - { api: payments-http, protocol: http, version: 2.0.0 }
services:
  - { name: order-events, kind: queue, protocol: kafka, image: "bitnami/kafka:3.7.0" }
  - { name: ledger, protocol: grpc, version: 1.0.0 }
`,
      ),
    ],
    'depmap test',
  );

const call = (over: Partial<ObservedCall> & Pick<ObservedCall, 'caller' | 'callee'>): ObservedCall => ({
  calleeKind: 'service',
  calls: 10,
  errors: 0,
  evidence: { file: 'traces.jsonl', line: 7 },
  sources: ['traces.jsonl'],
  ...over,
});

const input = (calls: ObservedCall[]): ObservedInput => ({
  calls,
  files: [{ file: 'traces.jsonl', format: 'otlp', records: 100 }],
  problems: [],
  window: { from: Date.parse('2024-06-01T00:00:00Z'), to: Date.parse('2024-06-08T00:00:00Z') },
});

const presence = (s: Snapshot) =>
  s.edges
    .filter((e) => e.type === 'calls-service')
    .map((e) => `${e.key}: ${e.presence}${e.observed ? ` ${e.observed.calls}` : ''}`);

describe('joinObserved', () => {
  const observed = input([
    // Names as traces give them: case differs, an alias, a provided API, a database by its host.
    call({
      caller: 'Web-Frontend',
      callerNamespace: 'shop',
      callee: 'orders',
      calleeNamespace: 'shop',
      protocol: 'http',
      firstSeen: Date.parse('2024-06-02T10:00:00Z'),
      lastSeen: Date.parse('2024-06-05T10:00:00Z'),
      latencyMs: { p50: 3, p95: 9, p99: 20 },
    }),
    call({ caller: 'orders', callee: 'payments-http', calls: 5, errors: 1 }),
    call({
      caller: 'orders',
      callee: 'orders',
      calleeAliases: ['orders-db', 'postgresql'],
      calleeKind: 'database',
      protocol: 'postgresql',
    }),
    call({ caller: 'orders', callee: 'order-events', calleeKind: 'queue', protocol: 'kafka' }),
    call({ caller: 'payments', callee: 'order-events', calleeKind: 'queue', protocol: 'kafka' }),
    // Undeclared: a call, an unknown callee, an unknown caller.
    call({ caller: 'web', callee: 'payments', calls: 2, errors: 2 }),
    call({ caller: 'web', callee: 'api.twilio.com', calleeKind: 'external', calls: 3 }),
    call({ caller: 'batch-job', callerNamespace: 'ops', callee: 'orders', calls: 4 }),
  ]);

  it('marks every call edge declared-and-observed, declared-only or observed-only', () => {
    const joined = joinObserved(org(), observed);
    expect(presence(joined)).toEqual([
      'ops/batch-job -> orders [observed]: observed-only 4',
      'orders -> order-events (kafka): declared-and-observed 10',
      'orders -> orders-db (postgres): declared-and-observed 10',
      'orders -> payments (http): declared-and-observed 5',
      'payments -> ledger (grpc): declared-only',
      'payments -> order-events (kafka): declared-and-observed 10',
      'web -> api.twilio.com [observed]: observed-only 3',
      'web -> orders #orders-http (http): declared-and-observed 10',
      'web -> payments [observed]: observed-only 2',
      'web -> stripe: declared-only',
    ]);
    const webOrders = joined.edges.find((e) => e.key === 'web -> orders #orders-http (http)');
    expect(webOrders?.observed).toEqual({
      calls: 10,
      errors: 0,
      firstSeen: '2024-06-02T10:00:00.000Z',
      lastSeen: '2024-06-05T10:00:00.000Z',
      latencyMs: { p50: 3, p95: 9, p99: 20 },
      protocol: 'http',
      sources: ['traces.jsonl'],
    });
    expect(joined.edges.filter((e) => e.type === 'uses-library')).toEqual(
      org().edges.filter((e) => e.type === 'uses-library'),
    );
  });

  it('an undeclared call points at the caller’s manifest, or at the observation when no manifest has the caller', () => {
    const joined = joinObserved(org(), observed);
    const webPayments = joined.edges.find((e) => e.key === 'web -> payments [observed]');
    expect(webPayments).toMatchObject({
      type: 'calls-service',
      presence: 'observed-only',
      pin: { pinned: true, unversioned: true },
      declared: { repo: 'web', file: 'depmap.yaml', line: 2, col: 7 }, // the manifest's `name:`
      observed: { calls: 2, errors: 2 },
    });
    const batch = joined.edges.find((e) => e.source === 'ops/batch-job');
    expect(batch?.declared).toEqual({ repo: '(observed)', file: 'traces.jsonl', line: 7, col: 1 });
  });

  it('names that match nothing are listed and get nodes of their own, never merged into another', () => {
    const joined = joinObserved(org(), observed);
    expect(joined.observed?.unmatched).toEqual([
      { name: 'ops/batch-job', as: 'caller', calls: 4 },
      { name: 'api.twilio.com', as: 'callee', calls: 3 },
    ]);
    expect(joined.nodes.filter((n) => n.observedOnly)).toEqual([
      { id: 'api.twilio.com', type: 'resource', kind: 'external', observedOnly: true },
      { id: 'ops/batch-job', type: 'resource', kind: 'service', observedOnly: true },
    ]);
    expect(joined.observed?.window).toEqual({ from: '2024-06-01T00:00:00.000Z', to: '2024-06-08T00:00:00.000Z' });
    expect(joined.observed?.files).toEqual(observed.files);
  });

  it('a near name is not a match: "order" is not "orders"', () => {
    const joined = joinObserved(org(), input([call({ caller: 'web', callee: 'order' })]));
    expect(joined.observed?.unmatched).toEqual([{ name: 'order', as: 'callee', calls: 10 }]);
  });

  it('keeps the snapshot valid, is pure, and joining again gives the same snapshot', () => {
    const before = org();
    const copy = structuredClone(before);
    const joined = joinObserved(before, observed);
    expect(before).toEqual(copy);
    expect(() => parseSnapshot(serializeSnapshot(joined), 'joined.json')).not.toThrow();
    expect(joinObserved(joined, observed)).toEqual(joined);
  });

  it('joins what the reader derived from a Zipkin file', async () => {
    const snapshot = buildSnapshot(
      [
        component('frontend', 'services:\n  - { name: backend, protocol: http, version: 1.0.0 }\n'),
        component('backend', 'services:\n  - { name: stripe, kind: external, version: "2024-06-20" }\n'),
      ],
      'depmap test',
    );
    const read = await readObserved(['zipkin-spans.json'], { cwd: path.resolve('test/fixtures/observed') });
    const joined = joinObserved(snapshot, read);
    expect(presence(joined)).toEqual([
      'backend -> checkouts [observed]: observed-only 1',
      'backend -> stripe: declared-and-observed 1',
      'frontend -> backend (http): declared-and-observed 1',
    ]);
    expect(joined.nodes.find((n) => n.id === 'checkouts')).toMatchObject({
      type: 'resource',
      kind: 'queue',
      observedOnly: true,
    });
  });
});
