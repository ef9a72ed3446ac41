/**
 * A small organisation whose traces were joined with `--observed`: its manifests are real
 * depmap.yaml texts built into a snapshot by buildSnapshot; the observations are then set on
 * its edges the way the join does (presence and observation on every call, observed-only
 * calls as edges of their own, a name only the traces know as an observedOnly node), so the
 * renderers are tested apart from the readers and the join. The render goldens of the
 * observed style and legend are drawn from it.
 *
 *   shop:    web → orders (seen), orders → payments (seen), orders → orders-db (seen),
 *            orders → search (declared, never seen)
 *   billing: payments → ledger (declared, unpinned, never seen), ledger → search (never seen)
 *   ops:     reporter declares nothing; the traces show it calling orders
 *   undeclared, seen: web → payments, orders → ledger, reporter → orders,
 *            payments → fraud-check (a name no manifest has)
 */
import { buildSnapshot } from '../../src/graph/build-graph.js';
import type { GraphEdge, Observation, RepoEntry, Snapshot } from '../../src/graph/types.js';
import { parseManifest } from '../../src/manifest/parse.js';
import type { Manifest } from '../../src/manifest/types.js';

const MANIFESTS: Record<string, string> = {
  web: `depmap: 1
name: web
kind: frontend
system: shop
services:
  - { name: orders, protocol: http, api: orders-http, version: 2.1.0 }
`,
  orders: `depmap: 1
name: orders
kind: service
system: shop
provides:
  - { api: orders-http, protocol: http, version: 2.1.0 }
services:
  - { name: payments, protocol: grpc, api: payments-grpc, version: 1.4.0, critical: true }
  - { name: orders-db, kind: database, protocol: postgres, image: "postgres:16.3" }
  - { name: search, protocol: http, api: search-http, version: 1.0.0 }
`,
  search: `depmap: 1
name: search
kind: service
system: shop
provides:
  - { api: search-http, protocol: http, version: 1.0.0 }
`,
  payments: `depmap: 1
name: payments
kind: service
system: billing
provides:
  - { api: payments-grpc, protocol: grpc, version: 1.4.0 }
services:
  - { name: ledger, protocol: grpc, api: ledger-grpc, version: "^3.0.0" }
`,
  ledger: `depmap: 1
name: ledger
kind: service
system: billing
provides:
  - { api: ledger-grpc, protocol: grpc, version: 3.0.0 }
services:
  - { name: search, protocol: http, api: search-http, version: 1.0.0 }
`,
  reporter: `depmap: 1
name: reporter
kind: job
system: ops
`,
};

const TRACES = 'traces/otlp.jsonl';

function observation(calls: number, errors = 0, protocol?: string): Observation {
  const seen: Observation = {
    calls,
    errors,
    firstSeen: '2026-11-30T08:00:00.000Z',
    lastSeen: '2026-12-05T17:42:10.000Z',
    latencyMs: { p50: 12, p95: 48, p99: 95 },
    sources: [TRACES],
  };
  if (protocol) seen.protocol = protocol;
  return seen;
}

/** An observed-only call, as the join adds it: no version, nothing to pin, located at the traces. */
function undeclared(source: string, target: string, protocol: string, seen: Observation): GraphEdge {
  return {
    key: `${source} -> ${target} (${protocol}) [observed]`,
    type: 'calls-service',
    source,
    target,
    protocol,
    pin: { pinned: true, unversioned: true, reason: 'observed, not declared: no version to pin' },
    resolvedBy: 'name',
    declared: { repo: 'observed', file: TRACES, line: 1, col: 1 },
    presence: 'observed-only',
    observed: seen,
  };
}

/** `seen` by edge source and target; every other declared call is declared-only. */
export function observedSnapshot(): Snapshot {
  const repos: RepoEntry[] = Object.entries(MANIFESTS).map(([id, text]) => {
    const parsed = parseManifest(text, 'depmap.yaml');
    if (!parsed.manifest) throw new Error(`${id}: ${JSON.stringify(parsed.problems)}`);
    return { id, source: id, manifests: [parsed.manifest as Manifest], problems: [], status: 'ok' };
  });
  const snapshot = buildSnapshot(repos, 'depmap test');
  const seen = new Map<string, Observation>([
    ['web orders', observation(1204, 3, 'http')],
    ['orders payments', observation(310, 0, 'grpc')],
    ['orders orders-db', observation(5000, 0, 'postgresql')],
  ]);
  for (const edge of snapshot.edges) {
    if (edge.type !== 'calls-service') continue;
    const observed = seen.get(`${edge.source} ${edge.target}`);
    if (observed) Object.assign(edge, { presence: 'declared-and-observed', observed });
    else edge.presence = 'declared-only';
  }
  snapshot.nodes.push({ id: 'fraud-check', type: 'resource', kind: 'service', observedOnly: true });
  snapshot.edges.push(
    undeclared('web', 'payments', 'http', observation(57, 2, 'http')),
    undeclared('orders', 'ledger', 'grpc', observation(9, 0, 'grpc')),
    undeclared('reporter', 'orders', 'http', observation(40, 0, 'http')),
    undeclared('payments', 'fraud-check', 'http', observation(12, 1, 'http')),
  );
  snapshot.observed = {
    files: [{ file: TRACES, format: 'otlp', records: 6623 }],
    window: { from: '2026-11-30T08:00:00.000Z', to: '2026-12-05T17:42:10.000Z' },
    unmatched: [{ name: 'fraud-check', as: 'callee', calls: 12 }],
    problems: [],
  };
  return snapshot;
}
