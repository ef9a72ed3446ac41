/** Jaeger, Zipkin and service-graph metrics, from fixtures in their documented shapes. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ObservedCall } from '../../src/observe/model.js';
import { readObserved } from '../../src/observe/read.js';

const fixtures = path.resolve('test/fixtures/observed');
const read = (...files: string[]) => readObserved(files, { cwd: fixtures });

const summary = (calls: ObservedCall[]) =>
  calls.map(
    (c) =>
      `${c.callerNamespace ? `${c.callerNamespace}/` : ''}${c.caller} -> ${c.calleeNamespace ? `${c.calleeNamespace}/` : ''}${c.callee} [${c.calleeKind}${c.protocol ? `, ${c.protocol}` : ''}] ${c.calls}/${c.errors}`,
  );

describe('Jaeger', () => {
  it('reads a trace export (pretty-printed, one document): calls, database, errors, times', async () => {
    const input = await read('jaeger-traces.json');
    expect(input.problems).toEqual([]);
    expect(input.files).toEqual([{ file: 'jaeger-traces.json', format: 'jaeger', records: 5 }]);
    expect(summary(input.calls)).toEqual([
      'hotrod/customer -> customers [database, mysql] 1/0',
      'hotrod/frontend -> hotrod/customer [service, http] 1/1',
    ]);
    const [db, call] = input.calls as [ObservedCall, ObservedCall];
    expect(db.calleeAliases).toEqual(['mysql']);
    expect(call.firstSeen).toBe(Date.parse('2024-06-03T16:00:00.010Z'));
    expect(Math.abs((call.latencyMs?.p50 as number) / 300 - 1)).toBeLessThan(0.05);
    expect(call.evidence).toEqual({ file: 'jaeger-traces.json', line: 1 });
    expect(input.window).toEqual({
      from: Date.parse('2024-06-03T16:00:00Z'),
      to: Date.parse('2024-06-03T16:00:00.730Z'),
    });
  });

  it('reads /api/dependencies', async () => {
    const input = await read('jaeger-dependencies.json');
    expect(input.files[0]?.format).toBe('jaeger-dependencies');
    expect(summary(input.calls)).toEqual([
      'customer -> mysql [service] 12/0',
      'driver -> redis [service] 170/0',
      'frontend -> customer [service] 12/0',
      'frontend -> driver [service] 12/0',
      'frontend -> route [service] 120/0',
    ]);
    expect(input.window).toBeUndefined();
  });
});

describe('Zipkin', () => {
  it('reads v2 spans: a shared server span, a remote peer, a producer', async () => {
    const input = await read('zipkin-spans.json');
    expect(input.problems).toEqual([]);
    expect(input.files).toEqual([{ file: 'zipkin-spans.json', format: 'zipkin', records: 5 }]);
    expect(summary(input.calls)).toEqual([
      'backend -> checkouts [queue, kafka] 1/0',
      'backend -> stripe [service, http] 1/0',
      'frontend -> backend [service, http] 1/1',
    ]);
  });

  it('reads dependency links with their error counts', async () => {
    const input = await read('zipkin-dependencies.json');
    expect(input.files[0]?.format).toBe('zipkin-dependencies');
    expect(summary(input.calls)).toEqual(['backend -> stripe [service] 60/0', 'frontend -> backend [service] 124/2']);
  });
});

describe('service-graph metrics (Prometheus text)', () => {
  it('takes each series’ latest value, errors from _failed_total, latency from the server histogram', async () => {
    const input = await read('service-graph.prom');
    expect(input.problems).toEqual([]);
    expect(input.files).toEqual([{ file: 'service-graph.prom', format: 'prometheus', records: 12 }]);
    expect(summary(input.calls)).toEqual([
      'orders -> order-events [queue] 30/0',
      'orders -> orders-db [database] 400/0',
      'web -> orders [service] 100/4',
      'web -> stripe [service] 12/0',
    ]);
    const webOrders = input.calls.find((c) => c.callee === 'orders') as ObservedCall;
    const near = (value: number | undefined, target: number) => Math.abs((value as number) / target - 1) < 0.05;
    expect(near(webOrders.latencyMs?.p50, 3)).toBe(true);
    expect(near(webOrders.latencyMs?.p95, 52)).toBe(true);
    expect(near(webOrders.latencyMs?.p99, 550)).toBe(true);
    expect(webOrders.evidence.line).toBe(3);
    expect(input.window).toEqual({ from: 1717430400000, to: 1717430460000 });
  });

  it('several files together: calls of the same edge add up, with every source', async () => {
    const input = await read('zipkin-dependencies.json', 'zipkin-spans.json');
    const frontendBackend = input.calls.filter((c) => c.caller === 'frontend' && c.callee === 'backend');
    expect(frontendBackend.map((c) => [c.protocol, c.calls, c.sources])).toEqual([
      [undefined, 124, ['zipkin-dependencies.json']],
      ['http', 1, ['zipkin-spans.json']],
    ]);
  });
});
