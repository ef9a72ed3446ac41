import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FIXTURES } from './fixture.js';
import { discoverRepo, wantedForDiscovery, type RepoFile } from '../../src/importers/discover.js';
import { findDrift } from '../../src/importers/drift.js';
import { parseManifest } from '../../src/manifest/parse.js';
import type { ImportedLibrary } from '../../src/importers/types.js';

function repoFiles(dir: string): RepoFile[] {
  const walk = (current: string): string[] =>
    readdirSync(current).flatMap((name) => {
      const full = join(current, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
  return walk(dir).map((full) => ({
    path: relative(dir, full).split('\\').join('/'),
    read: () => readFileSync(full, 'utf8'),
  }));
}

describe('discoverRepo', () => {
  const files = [
    ...repoFiles(join(FIXTURES, 'discover')),
    // Installed packages are never the repo's own.
    {
      path: 'node_modules/leftpad/package.json',
      read: () => '{ "name": "leftpad", "dependencies": { "never": "1.0.0" } }',
    },
    { path: 'services/api/node_modules/x/docker-compose.yml', read: () => 'services:\n  never: {image: never:1}\n' },
  ];
  const repo = discoverRepo(files);

  it('maps components and edges from compose and Kubernetes together, each saying where it came from', () => {
    expect(repo.problems).toEqual([]);
    expect(repo.components.map((c) => `${c.name}:${c.kind}:${c.file}`).sort()).toEqual([
      'api:service:docker-compose.yml',
      'db:database:docker-compose.yml',
      'queue:cache:docker-compose.yml',
      'worker:service:deploy/worker.yaml',
    ]);
    // The worker's image and system come from the Kubernetes manifest, its build from compose.
    expect(repo.components.find((c) => c.name === 'worker')).toMatchObject({
      image: 'registry.acme.io/shop/worker:1.2.0',
      system: 'shop',
      built: true,
    });
    expect(repo.edges.map((e) => `${e.from}->${e.to}`).sort()).toEqual(['api->db', 'api->worker', 'worker->queue']);
    expect(repo.edges.find((e) => e.from === 'worker')?.evidence).toBe('env REDIS_URL=redis://queue:6379/0');
  });

  it('takes libraries from the best file of each folder; a workspace package reads the lockfile above it', () => {
    expect(repo.libraries.map((l) => `${l.ecosystem}:${l.name}@${l.version} ${l.file}`).sort()).toEqual([
      'golang:github.com/jackc/pgx/v5@v5.5.5 services/api/go.mod',
      'npm:react@18.2.0 package-lock.json',
      'npm:vitest@1.5.3 package-lock.json',
      'pypi:redis@5.0.3 services/worker/requirements.txt',
    ]);
  });

  it('tells a crawler which files it may need', () => {
    expect(wantedForDiscovery('docker-compose.yml')).toBe(true);
    expect(wantedForDiscovery('.env')).toBe(true);
    expect(wantedForDiscovery('src/main.go')).toBe(false);
    expect(wantedForDiscovery('node_modules/a/package.json')).toBe(false);
  });
});

describe('findDrift', () => {
  const manifestText = [
    'depmap: 1',
    'name: checkout',
    'kind: service',
    'libraries:',
    '  - pkg:npm/express@4.19.2',
    '  - pkg:npm/lodash@4.17.20',
    '  - { ecosystem: npm, name: left-pad, version: 1.3.0 }',
    '  - { ecosystem: npm, name: react, version: ^18.0.0 }',
    '  - pkg:pypi/Django@4.2.11',
    '  - { ecosystem: npm, name: accepts, version: 1.3.8 }',
    '  - { from: package-lock.json }',
  ].join('\n');
  const parsed = parseManifest(manifestText, 'depmap.yaml');
  const lock: ImportedLibrary[] = [
    { ecosystem: 'npm', name: 'express', version: '4.19.2', syntax: 'resolved' },
    { ecosystem: 'npm', name: 'lodash', version: '4.17.21', syntax: 'resolved' },
    { ecosystem: 'npm', name: 'react', version: '18.2.0', syntax: 'resolved' },
    { ecosystem: 'npm', name: 'accepts', version: '1.3.8', transitive: true, syntax: 'resolved' },
  ];

  it('reports inline pins that differ from the lockfile or are missing from it, with their position', () => {
    expect(parsed.manifest).toBeDefined();
    const drifts = findDrift(parsed.manifest!, { file: 'package-lock.json', libraries: lock });
    expect(drifts).toEqual([
      {
        library: 'pkg:npm/lodash',
        inlineVersion: '4.17.20',
        lockVersion: '4.17.21',
        line: 6,
        col: 5,
        message: 'pkg:npm/lodash is pinned at 4.17.20 in depmap.yaml but package-lock.json has 4.17.21',
        hint: 'set it to 4.17.21 in depmap.yaml, or update package-lock.json',
      },
      {
        library: 'pkg:npm/left-pad',
        inlineVersion: '1.3.0',
        line: 7,
        col: 5,
        message: 'pkg:npm/left-pad@1.3.0 is pinned in depmap.yaml but package-lock.json does not have it',
        hint: 'install it (so package-lock.json locks it) or remove it from depmap.yaml',
      },
    ]);
  });

  it('compares names and versions the way each ecosystem does', () => {
    const pypi: ImportedLibrary[] = [{ ecosystem: 'pypi', name: 'django', version: '==4.2.11', syntax: 'resolved' }];
    expect(findDrift(parsed.manifest!, { file: 'Pipfile.lock', libraries: pypi })).toEqual([]);
    const wrong: ImportedLibrary[] = [{ ecosystem: 'pypi', name: 'django', version: '5.0.4', syntax: 'resolved' }];
    expect(findDrift(parsed.manifest!, { file: 'poetry.lock', libraries: wrong }).map((d) => d.lockVersion)).toEqual([
      '5.0.4',
    ]);
  });
});
