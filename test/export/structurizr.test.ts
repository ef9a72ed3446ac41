import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toStructurizr } from '../../src/export/structurizr.js';
import { demoOrg, snapshotOf, ROOT } from './snapshot.js';

/**
 * A structural reading of a Structurizr DSL workspace, enough to catch what the Structurizr
 * parser refuses: unbalanced blocks, an identifier defined twice or used before it is defined,
 * a container outside a software system, a relationship between an element and its parent,
 * a view of an unknown system.
 */
function dslProblems(dsl: string): string[] {
  const problems: string[] = [];
  const parents = new Map<string, string | undefined>();
  const kinds = new Map<string, string>();
  const stack: (string | undefined)[] = [];
  let depth = 0;
  for (const [index, raw] of dsl.split('\n').entries()) {
    const line = raw.trim();
    const at = `line ${index + 1}`;
    const element = /^([A-Za-z0-9_]+) = (softwareSystem|container) "(?:[^"\\]|\\.)*"/.exec(line);
    if (element) {
      const [, id, kind] = element;
      if (parents.has(id!)) problems.push(`${at}: ${id} defined twice`);
      const parent = stack.filter(Boolean).at(-1);
      if (kind === 'container' && (!parent || kinds.get(parent) !== 'softwareSystem'))
        problems.push(`${at}: container ${id} outside a softwareSystem`);
      parents.set(id!, parent);
      kinds.set(id!, kind!);
    }
    const relationship = /^([A-Za-z0-9_]+) -> ([A-Za-z0-9_]+) "/.exec(line);
    if (relationship) {
      const [, from, to] = relationship;
      for (const id of [from!, to!]) if (!parents.has(id)) problems.push(`${at}: ${id} used before it is defined`);
      if (parents.get(from!) === to || parents.get(to!) === from)
        problems.push(`${at}: relationship between ${from} and its parent ${to}`);
    }
    const view = /^container ([A-Za-z0-9_]+) "/.exec(line);
    if (view && kinds.get(view[1]!) !== 'softwareSystem')
      problems.push(`${at}: container view of ${view[1]}, not a softwareSystem`);
    const quotes = line.replace(/\\"/g, '').split('"').length - 1;
    if (quotes % 2 !== 0) problems.push(`${at}: unbalanced quotes`);
    if (line.endsWith('{')) {
      depth++;
      stack.push(element?.[1]);
    } else if (line === '}') {
      depth--;
      stack.pop();
      if (depth < 0) problems.push(`${at}: } without {`);
    }
  }
  if (depth !== 0) problems.push(`${depth} blocks not closed`);
  return problems;
}

const small = snapshotOf({
  shop: [
    'depmap: 1',
    'name: shop',
    'kind: frontend',
    'system: commerce',
    'owner: team-web',
    'description: The "shop", front end',
    'services:',
    '  - { name: orders, protocol: http, api: orders-http, version: 1.9.0 }',
    '  - { name: stripe, kind: external, url: "https://api.stripe.com", version: "2024-06-20" }',
    '  - { name: sessions, kind: cache, image: "redis:7.2.5" }',
  ].join('\n'),
  orders: [
    'depmap: 1',
    'name: orders',
    'kind: service',
    'system: commerce',
    'provides:',
    '  - { api: orders-http, protocol: http, version: 1.9.0 }',
    'libraries:',
    '  - pkg:npm/express@4.19.2',
    'services:',
    '  - { name: orders-db, kind: database, protocol: sql, image: "postgres:16.3" }',
    '  - { name: shared-bus, kind: queue, protocol: kafka }',
  ].join('\n'),
  reporting: [
    'depmap: 1',
    'name: reporting',
    'kind: job',
    'services:',
    '  - { name: shared-bus, kind: queue, protocol: kafka }',
    '  - { name: orders, api: orders-http, version: 1.9.0 }',
  ].join('\n'),
});

describe('Structurizr export', () => {
  it('matches the golden workspace', () => {
    const golden = join(ROOT, 'test/export/golden/small.dsl');
    const dsl = toStructurizr(small, { name: 'Shop' });
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, dsl);
    expect(dsl).toBe(readFileSync(golden, 'utf8'));
  });

  it('places elements the C4 way', () => {
    const dsl = toStructurizr(small);
    // Components of a system are its containers, and so is a resource only that system uses.
    expect(dsl).toMatch(
      /s_commerce = softwareSystem "commerce"[\s\S]*c_orders = container "orders"[\s\S]*c_orders_db = container "orders-db" "image postgres:16.3" "database"/,
    );
    // A component without a system, an external service and a resource shared across systems stand alone.
    expect(dsl).toContain('s_reporting = softwareSystem "reporting"');
    expect(dsl).toMatch(/s_stripe = softwareSystem "stripe" "" \{\n\s+tags "external" "External"/);
    expect(dsl).toContain('s_shared_bus = softwareSystem "shared-bus"');
    expect(dsl).toContain('c_shop -> c_orders "orders-http 1.9.0" "http"');
    expect(dsl).toContain('s_reporting -> c_orders "orders-http 1.9.0"');
    expect(dsl).not.toContain('express');
  });

  it('writes a workspace the Structurizr parser can read (demo organisation, small graph)', () => {
    expect(dslProblems(toStructurizr(demoOrg(), { name: 'Demo "org"' }))).toEqual([]);
    expect(dslProblems(toStructurizr(small))).toEqual([]);
  });

  it('the structural check can fail', () => {
    expect(dslProblems('workspace {\n  model {\n    a = container "a" "" "x" {\n    }\n    a -> b "uses"\n')).toEqual([
      'line 3: container a outside a softwareSystem',
      'line 5: b used before it is defined',
      '2 blocks not closed',
    ]);
  });

  it('identifiers stay unique when names collide after cleaning', () => {
    const collide = snapshotOf({
      a: 'depmap: 1\nname: a.b\nkind: service\nservices:\n  - { name: a_b, kind: database }\n  - { name: A-B, kind: cache }\n',
    });
    const dsl = toStructurizr(collide);
    expect(dsl).toContain('s_a_b = softwareSystem "a.b"');
    expect(dsl).toContain('s_A_B_2 = softwareSystem "A-B"');
    expect(dsl).toContain('s_a_b_3 = softwareSystem "a_b"');
    expect(dslProblems(dsl)).toEqual([]);
  });
});
