/** Broken and hostile input: problems located at file:line, the rest read; no format, or no file, an error (exit 2). */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ConfigError, IoError } from '../../src/errors.js';
import { CallTable } from '../../src/observe/call-table.js';
import { SpanFold } from '../../src/observe/derive.js';
import { readObserved } from '../../src/observe/read.js';
import type { SpanRecord } from '../../src/observe/span.js';
import { LineSplitter } from '../../src/observe/split-lines.js';
import { testDir } from '../helpers/fs.js';

/** One OTLP request: `web` calls `orders` (client span `c<n>`, server span under it). */
function request(n: number, side: 'client' | 'server'): string {
  const service = side === 'client' ? 'web' : 'orders';
  const span =
    side === 'client'
      ? { spanId: `c${n}`, kind: 3, attributes: [{ key: 'http.request.method', value: { stringValue: 'GET' } }] }
      : { spanId: `s${n}`, parentSpanId: `c${n}`, kind: 2 };
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: `t${n}`,
                startTimeUnixNano: '1717430400000000000',
                endTimeUnixNano: '1717430400005000000',
                ...span,
              },
            ],
          },
        ],
      },
    ],
  });
}

describe('malformed input', () => {
  it('a malformed line is a problem at file:line:col, and the rest is read', async () => {
    const lines = [
      request(1, 'client'),
      request(1, 'server'),
      '{"resourceSpans" []}',
      request(2, 'client'),
      request(2, 'server'),
    ];
    const dir = testDir({ 'traces.jsonl': lines.join('\n') + '\n' });
    const input = await readObserved(['traces.jsonl'], { cwd: dir });
    expect(input.problems).toEqual([
      { file: 'traces.jsonl', line: 3, col: 18, message: "not JSON: Expected ':' after property name" },
    ]);
    expect(input.calls.map((c) => `${c.caller} -> ${c.callee} ${c.calls}`)).toEqual(['web -> orders 2']);
  });

  it('a line of the wrong shape is a problem too; a broken first line does not hide the rest', async () => {
    const lines = ['{"resourceSpans": ', request(1, 'client'), '{"spans": []}', request(1, 'server')];
    const dir = testDir({ 'traces.jsonl': lines.join('\n') });
    const input = await readObserved(['traces.jsonl'], { cwd: dir });
    expect(input.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      expect.stringMatching(/^1: not JSON/),
      '3: not an OTLP trace request: no "resourceSpans" list',
    ]);
    expect(input.calls).toHaveLength(1);
  });

  it('a pretty-printed OTLP request is read as one document', async () => {
    const dir = testDir({ 'one.json': JSON.stringify(JSON.parse(request(1, 'client')), null, 2) });
    const input = await readObserved(['one.json'], { cwd: dir });
    expect(input.files).toEqual([{ file: 'one.json', format: 'otlp', records: 1 }]);
    expect(input.problems).toEqual([]);
  });

  it('a damaged gzip file: what came before the damage is read, the rest is a problem', async () => {
    const whole = gzipSync([request(1, 'client'), request(1, 'server')].join('\n') + '\n');
    const dir = testDir({ 'cut.jsonl.gz': whole.subarray(0, whole.length - 12) });
    const input = await readObserved(['cut.jsonl.gz'], { cwd: dir });
    expect(input.problems.at(-1)?.message).toMatch(/^gzip data is damaged/);
  });

  it('an empty file is a problem, not an error', async () => {
    const dir = testDir({ 'empty.jsonl': '' });
    const input = await readObserved(['empty.jsonl'], { cwd: dir });
    expect(input.problems).toEqual([{ file: 'empty.jsonl', line: 1, message: 'no observations: the file is empty' }]);
  });

  it('a line over the cap is skipped as a problem, its neighbours read', () => {
    const seen: string[] = [];
    const splitter = new LineSplitter(
      { line: (text, n) => seen.push(`${n}:${text}`), tooLong: (n, bytes) => seen.push(`${n}: too long (${bytes})`) },
      8,
    );
    splitter.push(Buffer.from('short\nthis line is much too'));
    splitter.push(Buffer.from(' long\nok\r\nlast'));
    splitter.end();
    expect(seen).toEqual(['1:short', '2: too long (21)', '3:ok', '4:last']);
  });
});

