import { cpSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { initRepo } from '../helpers/git.js';
import { parseSnapshot } from '../../src/graph/snapshot.js';

describe('scan --discover', () => {
  it('maps a repo without a manifest from its compose file and lockfiles, marking everything discovered', async () => {
    const org = tempDir();
    const repo = initRepo(path.join(org, 'legacy'));
    cpSync('fixtures/importers/discover', repo, { recursive: true });
    writeTree(org, {
      'declared/depmap.yaml':
        'depmap: 1\nname: declared\nkind: service\nservices:\n  - { name: api, protocol: http, api: api-http, version: 1.0.0 }\n',
    });

    const without = await runCli(['scan', org, '--out', '-', '-q']);
    const plain = parseSnapshot(without.stdout, 'graph.json');
    expect(plain.repos.find((r) => r.id === 'legacy')?.status).toBe('no-manifest');

    const result = await runCli(['scan', org, '--discover', '--out', '-', '-q']);
    expect(result.code).toBe(0);
    const snapshot = parseSnapshot(result.stdout, 'graph.json');
    const legacy = snapshot.repos.find((r) => r.id === 'legacy');
    expect(legacy).toMatchObject({ status: 'ok', discovered: true });
    const nodes = snapshot.nodes
      .filter((n) => n.type !== 'library')
      .map((n) => `${n.id}:${n.type}:${n.kind}${n.discovered ? ':discovered' : ''}`);
    expect(nodes).toEqual([
      'api:component:service:discovered',
      'db:resource:database:discovered',
      'declared:component:service',
      'queue:resource:cache:discovered',
      'worker:component:service:discovered',
    ]);
    const calls = snapshot.edges.filter((e) => e.type === 'calls-service');
    expect(calls.map((e) => `${e.source}->${e.target}${e.discovered ? ' (discovered)' : ''}`)).toEqual([
      'api->db (discovered)',
      'api->worker (discovered)',
      'declared->api',
      'worker->queue (discovered)',
    ]);
    const evidence = calls.find((e) => e.source === 'api' && e.target === 'db');
    expect(evidence).toMatchObject({
      importedFrom: 'docker-compose.yml',
      evidence: 'connection-string DATABASE_URL=postgres://api@db:5432/api',
      evidenceDetail: [
        {
          kind: 'connection-string',
          file: 'docker-compose.yml',
          line: 5,
          text: 'DATABASE_URL=postgres://api@db:5432/api',
        },
      ],
      confidence: 'high',
    });
    // Each service's libraries are its own, from its build context; a package no workload is
    // built from is not one more component but said so.
    const libraryOwners = new Set(snapshot.edges.filter((e) => e.type === 'uses-library').map((e) => e.source));
    expect([...libraryOwners].sort()).toEqual(['api', 'worker']);
    expect(legacy?.problems.map((p) => p.message)).toContainEqual(
      expect.stringMatching(
        /^not mapped: the \d+ libraries of packages\/ui: no workload of the deployment is built from it$/,
      ),
    );
    // The declared component's call resolves to the discovered one.
    expect(calls.find((e) => e.source === 'declared')?.resolvedBy).toBe('name');
    expect(snapshot.edges.filter((e) => e.type === 'uses-library').every((e) => e.discovered && e.importedFrom)).toBe(
      true,
    );
  });
});
