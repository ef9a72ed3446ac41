import { describe, it, expect } from 'vitest';
import { checkImagePin, checkPin } from '../../src/manifest/pin/index.js';

const DIGEST = 'sha256:4ad8e3b7a58a7d5b4b5e9bc0f5b0f3c4ad7c7b2f8b9e6c2b1a3f4d5e6c7b8a9f';

describe('images at level exact', () => {
  it.each([
    'postgres:16.3',
    'docker.io/library/postgres:16.3',
    'ghcr.io/acme/x:1.2',
    'redis:7.2.5',
    'python:3.12-slim',
    'python:3.12-slim-bookworm',
    'ubuntu:22.04',
    'ubuntu:jammy-20240530', // dated build
    'mcr.microsoft.com/dotnet/sdk:8.0',
    'amazon/aws-cli:2.15.30',
    'bitnami/kafka:3.7.0-debian-12-r6',
    'traefik:v3.0',
    'localhost:5000/app:1.2.3',
    'ghcr.io/acme/api:sha-3f2a9c1', // commit tag
    'ghcr.io/acme/api:main-3f2a9c1',
    'minio/minio:RELEASE.2024-05-10T01-41-38Z',
    'eclipse-temurin:21.0.3_9-jre',
    'ruby:3.3-alpine3.19',
    `postgres:16.3@${DIGEST}`,
    `postgres@${DIGEST}`,
    `redis:latest@${DIGEST}`, // the digest wins
  ])('%s is pinned', (image) => {
    expect(checkImagePin(image, 'exact')).toEqual({ pinned: true });
  });

  it.each([
    ['redis', '"redis" has no tag, which means latest', 'redis'],
    ['localhost:5000/app', '"localhost:5000/app" has no tag, which means latest', 'localhost:5000/app'],
    ['redis:latest', '"redis:latest" has the rolling tag "latest"', 'redis'],
    ['node:lts-alpine', '"node:lts-alpine" has the rolling tag "lts-alpine"', 'node'],
    ['nginx:stable-alpine', '"nginx:stable-alpine" has the rolling tag "stable-alpine"', 'nginx'],
    ['nginx:alpine', '"nginx:alpine" has the rolling tag "alpine"', 'nginx'],
    ['alpine:edge', '"alpine:edge" has the rolling tag "edge"', 'alpine'],
    ['ghcr.io/acme/api:main', '"ghcr.io/acme/api:main" has the rolling tag "main"', 'ghcr.io/acme/api'],
    ['rust:nightly', '"rust:nightly" has the rolling tag "nightly"', 'rust'],
    ['debian:bookworm', '"debian:bookworm" has the rolling tag "bookworm"', 'debian'],
    [
      'gcr.io/distroless/static-debian12:nonroot',
      '"gcr.io/distroless/static-debian12:nonroot" has the rolling tag "nonroot"',
      'gcr.io/distroless/static-debian12',
    ],
    ['postgres:16', '"postgres:16" has a major-version tag, which moves with every minor release', 'postgres'],
    ['node:20-alpine', '"node:20-alpine" has a major-version tag, which moves with every minor release', 'node'],
    ['traefik:v3', '"traefik:v3" has a major-version tag, which moves with every minor release', 'traefik'],
    [
      'eclipse-temurin:21-jre',
      '"eclipse-temurin:21-jre" has a major-version tag, which moves with every minor release',
      'eclipse-temurin',
    ],
    [
      'node:20-alpine3.19',
      '"node:20-alpine3.19" has a major-version tag, which moves with every minor release',
      'node',
    ],
    ['node:lts-alpine3.20', '"node:lts-alpine3.20" has the rolling tag "lts-alpine3.20"', 'node'],
    ['node:alpine3.19', '"node:alpine3.19" has the rolling tag "alpine3.19"', 'node'],
  ])('%s is not pinned', (image, reason, name) => {
    expect(checkImagePin(image, 'exact')).toEqual({
      pinned: false,
      reason,
      hint: `pin a full version tag, e.g. ${name}:<major.minor.patch>, or a digest`,
    });
  });
});

