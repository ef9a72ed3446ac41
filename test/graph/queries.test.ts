import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tempDir } from '../helpers/fs.js';

const demo = path.resolve('fixtures/demo-org');
let snapshot: string;

beforeAll(async () => {
  snapshot = path.join(tempDir(), 'demo.json');
  const result = await runCli(['scan', `${demo}/*`, '--out', snapshot, '-q']);
  expect(result.code).toBe(0);
});

const query = async (...args: string[]) => {
  const result = await runCli([...args, '--snapshot', snapshot, '--format', 'json']);
  return { ...result, json: result.stdout ? JSON.parse(result.stdout) : undefined };
};

describe('impact', () => {
  it('lists every dependent, transitively, with depth and path', async () => {
    const { code, json } = await query('impact', 'payments');
    expect(code).toBe(0);
    const rows = (json.dependents as { id: string; depth: number; path: string[] }[]).map(
      (d) => `${d.depth} ${d.path.join('>')}`,
    );
    expect(rows).toEqual(['1 checkout>payments', '2 web-shop>checkout>payments']);
  });

  it('walks through the cycle without looping and through library users', async () => {
    const { json } = await query('impact', 'orders-db');
    const ids = (json.dependents as { id: string }[]).map((d) => d.id);
    expect(ids).toEqual(['checkout', 'orders', 'inventory', 'web-shop', 'catalog']);
    const lib = await query('impact', 'pkg:npm/express@4.19.2');
    expect(lib.json.node).toBe('pkg:npm/express');
    expect(
      (lib.json.dependents as { id: string; depth: number }[]).filter((d) => d.depth === 1).map((d) => d.id),
    ).toEqual(['checkout', 'notifications']);
  });

  it('suggests the nearest name for a typo, with exit code 2', async () => {
    const result = await runCli(['impact', 'paymnts', '--snapshot', snapshot]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no node named "paymnts" in the graph');
    expect(result.stderr).toContain('did you mean "payments"');
  });

  it('prints readable text by default', async () => {
    const result = await runCli(['impact', 'payments', '--snapshot', snapshot]);
    expect(result.stdout).toContain('impact of payments [service, system commerce, owner team-payments]: 2 dependents');
    expect(result.stdout).toContain('web-shop → checkout → payments');
  });
});

describe('deps and why', () => {
  it('deps follows calls and libraries to a depth', async () => {
    const { json } = await query('deps', 'web-shop', '--depth', '1', '--edges', 'services');
    expect((json.dependencies as { id: string }[]).map((d) => d.id)).toEqual([
      'accounts',
      'catalog',
      'checkout',
      'recommendations',
    ]);
    const all = await query('deps', 'inventory');
    const ids = (all.json.dependencies as { id: string }[]).map((d) => d.id);
    expect(ids).toContain('pkg:cargo/tokio');
    expect(ids).toContain('orders-db'); // through orders
  });

  it('why finds every path, shortest first', async () => {
    const { json } = await query('why', 'web-shop', 'inventory');
    expect(json.paths).toEqual([
      ['web-shop', 'catalog', 'inventory'],
      ['web-shop', 'checkout', 'orders', 'inventory'],
    ]);
    const none = await runCli(['why', 'accounts', 'payments', '--snapshot', snapshot]);
    expect(none.stdout).toBe('accounts does not depend on payments\n');
  });
});

describe('cycles, skew, list', () => {
  it('finds the orders ↔ inventory call cycle and exits 1', async () => {
    const { code, json } = await query('cycles');
    expect(code).toBe(1);
    expect(json.cycles).toEqual([{ members: ['inventory', 'orders'], example: ['inventory', 'orders', 'inventory'] }]);
  });

  it('finds library skew, API skew and versions a provider does not offer', async () => {
    const { code, json } = await query('skew');
    expect(code).toBe(1);
    const libs = (json.libraries as { library: string; versions: { version: string; components: string[] }[] }[]).map(
      (l) => `${l.library}: ${l.versions.map((v) => `${v.version}=${v.components.join('+')}`).join(' ')}`,
    );
    expect(libs).toEqual([
      'pkg:npm/express: 4.18.2=notifications 4.19.2=checkout',
      'pkg:pypi/sqlalchemy: 2.0.30=search-indexer 2.0.31=catalog',
    ]);
    const apis = (json.apis as { provider: string; api: string; versions: { version: string }[] }[]).map(
      (a) => `${a.provider}/${a.api}: ${a.versions.map((v) => v.version).join(',')}`,
    );
    expect(apis).toEqual(['inventory/inventory-http: 1.0.0,1.1.0']);
    // orders provides 1.9.0; 1.8.0 is the same major and older: satisfied. Nothing else is off.
    expect(json.mismatches).toEqual([]);
  });

  it('lists with filters', async () => {
    const { json } = await query('list', 'components', '--system', 'catalog');
    expect((json as { id: string }[]).map((n) => n.id)).toEqual(['catalog', 'inventory', 'search-indexer']);
    const dbs = await query('list', 'services', '--kind', 'database');
    expect((dbs.json as { id: string; usedBy: string[] }[]).map((n) => `${n.id}:${n.usedBy.join('+')}`)).toEqual([
      'accounts-db:accounts',
      'catalog-db:catalog+search-indexer',
      'orders-db:checkout+orders',
      'payments-db:payments',
    ]);
    const text = await runCli(['list', 'libraries', '--kind', 'cargo', '--snapshot', snapshot]);
    expect(text.stdout).toContain('pkg:cargo/axum');
    expect(text.stdout.trim().split('\n').at(-1)).toBe('4 libraries');
  });
});
