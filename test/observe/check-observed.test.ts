/**
 * Declared vs observed, end to end on real traces: three services instrumented with the
 * OpenTelemetry SDK call each other over real HTTP; their spans, serialized by the official
 * OTLP JSON serializer, are joined with the manifests. A call the traces show and a manifest
 * does not declare fails `check --observed`, at that manifest; declaring it passes. `observed`
 * lists the three kinds of call, and `init --observed` writes what a component really calls.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { parseSnapshot } from '../../src/graph/snapshot.js';

const script = path.resolve('test/observe/otel-service.mjs');
const children: ChildProcess[] = [];
let traces: string;

async function start(
  dir: string,
  name: string,
  routes: Record<string, object[]>,
): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(script, [name, JSON.stringify(routes), path.join(dir, `${name}.jsonl`)], { stdio: 'inherit' });
  children.push(child);
  const [message] = (await once(child, 'message')) as [{ port: number }];
  return { url: `http://127.0.0.1:${message.port}`, child };
}

beforeAll(async () => {
  const dir = tempDir('depmap-otel-');
  const payments = await start(dir, 'payments', { '/pay': [] });
  const orders = await start(dir, 'orders', {
    '/order': [
      { call: `${payments.url}/pay` },
      { db: { 'db.system.name': 'postgresql', 'db.namespace': 'orders', 'server.address': 'orders-db' } },
    ],
  });
  const web = await start(dir, 'web', { '/checkout': [{ call: `${orders.url}/order` }] });
  for (let i = 0; i < 4; i++) await (await fetch(`${web.url}/checkout`)).text();
  for (const { child } of [web, orders, payments]) {
    const exited = once(child, 'exit');
    child.send('flush');
    await exited;
  }
  traces = path.join(dir, 'traces.jsonl');
  writeFileSync(
    traces,
    ['web', 'orders', 'payments'].map((n) => readFileSync(path.join(dir, `${n}.jsonl`), 'utf8').trim()).join('\n') +
      '\n',
  );
}, 60_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill();
});

const ordersManifest = (callsPayments: boolean) =>
  [
    'depmap: 1',
    'name: orders',
    'kind: service',
    'provides:',
    '  - { api: orders-http, protocol: http, version: 1.0.0 }',
    'services:',
    '  - { name: orders-db, kind: database, protocol: sql, image: "postgres:16.3" }',
    ...(callsPayments ? ['  - { name: payments, protocol: http, api: payments-http, version: 1.0.0 }'] : []),
    '',
  ].join('\n');

function org(callsPayments: boolean): string {
  const root = tempDir('depmap-observed-org-');
  writeTree(root, {
    'web/depmap.yaml':
      'depmap: 1\nname: web\nkind: service\nservices:\n  - { name: orders, protocol: http, api: orders-http, version: 1.0.0 }\n',
    'orders/depmap.yaml': ordersManifest(callsPayments),
    'payments/depmap.yaml':
      'depmap: 1\nname: payments\nkind: service\nprovides:\n  - { api: payments-http, protocol: http, version: 1.0.0 }\n',
  });
  return root;
}

describe('check --observed', () => {
  it('fails on the call orders makes and does not declare, at its manifest; passes once declared', async () => {
    const undeclared = org(false);
    const failing = await runCli(['check', '--observed', traces, '--format', 'json'], { cwd: undeclared });
    expect(failing.code).toBe(1);
    const report = JSON.parse(failing.stdout) as {
      violations: { rule: string; path: string; line: number; message: string; severity: string }[];
    };
    const found = report.violations.filter((v) => v.rule === 'undeclared-call');
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'orders/depmap.yaml',
        line: 2,
        message: expect.stringMatching(/^orders calls payments \(4 calls, seen /),
      }),
    ]);
    expect(report.violations.filter((v) => v.severity === 'error')).toHaveLength(1);

    const declared = org(true);
    const passing = await runCli(['check', '--observed', traces], { cwd: declared });
    expect(passing.stdout + passing.stderr).not.toMatch(/undeclared-call/);
    expect(passing.code).toBe(0);
  });
});

describe('depmap observed', () => {
  it('lists declared and observed, observed only and declared only calls, with counts', async () => {
    const root = org(false);
    writeFileSync(
      path.join(root, 'web/depmap.yaml'),
      'depmap: 1\nname: web\nkind: service\nservices:\n  - { name: orders, protocol: http, api: orders-http, version: 1.0.0 }\n  - { name: search, kind: external, protocol: http, version: 1.0.0 }\n',
    );
    const result = await runCli(['observed', '--observed', traces, '--format', 'json'], { cwd: root });
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as {
      counts: Record<string, number>;
      observedOnly: { source: string; target: string; observed: { calls: number } }[];
      declaredOnly: { source: string; target: string }[];
      declaredAndObserved: { source: string; target: string }[];
    };
    expect(out.observedOnly.map((c) => `${c.source} → ${c.target} ${c.observed.calls}`)).toEqual([
      'orders → payments 4',
    ]);
    expect(out.declaredOnly.map((c) => `${c.source} → ${c.target}`)).toEqual(['web → search']);
    expect(out.declaredAndObserved.map((c) => `${c.source} → ${c.target}`)).toEqual([
      'orders → orders-db',
      'web → orders',
    ]);
    const text = await runCli(['observed', '--observed', traces], { cwd: root });
    expect(text.stdout).toMatch(/Observed only \(undeclared\): 1\n {2}orders → payments {2}http {2}4 calls/);
  });

  it('without --observed it is a usage error', async () => {
    const result = await runCli(['observed'], { cwd: org(true) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--observed <file>/);
  });
});

describe('init --observed', () => {
  it('writes the services a component really calls, with the traces as evidence', async () => {
    const repo = tempDir('depmap-init-observed-');
    writeTree(repo, { 'package.json': JSON.stringify({ name: 'orders', version: '1.0.0' }) });
    const result = await runCli(['init', '--observed', traces, '--dry-run'], { cwd: repo });
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^name: orders /m);
    expect(result.stdout).toMatch(/- \{ name: payments, protocol: http \}.*observed: 4 calls in the traces/);
    // The database is named after its service (db.namespace "orders"): written under its host name.
    expect(result.stdout).toMatch(/- \{ name: orders-db, kind: database, protocol: postgres \}.*observed: 4 calls/);
  });
});

describe('scan --observed --out', () => {
  it('keeps the observations in the snapshot, and render reads them back', async () => {
    const root = org(false);
    const out = path.join(tempDir('depmap-observed-snap-'), 'graph.json');
    const scan = await runCli(['scan', '--observed', traces, '--out', out, '--quiet'], { cwd: root });
    expect(scan.code).toBe(0);
    const snapshot = parseSnapshot(readFileSync(out, 'utf8'), 'graph.json') as {
      observed: { files: { format: string }[]; window: { from: string } };
      edges: { source: string; target: string; presence?: string; protocol?: string }[];
    };
    expect(snapshot.observed.files[0]?.format).toBe('otlp');
    expect(snapshot.observed.window.from).toMatch(/^\d{4}-\d\d-\d\dT/);
    const db = snapshot.edges.find((e) => e.source === 'orders' && e.target === 'orders-db');
    expect(db?.presence).toBe('declared-and-observed');
    const payments = snapshot.edges.find((e) => e.source === 'orders' && e.target === 'payments');
    expect(payments?.presence).toBe('observed-only');
    const observed = await runCli(['observed', '--snapshot', out, '--observed', traces, '--format', 'json']);
    expect(JSON.parse(observed.stdout).counts).toEqual({ declaredAndObserved: 2, observedOnly: 1, declaredOnly: 0 });
    const render = await runCli(['render', '--snapshot', out, '--format', 'mermaid', '--view', 'architecture']);
    expect(render.code).toBe(0);
    expect(render.stdout).toMatch(/4 calls/);
  });
});

describe('undeclared-call allow', () => {
  it('a callee the policy allows is not reported', async () => {
    const root = org(false);
    writeFileSync(path.join(root, 'depmap.policy.yaml'), 'rules:\n  undeclared-call: { allow: [pay*] }\n');
    const result = await runCli(['check', '--observed', traces], { cwd: root });
    expect(result.stdout + result.stderr).not.toMatch(/undeclared-call/);
    expect(result.code).toBe(0);
  });
});

describe('unobserved-dependency', () => {
  const span = (id: string, when: string) => ({
    traceId: `${id}${'0'.repeat(32 - id.length)}`,
    id: `${id}${'0'.repeat(16 - id.length)}`,
    kind: 'CLIENT',
    name: 'get /order',
    timestamp: Date.parse(when) * 1000,
    duration: 1500,
    localEndpoint: { serviceName: 'web' },
    remoteEndpoint: { serviceName: 'orders' },
  });

  it('judges only components seen making calls: orders exported no span, so its silence says nothing', async () => {
    const root = org(true);
    writeFileSync(
      path.join(root, 'web/depmap.yaml'),
      'depmap: 1\nname: web\nkind: service\nservices:\n  - { name: orders, protocol: http, api: orders-http, version: 1.0.0 }\n  - { name: search, kind: external, protocol: http, version: 1.0.0 }\n',
    );
    writeFileSync(
      path.join(root, 'zipkin.json'),
      JSON.stringify([span('a1', '2024-05-01T10:00:00Z'), span('b2', '2024-05-12T10:00:00Z')]),
    );
    const result = await runCli(['check', '--observed', 'zipkin.json', '--format', 'json'], { cwd: root });
    const report = JSON.parse(result.stdout) as { violations: { rule: string; message: string; severity: string }[] };
    const unobserved = report.violations.filter((v) => v.rule === 'unobserved-dependency');
    // web was seen calling (orders, not search); orders, which never exported a span, is not judged.
    expect(unobserved.map((v) => `${v.severity}: ${v.message}`)).toEqual([
      'warn: web declares a call to search, never observed in 11 days of traces (2024-05-01 to 2024-05-12)',
    ]);
  });
});
