import { describe, it, expect } from 'vitest';
import { checkImagePin, checkPin } from '../../src/manifest/pin/index.js';

const DIGEST = 'sha256:4ad8e3b7a58a7d5b4b5e9bc0f5b0f3c4ad7c7b2f8b9e6c2b1a3f4d5e6c7b8a9f';

describe('image pin classes', () => {
  it.each([
    // A digest pins whatever the tag says.
    [`postgres:16.3@${DIGEST}`, 'digest'],
    [`postgres@${DIGEST}`, 'digest'],
    [`redis:latest@${DIGEST}`, 'digest'],
    [`python:3.14.6-slim@${DIGEST}`, 'digest'],
    [`eclipse-temurin:17.0.4.1_1-jre-alpine@${DIGEST}`, 'digest'],
    [`x@sha512:${'ab'.repeat(64)}`, 'digest'],
    // Three or more numeric parts name one release; suffixes are variants of it.
    ['redis:7.2.5', 'exact'],
    ['opensearchproject/opensearch:2.11.1', 'exact'],
    ['acme/web:2.1.0', 'exact'],
    ['registry.example.com/bank/frontend:v0.6.10', 'exact'],
    ['amazon/dynamodb-local:1.20.0', 'exact'],
    ['amazon/aws-cli:2.15.30', 'exact'],
    ['bitnami/kafka:3.7.0-debian-12-r6', 'exact'],
    ['localhost:5000/app:1.2.3', 'exact'],
    ['eclipse-temurin:17.0.4.1_1-jre', 'exact'],
    ['eclipse-temurin:21.0.3_9-jre', 'exact'],
    ['nginx:1.25.3-alpine3.18-perl', 'exact'],
    ['timescale/timescaledb:2.13.1-pg16', 'exact'],
    // Dates, build numbers and commit hashes name one build.
    ['acme/api:2024-06-20', 'exact'],
    ['acme/api:20240620', 'exact'],
    ['ubuntu:jammy-20240530', 'exact'],
    ['minio/minio:RELEASE.2024-05-10T01-41-38Z', 'exact'],
    ['ghcr.io/acme/api:sha-3f2a9c1', 'exact'],
    ['ghcr.io/acme/api:main-3f2a9c1', 'exact'],
    // Upstreams that number releases with two parts: major.minor is one release there.
    ['postgres:16.1', 'exact'],
    ['postgres:16.1-alpine', 'exact'],
    ['docker.io/library/postgres:16.3', 'exact'],
    ['public.ecr.aws/docker/library/postgres:16.1', 'exact'],
    ['bitnami/postgresql:15.7', 'exact'],
    ['debian:12.5-slim', 'exact'],
    ['jenkins/jenkins:2.440-jdk17', 'exact'],
    // ... but not before they did, nor for their major line.
    ['postgres:9.6', 'floating'],
    ['postgres:16', 'floating'],
    ['postgres:16-alpine', 'floating'],
    ['debian:12', 'floating'],
    ['debian:6.0', 'floating'],
    ['jenkins/jenkins:2', 'floating'],
    ['postgis/postgis:16-3.4', 'floating'],
    // One or two parts move; so do words.
    ['mysql:5', 'floating'],
    ['redis:6.2-alpine', 'floating'],
    ['redis:6.0-alpine', 'floating'],
    ['rabbitmq:3-management', 'floating'],
    ['rabbitmq:3.8-management-alpine', 'floating'],
    ['mariadb:10.9', 'floating'],
    ['ghcr.io/acme/x:1.2', 'floating'],
    ['python:3.12-slim', 'floating'],
    ['python:3.12-slim-bookworm', 'floating'],
    ['ubuntu:22.04', 'floating'],
    ['mcr.microsoft.com/dotnet/sdk:8.0', 'floating'],
    ['traefik:v3.0', 'floating'],
    ['traefik:v3', 'floating'],
    ['ruby:3.3-alpine3.19', 'floating'],
    ['node:20-alpine3.19', 'floating'],
    ['redis:latest', 'floating'],
    ['nginx:stable', 'floating'],
    ['node:lts', 'floating'],
    ['alpine:edge', 'floating'],
    ['ghcr.io/acme/api:main', 'floating'],
    ['node:lts-alpine3.20', 'floating'],
    ['debian:bookworm', 'floating'],
    ['jenkins/jenkins:lts', 'floating'],
    ['ghcr.io/astral-sh/uv:latest', 'floating'],
    // No tag: Docker pulls latest.
    ['redis', 'none'],
    ['docker.io/library/mongo', 'none'],
    ['localhost:5000/app', 'none'],
    ['redis:', 'none'],
  ] as const)('%s is %s', (image, expected) => {
    const verdict = checkImagePin(image, 'exact');
    expect(verdict.class).toBe(expected);
    expect(verdict.pinned).toBe(expected === 'digest' || expected === 'exact');
    // The class does not depend on the level.
    expect(checkImagePin(image, 'digest').class).toBe(expected);
  });

  it.each(['ghcr.io/acme/api:${API_TAG:-latest}', 'node:20 AS build', 'redis@sha256:abc', ' '])(
    '%j has no class: it is not a reference',
    (image) => {
      expect(checkImagePin(image, 'exact').class).toBeUndefined();
    },
  );
});

