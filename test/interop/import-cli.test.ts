/**
 * `depmap import` as a user runs it: real files in temp folders, the snapshot read back by
 * another command, and every way an input can be wrong (missing, no catalog, a FIFO, a
 * Location that leaves the folder), each with its exit code and a message saying what to do.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Snapshot } from '../../src/graph/types.js';
import { tempDir, testDir, writeTree } from '../helpers/fs.js';
import { parseSnapshot } from '../../src/graph/snapshot.js';

const component = (name: string, extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: team-a
${extra}`;

const resource = (name: string) => `apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: ${name}
spec:
  type: database
  owner: team-a
`;

const location = (...targets: string[]) => `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: root
spec:
  targets:
${targets.map((t) => `    - ${t}`).join('\n')}
`;

const ids = (snapshot: Snapshot) => snapshot.nodes.map((n) => n.id).sort();

describe('depmap import', () => {
  it('writes a snapshot that other commands read, and says what it holds', async () => {
    const dir = testDir({
      'catalog/all.yaml': location('./orders.yaml', './db.yaml'),
      'catalog/orders.yaml': component('orders', '  dependsOn: [resource:orders-db]\n'),
      'catalog/db.yaml': resource('orders-db'),
    });
    const result = await runCli(['import', 'catalog/all.yaml', '--out', 'graph.json'], { cwd: dir });
    expect(result.stderr).toContain('wrote graph.json');
    expect(result.code).toBe(0);
    const snapshot = parseSnapshot(readFileSync(path.join(dir, 'graph.json'), 'utf8'), 'graph.json') as Snapshot;
    expect(ids(snapshot)).toEqual(['orders', 'orders-db']);
    expect(snapshot.edges.map((e) => `${e.source} -> ${e.target}`)).toEqual(['orders -> orders-db']);
    // Each node points at the file that declares it, not at the Location that led there.
    expect(snapshot.nodes.find((n) => n.id === 'orders')?.declared?.file).toBe('orders.yaml');
    const impact = await runCli(['impact', 'orders-db', '--snapshot', 'graph.json'], { cwd: dir });
    expect(impact.code).toBe(0);
    expect(impact.stdout).toContain('orders');
  });

  it('reads a folder: every catalog file once, however many Locations lead to it', async () => {
    const dir = testDir({
      'all.yaml': location('./a.yaml', './nested/b.yaml'),
      'a.yaml': component('a', '  dependsOn: [component:b]\n'),
      'nested/b.yaml': component('b'),
      'package.json': '{"name":"not-a-catalog"}',
      'notes.yaml': 'just: yaml\n',
    });
    const result = await runCli(['import', '.'], { cwd: dir });
    expect(result.code).toBe(0);
    const snapshot = parseSnapshot(result.stdout, 'graph.json') as Snapshot;
    expect(ids(snapshot)).toEqual(['a', 'b']);
    expect(result.stderr).not.toContain('declared again');
  });

  it('never reads a Location target outside the folder, by ../ or by a symlink', async () => {
    const outside = testDir({ 'secret.yaml': component('secret') });
    const dir = testDir({ 'all.yaml': location('../' + path.basename(outside) + '/secret.yaml', './link.yaml') });
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'link.yaml'));
    writeTree(path.dirname(dir), {}); // the parent exists: ../ would reach it
    const result = await runCli(['import', 'all.yaml'], { cwd: dir });
    const snapshot = parseSnapshot(result.stdout, 'graph.json') as Snapshot;
    expect(ids(snapshot)).not.toContain('secret');
    expect(result.stderr).toMatch(/outside/);
  });

  it('refuses what it cannot import, with exit 2 and what to do', async () => {
    const dir = testDir({ 'package.json': '{"name":"x"}', 'empty/readme.md': 'hi' });
    const missing = await runCli(['import', 'nope.yaml'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml: no such file or folder');
    const notCatalog = await runCli(['import', 'package.json'], { cwd: dir });
    expect(notCatalog.code).toBe(2);
    expect(notCatalog.stderr).toContain('is not a catalog depmap imports');
    expect(notCatalog.stderr).toContain('hint:');
    const empty = await runCli(['import', 'empty'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('no Backstage catalog, CycloneDX BOM or SPDX 3 document');
    const format = await runCli(['import', 'package.json', '--format', 'npm'], { cwd: dir });
    expect(format.code).toBe(2);
    for (const r of [missing, notCatalog, empty, format]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a FIFO given as the catalog without waiting on it', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [path.join(dir, 'catalog-info.yaml')]);
    const result = await runCli(['import', 'catalog-info.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/catalog-info\.yaml.*(FIFO|not a regular file)/i);
  });

  it('says so, exit 2, when the snapshot cannot be written, and leaves what was there', async () => {
    const dir = testDir({ 'catalog-info.yaml': component('orders'), taken: 'a file, not a folder' });
    const result = await runCli(['import', 'catalog-info.yaml', '--out', 'taken/graph.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('taken');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(path.join(dir, 'taken'), 'utf8')).toBe('a file, not a folder');
  });

  it('scan --discover maps a repo that holds only a catalog from it', async () => {
    const dir = testDir({
      'catalog-repo/catalog-info.yaml': location('./entities/orders.yaml', './entities/db.yaml'),
      'catalog-repo/entities/orders.yaml': component('orders', '  dependsOn: [resource:orders-db]\n'),
      'catalog-repo/entities/db.yaml': resource('orders-db'),
      'app/docker-compose.yml':
        'services:\n  web:\n    build: .\n    environment:\n      ORDERS_URL: http://orders:8080\n',
    });
    const result = await runCli(['scan', '--discover', 'catalog-repo', 'app', '--quiet', '--out', '-'], { cwd: dir });
    expect(result.code).toBe(0);
    const snapshot = parseSnapshot(result.stdout, 'graph.json') as Snapshot;
    expect(ids(snapshot)).toEqual(['orders', 'orders-db', 'web']);
    expect(snapshot.repos.find((r) => r.id === 'catalog-repo')?.discovered).toBe(true);
    // The compose repo's call reaches the component the catalog declares.
    expect(snapshot.edges.map((e) => `${e.source} -> ${e.target}`).sort()).toEqual([
      'orders -> orders-db',
      'web -> orders',
    ]);
  });
});

describe('a manifest that imports one service of a SaaSBOM', () => {
  it('gets that service’s libraries and calls only, not every library of the BOM', async () => {
    const bom = readFileSync(path.resolve('test/fixtures/interop/cyclonedx-saasbom/saasbom-1.6.cdx.json'), 'utf8');
    const manifest = (name: string) =>
      `depmap: 1\nname: ${name}\nkind: service\nlibraries:\n  - from: saasbom.cdx.json\nservices:\n  - from: saasbom.cdx.json\n`;
    const dir = testDir({
      'web/depmap.yaml': manifest('web'),
      'web/saasbom.cdx.json': bom,
      'orders/depmap.yaml': manifest('orders'),
      'orders/saasbom.cdx.json': bom,
    });
    const result = await runCli(['scan', 'web', 'orders', '--out', '-', '--quiet'], { cwd: dir });
    const snapshot = JSON.parse(result.stdout) as Snapshot;
    const uses = snapshot.edges.filter((e) => e.type === 'uses-library').map((e) => `${e.source} -> ${e.target}`);
    expect(uses.sort()).toEqual(['orders -> pkg:pypi/requests', 'web -> pkg:npm/express']);
    const calls = snapshot.edges.filter((e) => e.type === 'calls-service').map((e) => `${e.source} -> ${e.target}`);
    expect(calls.sort()).toEqual(['orders -> orders-db', 'orders -> stripe-api', 'web -> orders']);
  });
});

describe('depmap import --snapshot-version 2', () => {
  it('writes the compact snapshot, which reads back as the same graph', async () => {
    const dir = testDir({
      'catalog-info.yaml': component('orders', '  dependsOn: [resource:orders-db]\n') + '---\n' + resource('orders-db'),
    });
    const v1 = await runCli(['import', 'catalog-info.yaml'], { cwd: dir });
    const v2 = await runCli(['import', 'catalog-info.yaml', '--snapshot-version', '2'], { cwd: dir });
    expect(v1.stdout.split('\n')[0]).toContain('"version": 1');
    expect(v2.stdout.split('\n')[0]).toContain('"version": 2');
    expect(parseSnapshot(v2.stdout, 'v2.json')).toEqual(parseSnapshot(v1.stdout, 'v1.json'));
  });
});