describe('images at level digest', () => {
  it.each([
    `postgres:16.3@${DIGEST}`,
    `postgres@${DIGEST}`,
    `ghcr.io/acme/x:1.2@${DIGEST}`,
    `x@sha512:${'ab'.repeat(64)}`,
  ])('%s is pinned', (image) => {
    expect(checkImagePin(image, 'digest')).toEqual({ pinned: true });
  });

  it.each([
    ['postgres:16.3', 'append the digest, e.g. postgres:16.3@sha256:<digest>'],
    ['ghcr.io/acme/x:1.2', 'append the digest, e.g. ghcr.io/acme/x:1.2@sha256:<digest>'],
    ['redis', 'append the digest, e.g. redis:<tag>@sha256:<digest>'],
  ])('%s is not pinned', (image, hint) => {
    expect(checkImagePin(image, 'digest')).toEqual({ pinned: false, reason: `"${image}" has no digest`, hint });
  });
});

describe('images that are not references', () => {
  it.each(['exact', 'digest'] as const)('a malformed digest fails at level %s', (level) => {
    expect(checkImagePin('redis@sha256:abc', level)).toEqual({
      pinned: false,
      reason: '"redis@sha256:abc" has a malformed digest',
      hint: 'use the full digest, sha256:<64 hex digits>',
    });
  });
  it.each(['ghcr.io/acme/api:${API_TAG:-latest}', 'node:${NODE_VERSION}-alpine', '$REGISTRY/app:1.2.3'])(
    '%s holds a variable',
    (image) => {
      expect(checkImagePin(image, 'exact')).toEqual({
        pinned: false,
        reason: `"${image}" holds an unresolved variable`,
        hint: 'resolve the variable to a pinned tag or digest',
      });
    },
  );
  it.each([undefined, '', '  '])('%j is no image', (image) => {
    expect(checkImagePin(image, 'exact')).toEqual({
      pinned: false,
      reason: 'no image',
      hint: 'name an image with a version tag or a digest',
    });
  });
  it('an image with whitespace is not a reference', () => {
    expect(checkImagePin('node:20 AS build', 'exact').reason).toBe('"node:20 AS build" is not an image reference');
  });
});

describe('docker and oci purl versions', () => {
  it.each([
    ['docker', '16.3', 'exact'],
    ['docker', DIGEST, 'exact'],
    ['docker', DIGEST, 'digest'],
    ['docker', `16.3@${DIGEST}`, 'digest'],
    ['oci', DIGEST, 'digest'],
    ['oci', '1.2.3', 'exact'],
  ] as const)('%s %s is pinned at level %s', (type, version, level) => {
    expect(checkPin(type, version, { syntax: 'purl', docker: level })).toEqual({ pinned: true });
  });

  it.each([
    ['latest', 'exact', '"latest" is a rolling tag', 'pin a full version tag (major.minor.patch) or a digest'],
    [
      '16',
      'exact',
      '"16" is a major-version tag, which moves with every minor release',
      'pin a full version tag (major.minor.patch) or a digest',
    ],
    ['16.3', 'digest', '"16.3" has no digest', 'use the image digest as the version, e.g. sha256:<digest>'],
    [
      'sha256:244fd47e07d10',
      'exact',
      '"sha256:244fd47e07d10" has a malformed digest',
      'use the full digest, sha256:<64 hex digits>',
    ],
  ] as const)('%s is not pinned at level %s', (version, level, reason, hint) => {
    expect(checkPin('docker', version, { syntax: 'purl', docker: level })).toEqual({ pinned: false, reason, hint });
  });

  it('defaults to level exact, and a lockfile does not make a tag a digest', () => {
    expect(checkPin('docker', '16.3')).toEqual({ pinned: true });
    expect(checkPin('docker', 'latest', { syntax: 'resolved' }).pinned).toBe(false);
    expect(checkPin('oci', '16.3', { syntax: 'resolved', docker: 'digest' }).pinned).toBe(false);
  });
});
