/**
 * Catalog entities (an API no component provides, a Group, a custom kind) and properties in a
 * snapshot, through every command that reads a graph: none may crash on the new node type,
 * diagrams and policies leave entities out, and queries still answer about them.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { buildSnapshot } from '../../src/graph/build-graph.js';
import { emptyResult } from '../../src/importers/types.js';
import { catalogRepo } from '../../src/interop/catalog-repo.js';
import { tempDir } from '../helpers/fs.js';

function catalogSnapshot() {
  const result = emptyResult();
  result.components.push(
    {
      name: 'orders',
      kind: 'service',
      infrastructure: false,
      owner: 'team-a',
      system: 'shop',
      properties: { 'backstage:lifecycle': 'production' },
    },
    { name: 'orders-db', kind: 'database', infrastructure: true, owner: 'team-a', system: 'shop' },
    {
      name: 'api:pricing',
      kind: 'api',
      infrastructure: false,
      type: 'entity',
      owner: 'team-b',
      properties: { 'backstage:type': 'openapi' },
    },
    { name: 'group:team-a', kind: 'group', infrastructure: false, type: 'entity' },
    {
      name: 'airesource:<script>x</script>',
      kind: 'airesource',
      infrastructure: false,
      type: 'entity',
      system: 'shop',
    },
  );
  result.edges.push(
    {
      from: 'orders',
      to: 'orders-db',
      evidence: 'dependsOn',
      properties: { 'cyclonedx:data': '[{"flow":"outbound"}]' },
    },
    { from: 'orders', to: 'api:pricing', api: 'pricing', evidence: 'consumesApi' },
    { from: 'orders-db', to: 'api:pricing', evidence: 'dependsOn' },
  );
  result.libraries.push({
    ecosystem: 'npm',
    name: 'express',
    version: '4.19.2',
    syntax: 'resolved',
    properties: { 'cyclonedx:licenses': '["MIT"]' },
  });
  return buildSnapshot(
    [catalogRepo(result, { id: 'catalog', source: 'catalog', file: 'catalog-info.yaml' })],
    'depmap test',
  );
}

describe('catalog entities in the graph', () => {
  it('are nodes of their own kind, with their calls and properties', () => {
    const snapshot = catalogSnapshot();
    const byId = new Map(snapshot.nodes.map((n) => [n.id, n]));
    expect(byId.get('api:pricing')).toMatchObject({
      type: 'entity',
      kind: 'api',
      owner: 'team-b',
      properties: { 'backstage:type': 'openapi' },
    });
    expect(byId.get('orders-db')).toMatchObject({
      type: 'resource',
      kind: 'database',
      owner: 'team-a',
      system: 'shop',
    });
    expect(byId.get('orders')?.properties).toEqual({ 'backstage:lifecycle': 'production' });
    expect(byId.get('pkg:npm/express')?.properties).toEqual({ 'cyclonedx:licenses': '["MIT"]' });
    const calls = snapshot.edges.filter((e) => e.type === 'calls-service');
    expect(calls.map((e) => `${e.source} -> ${e.target} ${e.resolvedBy ?? ''}`).sort()).toEqual([
      'orders -> api:pricing #pricing'.replace(' #pricing', '') + ' name',
      'orders -> orders-db ',
      'orders-db -> api:pricing name',
    ]);
    expect(calls.find((e) => e.target === 'orders-db')?.properties).toEqual({
      'cyclonedx:data': '[{"flow":"outbound"}]',
    });
    // Nothing the catalog declares is unresolved or unpinned for want of an API version.
    expect(snapshot.problems).toEqual([]);
    expect(calls.every((e) => e.pin.pinned)).toBe(true);
  });

  it('pass through every command that reads a snapshot', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'graph.json'), JSON.stringify(catalogSnapshot()));
    const commands = [
      ['render', '--snapshot', 'graph.json'],
      ['render', '--snapshot', 'graph.json', '--style', 'architecture'],
      ['list', 'services', '--snapshot', 'graph.json'],
      ['impact', 'api:pricing', '--snapshot', 'graph.json'],
      ['deps', 'orders', '--snapshot', 'graph.json'],
      ['check', '--snapshot', 'graph.json'],
      ['export', '--format', 'cyclonedx', '--snapshot', 'graph.json'],
      ['export', '--format', 'backstage', '--snapshot', 'graph.json'],
      ['export', '--format', 'structurizr', '--snapshot', 'graph.json'],
      ['explore', '--snapshot', 'graph.json', '--out', 'map.html'],
      ['docs', '--snapshot', 'graph.json', '--out', 'site', '--no-svg', '--no-explorer'],
      ['merge', 'graph.json', 'graph.json', '--out', 'merged.json'],
    ];
    for (const args of commands) {
      const result = await runCli(args, { cwd: dir });
      expect.soft(result.stderr, args.join(' ')).not.toMatch(/\n\s+at |bug in depmap/);
      expect.soft(result.code, `${args.join(' ')}: ${result.stderr}`).toBeLessThan(2);
    }
    const impact = await runCli(['impact', 'api:pricing', '--snapshot', 'graph.json'], { cwd: dir });
    expect(impact.stdout).toContain('orders');
    const render = await runCli(['render', '--snapshot', 'graph.json'], { cwd: dir });
    expect(render.stdout).not.toContain('<script>');
  });
});