describe('images at level exact', () => {
  it.each([
    ['postgres:16.3', 'exact'],
    ['redis:7.2.5', 'exact'],
    ['ubuntu:jammy-20240530', 'exact'],
    [`postgres:16.3@${DIGEST}`, 'digest'],
    [`redis:latest@${DIGEST}`, 'digest'],
  ] as const)('%s is pinned', (image, imageClass) => {
    expect(checkImagePin(image, 'exact')).toEqual({ pinned: true, class: imageClass });
  });

  it.each([
    ['redis', 'none', '"redis" has no tag, which means latest', 'redis'],
    ['localhost:5000/app', 'none', '"localhost:5000/app" has no tag, which means latest', 'localhost:5000/app'],
    ['redis:latest', 'floating', '"redis:latest" has the rolling tag "latest"', 'redis'],
    ['node:lts-alpine', 'floating', '"node:lts-alpine" has the rolling tag "lts-alpine"', 'node'],
    ['nginx:stable-alpine', 'floating', '"nginx:stable-alpine" has the rolling tag "stable-alpine"', 'nginx'],
    ['nginx:alpine', 'floating', '"nginx:alpine" has the rolling tag "alpine"', 'nginx'],
    ['alpine:edge', 'floating', '"alpine:edge" has the rolling tag "edge"', 'alpine'],
    ['ghcr.io/acme/api:main', 'floating', '"ghcr.io/acme/api:main" has the rolling tag "main"', 'ghcr.io/acme/api'],
    ['rust:nightly', 'floating', '"rust:nightly" has the rolling tag "nightly"', 'rust'],
    ['debian:bookworm', 'floating', '"debian:bookworm" has the rolling tag "bookworm"', 'debian'],
    [
      'gcr.io/distroless/static-debian12:nonroot',
      'floating',
      '"gcr.io/distroless/static-debian12:nonroot" has the rolling tag "nonroot"',
      'gcr.io/distroless/static-debian12',
    ],
    [
      'node:20-alpine',
      'floating',
      '"node:20-alpine" has a major-version tag, which moves with every minor release',
      'node',
    ],
    ['traefik:v3', 'floating', '"traefik:v3" has a major-version tag, which moves with every minor release', 'traefik'],
    [
      'eclipse-temurin:21-jre',
      'floating',
      '"eclipse-temurin:21-jre" has a major-version tag, which moves with every minor release',
      'eclipse-temurin',
    ],
    [
      'node:20-alpine3.19',
      'floating',
      '"node:20-alpine3.19" has a major-version tag, which moves with every minor release',
      'node',
    ],
    ['node:lts-alpine3.20', 'floating', '"node:lts-alpine3.20" has the rolling tag "lts-alpine3.20"', 'node'],
    ['node:alpine3.19', 'floating', '"node:alpine3.19" has the rolling tag "alpine3.19"', 'node'],
    [
      'redis:6.2-alpine',
      'floating',
      '"redis:6.2-alpine" has a minor-version tag, which moves with every patch release',
      'redis',
    ],
    [
      'ghcr.io/acme/x:1.2',
      'floating',
      '"ghcr.io/acme/x:1.2" has a minor-version tag, which moves with every patch release',
      'ghcr.io/acme/x',
    ],
    [
      'mariadb:10.9',
      'floating',
      '"mariadb:10.9" has a minor-version tag, which moves with every patch release',
      'mariadb',
    ],
    [
      'postgres:9.6',
      'floating',
      '"postgres:9.6" has a minor-version tag, which moves with every patch release',
      'postgres',
    ],
  ])('%s is not pinned (%s)', (image, imageClass, reason, name) => {
    // PostgreSQL and Debian number their releases major.minor.
    const release = name === 'postgres' || name === 'debian' ? 'major.minor' : 'major.minor.patch';
    expect(checkImagePin(image, 'exact')).toEqual({
      pinned: false,
      class: imageClass,
      reason,
      hint: `pin a full version tag, e.g. ${name}:<${release}>, or a digest`,
    });
  });

  it('asks for a release as the upstream numbers them', () => {
    expect(checkImagePin('postgres:16', 'exact')).toEqual({
      pinned: false,
      class: 'floating',
      reason: '"postgres:16" has a major-version tag, which moves with every minor release',
      hint: 'pin a full version tag, e.g. postgres:<major.minor>, or a digest',
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
    expect(checkImagePin(image, 'digest')).toEqual({ pinned: true, class: 'digest' });
  });

  it.each([
    ['postgres:16.3', 'exact', 'append the digest, e.g. postgres:16.3@sha256:<digest>'],
    ['ghcr.io/acme/x:1.2', 'floating', 'append the digest, e.g. ghcr.io/acme/x:1.2@sha256:<digest>'],
    ['redis', 'none', 'append the digest, e.g. redis:<tag>@sha256:<digest>'],
  ])('%s is not pinned', (image, imageClass, hint) => {
    expect(checkImagePin(image, 'digest')).toEqual({
      pinned: false,
      class: imageClass,
      reason: `"${image}" has no digest`,
      hint,
    });
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
    ['docker', 'postgres', '16.3', 'exact', 'exact'],
    ['docker', 'python', '3.12.4-slim', 'exact', 'exact'],
    ['docker', 'postgres', DIGEST, 'exact', 'digest'],
    ['docker', 'postgres', DIGEST, 'digest', 'digest'],
    ['docker', 'postgres', `16.3@${DIGEST}`, 'digest', 'digest'],
    ['oci', 'acme/api', DIGEST, 'digest', 'digest'],
    ['oci', 'acme/api', '1.2.3', 'exact', 'exact'],
  ] as const)('%s %s@%s is pinned at level %s', (type, name, version, level, imageClass) => {
    expect(checkPin(type, version, { syntax: 'purl', docker: level, name })).toEqual({
      pinned: true,
      class: imageClass,
    });
  });

  it.each([
    [
      'latest',
      'exact',
      'floating',
      '"latest" is a rolling tag',
      'pin a full version tag (major.minor.patch) or a digest',
    ],
    [
      '16',
      'exact',
      'floating',
      '"16" is a major-version tag, which moves with every minor release',
      'pin a full version tag (major.minor.patch) or a digest',
    ],
    [
      '3.12',
      'exact',
      'floating',
      '"3.12" is a minor-version tag, which moves with every patch release',
      'pin a full version tag (major.minor.patch) or a digest',
    ],
    ['16.3', 'digest', 'floating', '"16.3" has no digest', 'use the image digest as the version, e.g. sha256:<digest>'],
  ] as const)('%s is not pinned at level %s (no name given)', (version, level, imageClass, reason, hint) => {
    expect(checkPin('docker', version, { syntax: 'purl', docker: level })).toEqual({
      pinned: false,
      class: imageClass,
      reason,
      hint,
    });
  });

  it('a malformed digest has no class', () => {
    expect(checkPin('docker', 'sha256:244fd47e07d10', { syntax: 'purl', docker: 'exact' })).toEqual({
      pinned: false,
      reason: '"sha256:244fd47e07d10" has a malformed digest',
      hint: 'use the full digest, sha256:<64 hex digits>',
    });
  });

  it('defaults to level exact, and a lockfile does not make a tag a digest', () => {
    expect(checkPin('docker', '16.3', { name: 'postgres' })).toEqual({ pinned: true, class: 'exact' });
    expect(checkPin('docker', 'latest', { syntax: 'resolved' }).pinned).toBe(false);
    expect(checkPin('oci', '16.3.1', { syntax: 'resolved', docker: 'digest' }).pinned).toBe(false);
  });
});
