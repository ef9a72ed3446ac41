/**
 * Discovery across repos, through `scan --discover` on real folders: the deploy repo that runs
 * an image and the repo that builds it are one node; a committed depmap.yaml wins over what
 * discovery guessed for the same component, whatever the order of the repos.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Snapshot } from '../../src/graph/types.js';
import { testDir } from '../helpers/fs.js';
import { parseSnapshot } from '../../src/graph/snapshot.js';

describe('discovery across repos', () => {
  it('joins a deployed image with the repo that builds it, and lets a declared manifest win', async () => {
    const dir = testDir({
      // The deploy repo: runs `cart` from the carts image, `web` calls it as `carts`.
      'a-deploy/docker-compose.yml': [
        'services:',
        '  cart:',
        '    image: acme/carts:1.4.2',
        '    hostname: carts',
        '  web:',
        '    image: acme/web:2.0.1',
        '    environment:',
        '      CARTS_URL: http://carts:8080',
        '      ORDERS_URL: http://orders:8080',
        '',
      ].join('\n'),
      // The repo that builds the carts image: no deployment file, its libraries.
      'carts/package.json': '{ "name": "carts", "dependencies": { "express": "4.19.2" } }\n',
      'carts/Dockerfile': 'FROM node:20.11.1\n',
      // A service that declares itself: its manifest is the truth.
      'orders/depmap.yaml': 'depmap: 1\nname: orders\nkind: service\n',
    });
    const scan = await runCli(['scan', '--discover', 'a-deploy', 'carts', 'orders', '--out', 'g.json', '-q'], {
      cwd: dir,
    });
    expect(scan.code).toBe(0);
    const graph = parseSnapshot(readFileSync(path.join(dir, 'g.json'), 'utf8'), 'graph.json') as Snapshot;
    const components = graph.nodes.filter((n) => n.type === 'component');
    expect(components.map((n) => `${n.id}${n.discovered ? ' (discovered)' : ''}`)).toEqual([
      'cart (discovered)',
      'orders',
      'web (discovered)',
    ]);
    const cart = components.find((n) => n.id === 'cart');
    // Placed where its source is (the repo that found its libraries), the deploy repo kept too.
    expect(cart).toMatchObject({ declared: { repo: 'carts' }, image: 'acme/carts:1.4.2' });
    expect(cart?.alsoDeclared?.map((d) => d.repo)).toEqual(['a-deploy']);
    expect(graph.edges.filter((e) => e.source === 'cart').map((e) => e.target)).toEqual(['pkg:npm/express']);
    const calls = graph.edges.filter((e) => e.type === 'calls-service');
    expect(calls.map((e) => `${e.source} -> ${e.target} (${e.resolvedBy})`)).toEqual([
      'web -> cart (name)',
      'web -> orders (name)',
    ]);
  });

  it('two repos that each build a component of one name are mapped as one, with a warning naming both', async () => {
    const repo = (name: string) => ({
      [`${name}/docker-compose.yml`]: 'services:\n  api:\n    build: .\n',
      [`${name}/package.json`]: `{ "name": "api", "dependencies": { "express": "4.19.${name === 'one' ? 1 : 2}" } }\n`,
    });
    const dir = testDir({ ...repo('one'), ...repo('two') });
    const scan = await runCli(['scan', '--discover', 'one', 'two', '--out', 'g.json', '-q'], { cwd: dir });
    expect(scan.code).toBe(0);
    const graph = parseSnapshot(readFileSync(path.join(dir, 'g.json'), 'utf8'), 'graph.json') as Snapshot;
    expect(graph.nodes.filter((n) => n.type === 'component').map((n) => n.id)).toEqual(['api']);
    expect(graph.problems).toEqual([
      expect.objectContaining({
        code: 'discovered-twice',
        severity: 'warning',
        locations: [expect.objectContaining({ repo: 'one' }), expect.objectContaining({ repo: 'two' })],
      }),
    ]);
  });
});
