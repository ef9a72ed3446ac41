/**
 * A small organisation mapped partly by `--discover`: the repo `shop` has no depmap.yaml, so
 * its components and calls are discovered (built here the way discovery builds them, through
 * serviceDecl with `discovered`, so the renderers are tested apart from how discovery reads
 * files); the repo `payments` declares its manifest. The render goldens of the discovered
 * style and legend are drawn from it.
 */
import { buildSnapshot } from '../../src/graph/build-graph.js';
import type { RepoEntry, Snapshot } from '../../src/graph/types.js';
import { libraryDecl, serviceDecl } from '../../src/importers/apply-imports.js';
import { parseManifest } from '../../src/manifest/parse.js';
import type { Manifest } from '../../src/manifest/types.js';

interface Call {
  to: string;
  kind?: string;
  protocol?: string;
  image?: string;
  line: number;
  evidence: string;
}

function discovered(name: string, kind: string, line: number, calls: Call[]): Manifest {
  return {
    file: 'docker-compose.yml',
    specVersion: 1,
    name,
    kind,
    tags: ['discovered'],
    links: [],
    provides: [],
    libraries: [],
    services: calls.map((c) => {
      const ref: Parameters<typeof serviceDecl>[0] = { name: c.to, kind: c.kind ?? 'service', line: c.line };
      if (c.protocol) ref.protocol = c.protocol;
      if (c.image) ref.image = c.image;
      ref.evidence = c.evidence;
      return serviceDecl(ref, 'docker-compose.yml', { line: c.line, col: 1 }, 'exact', { discovered: true });
    }),
    fromRefs: [],
    pos: { line, col: 1 },
  };
}

const PAYMENTS = `depmap: 1
name: payments
kind: service
system: billing
services:
  - { name: orders, protocol: http, api: orders-http, version: 2.1.0 }
  - { name: payments-db, kind: database, protocol: sql, image: "postgres:16.3" }
  - { name: ledger, protocol: grpc, api: ledger-grpc }
`;

export function discoveredSnapshot(): Snapshot {
  const orders = discovered('orders', 'service', 12, [
    {
      to: 'orders-db',
      kind: 'database',
      protocol: 'postgres',
      image: 'postgres:16.1',
      line: 18,
      evidence: 'env DATABASE_URL=postgres://orders:***@orders-db:5432/orders',
    },
    {
      to: 'events',
      kind: 'queue',
      protocol: 'amqp',
      image: 'rabbitmq:3-management',
      line: 19,
      evidence: 'env AMQP_HOST=events',
    },
    { to: 'cart', protocol: 'http', line: 20, evidence: 'env CART_URL=http://cart:8080' },
  ]);
  const lib = libraryDecl(
    { ecosystem: 'npm', name: 'express', version: '4.19.2', syntax: 'resolved', line: 9 },
    'orders/package-lock.json',
    { line: 9, col: 1 },
    'exact',
  );
  if (lib) orders.libraries.push(lib);
  const shop: RepoEntry = {
    id: 'shop',
    source: 'shop',
    manifests: [
      discovered('web', 'frontend', 2, [
        { to: 'orders', protocol: 'http', line: 6, evidence: 'env ORDERS_URL=http://orders:8080' },
        { to: 'cart', protocol: 'http', line: 7, evidence: 'env CART_URL=http://cart:8080' },
      ]),
      orders,
      discovered('cart', 'service', 24, [
        {
          to: 'cart-cache',
          kind: 'cache',
          protocol: 'redis',
          image: 'redis:6.2-alpine',
          line: 28,
          evidence: 'env REDIS_HOST=cart-cache',
        },
      ]),
      discovered('worker', 'job', 32, [
        {
          to: 'events',
          kind: 'queue',
          protocol: 'amqp',
          image: 'rabbitmq:3-management',
          line: 36,
          evidence: 'depends_on events',
        },
      ]),
    ],
    problems: [],
    status: 'ok',
    discovered: true,
  };
  const parsed = parseManifest(PAYMENTS, 'depmap.yaml');
  const payments: RepoEntry = {
    id: 'payments',
    source: 'payments',
    manifests: [parsed.manifest as Manifest],
    problems: [],
    status: 'ok',
  };
  return buildSnapshot([shop, payments], 'depmap test');
}