describe('errors (exit 2)', () => {
  it('a file in no known format names itself, the line and the formats read', async () => {
    const dir = testDir({ 'depmap.yaml': 'depmap: 1\nname: web\n', 'other.json': '{"hello": "world"}\n' });
    for (const file of ['depmap.yaml', 'other.json']) {
      const error = await readObserved([file], { cwd: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).exitCode).toBe(2);
      expect((error as ConfigError).describe()).toMatch(
        new RegExp(
          `^${file.replace('.', '\\.')}:1: ${file.replace('.', '\\.')} is in no format depmap reads .*OTLP JSON.*Jaeger.*Zipkin.*Prometheus`,
        ),
      );
    }
  });

  it('--observed-format reads a file of that format; a file with no record of it is exit 2', async () => {
    const dir = testDir({
      'links.json': '[{"parent": "a", "child": "b", "callCount": 3}]\n',
      'mixed.jsonl': '{"resourceSpans": []}\n[{"parent": "a", "child": "b", "callCount": 3}]\n',
    });
    const input = await readObserved(['links.json'], { cwd: dir, format: 'jaeger-dependencies' });
    expect(input.files[0]?.format).toBe('jaeger-dependencies');
    const wrong = await readObserved(['links.json'], { cwd: dir, format: 'otlp' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ConfigError);
    expect((wrong as ConfigError).message).toBe(
      'links.json is not otlp: not an OTLP trace request: no "resourceSpans" list',
    );
    // One record of the format is enough: the others are problems, and the rest is read.
    const mixed = await readObserved(['mixed.jsonl'], { cwd: dir, format: 'otlp' });
    expect(mixed.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '2: not an OTLP trace request: no "resourceSpans" list',
    ]);
  });

  it('dependency links of the wrong shape are a problem; the good ones count', async () => {
    const dir = testDir({
      'deps.json': JSON.stringify([
        { parent: 'orders', child: 'payments', callCount: 7 },
        { parent: 'orders', child: 'stock', callCount: '7' },
        { parent: 'web', child: 'y' },
        { parent: 'web', child: 'z', callCount: 2.5 },
        { parent: null, child: 'z', callCount: 1 },
      ]),
    });
    const input = await readObserved(['deps.json'], { cwd: dir });
    expect(input.calls.map((c) => `${c.caller} -> ${c.callee} ${c.calls}`)).toEqual(['orders -> payments 7']);
    expect(input.problems.map((p) => p.message)).toEqual([
      '4 of 5 dependency links skipped (link 2: "callCount" "7" is not a whole number; link 3: "callCount" missing is not a whole number; link 4: "callCount" 2.5 is not a whole number; …)',
    ]);
  });

  it('a FIFO, a folder or a missing file is refused before anything is read', async () => {
    const dir = testDir({ 'sub/x': '' });
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    for (const [file, words] of [
      ['pipe', 'is a FIFO (named pipe), not a file'],
      ['sub', 'is a folder, not a file'],
      ['nope.jsonl', 'does not exist'],
    ]) {
      const error = await readObserved([file as string], { cwd: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IoError);
      expect((error as IoError).message).toBe(`cannot read observed file ${file}: it ${words}`);
    }
  });
});

describe('the pending window', () => {
  const span = (over: Partial<SpanRecord>): SpanRecord => ({
    spanId: 'x',
    parentId: undefined,
    kind: 'client',
    service: 'web',
    namespace: undefined,
    start: 1,
    durationMs: 2,
    error: false,
    facts: {},
    file: 'f',
    line: 1,
    ...over,
  });

  it('a client span waits N spans for its server; evicted, it is a call to the peer it names', () => {
    const table = new CallTable();
    const fold = new SpanFold(table, 3);
    fold.add(span({ spanId: 'a', facts: { peerService: 'orders-peer', http: true } }));
    fold.tick();
    fold.tick();
    fold.add(span({ spanId: 'b', kind: 'server', parentId: 'a', service: 'orders' })); // too late
    fold.add(span({ spanId: 'c' }));
    fold.add(span({ spanId: 'd', kind: 'server', parentId: 'c', service: 'payments' })); // in time
    fold.finish();
    expect(table.calls().map((c) => `${c.caller} -> ${c.callee} [${c.calleeKind}]`)).toEqual([
      'web -> orders-peer [service]',
      'web -> payments [service]',
    ]);
  });

  it('a server span may come first; a client span with only server.address is a call to an external host', () => {
    const table = new CallTable();
    const fold = new SpanFold(table, 100);
    fold.add(span({ spanId: 's', kind: 'server', parentId: 'c', service: 'orders', facts: { httpStatus: 502 } }));
    fold.add(span({ spanId: 'c', facts: { serverAddress: 'orders.internal' } }));
    fold.add(span({ spanId: 'e', facts: { serverAddress: 'api.stripe.com' } }));
    fold.finish();
    expect(
      table.calls().map((c) => `${c.caller} -> ${c.callee} [${c.calleeKind}] ${c.errors} ${c.calleeAliases}`),
    ).toEqual(['web -> api.stripe.com [external] 0 undefined', 'web -> orders [service] 1 orders.internal']);
  });
});

describe('named format, partly bad', () => {
  it('dependency links with some of the wrong shape, format named: the good ones count, one problem', async () => {
    const dir = testDir({
      'deps.json': JSON.stringify([
        { parent: 'orders', child: 'payments', callCount: 7 },
        { parent: 'web', child: 'z', callCount: -1 },
      ]),
    });
    const input = await readObserved(['deps.json'], { cwd: dir, format: 'jaeger-dependencies' });
    expect(input.calls.map((c) => `${c.caller} -> ${c.callee} ${c.calls}`)).toEqual(['orders -> payments 7']);
    expect(input.problems.map((p) => p.message)).toEqual([
      '1 of 2 dependency links skipped (link 2: "callCount" -1 is not a whole number)',
    ]);
  });
});
