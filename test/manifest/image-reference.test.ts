import { describe, expect, it } from 'vitest';
import { parseImageReference, type ImageReference } from '../../src/manifest/image-reference.js';

const DIGEST = 'sha256:4ad8e3b7a58a7d5b4b5e9bc0f5b0f3c4ad7c7b2f8b9e6c2b1a3f4d5e6c7b8a9f';

const rows: [string, ImageReference][] = [
  // Docker Hub: no registry, and no implicit docker.io/ or library/ added.
  ['postgres', { name: 'postgres', repository: 'postgres' }],
  ['postgres:16.3', { name: 'postgres', repository: 'postgres', tag: '16.3' }],
  ['library/postgres:16.3', { name: 'library/postgres', repository: 'library/postgres', tag: '16.3' }],
  ['bitnami/kafka:3.7.0', { name: 'bitnami/kafka', repository: 'bitnami/kafka', tag: '3.7.0' }],
  [
    'docker.io/library/postgres:16.3',
    { name: 'docker.io/library/postgres', registry: 'docker.io', repository: 'library/postgres', tag: '16.3' },
  ],
  // Registries with a port: the port's colon is not a tag.
  ['localhost:5000/api', { name: 'localhost:5000/api', registry: 'localhost:5000', repository: 'api' }],
  [
    'localhost:5000/app:1.2.3',
    { name: 'localhost:5000/app', registry: 'localhost:5000', repository: 'app', tag: '1.2.3' },
  ],
  [
    'ghcr.io:443/acme/api:1.2@sha256:abc',
    { name: 'ghcr.io:443/acme/api', registry: 'ghcr.io:443', repository: 'acme/api', tag: '1.2', digest: 'sha256:abc' },
  ],
  // A bare `host:port` is a repository and a tag, as Docker reads it.
  ['registry:5000', { name: 'registry', repository: 'registry', tag: '5000' }],
  // localhost/ is a registry without a dot or a port.
  ['localhost/api:1', { name: 'localhost/api', registry: 'localhost', repository: 'api', tag: '1' }],
  // Nested paths.
  [
    `registry:5000/team/sub/postgres:16.3@${DIGEST}`,
    {
      name: 'registry:5000/team/sub/postgres',
      registry: 'registry:5000',
      repository: 'team/sub/postgres',
      tag: '16.3',
      digest: DIGEST,
    },
  ],
  [
    'gcr.io/distroless/static-debian12:nonroot',
    {
      name: 'gcr.io/distroless/static-debian12',
      registry: 'gcr.io',
      repository: 'distroless/static-debian12',
      tag: 'nonroot',
    },
  ],
  // No tag, a digest alone, a tag and a digest.
  [`postgres@${DIGEST}`, { name: 'postgres', repository: 'postgres', digest: DIGEST }],
  [`redis:latest@${DIGEST}`, { name: 'redis', repository: 'redis', tag: 'latest', digest: DIGEST }],
  // Upper case: a first segment with capitals is a registry; names keep their case.
  ['Registry/App:1', { name: 'Registry/App', registry: 'Registry', repository: 'App', tag: '1' }],
  ['Postgres:16', { name: 'Postgres', repository: 'Postgres', tag: '16' }],
  ['acme/API:V1', { name: 'acme/API', repository: 'acme/API', tag: 'V1' }],
  // Bad input is split, not judged: the pin rules refuse it, the others compare the parts.
  ['', { name: '', repository: '' }],
  ['redis:', { name: 'redis', repository: 'redis', tag: '' }],
  ['redis@', { name: 'redis', repository: 'redis', digest: '' }],
  [':16', { name: '', repository: '', tag: '16' }],
  ['a@b@c', { name: 'a', repository: 'a', digest: 'b@c' }],
  ['localhost:5000/', { name: 'localhost:5000/', registry: 'localhost:5000', repository: '' }],
  ['node:20 AS build', { name: 'node', repository: 'node', tag: '20 AS build' }],
  ['redis:${TAG:-7}', { name: 'redis:${TAG', repository: 'redis:${TAG', tag: '-7}' }],
];

describe('image references', () => {
  it.each(rows)('%j', (text, parts) => {
    expect(parseImageReference(text)).toEqual(parts);
  });
});
