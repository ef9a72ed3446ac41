import { describe, expect, it } from 'vitest';
import { compilePatterns, readablePurl } from '../../src/policy/patterns.js';

const lib = (purl: string, version?: string) =>
  version === undefined ? { kind: 'library' as const, purl } : { kind: 'library' as const, purl, version };

describe('dependency patterns', () => {
  it('match purls as people write them, with wildcards inside and across segments', () => {
    const match = compilePatterns(['pkg:npm/@acme/*', 'pkg:maven/org.apache.*/**']);
    expect(match(lib('pkg:npm/%40acme/logger'))).toBe('pkg:npm/@acme/*');
    expect(match(lib('pkg:npm/%40acme-labs/logger'))).toBeUndefined();
    expect(match(lib('pkg:npm/acme'))).toBeUndefined();
    expect(match(lib('pkg:maven/org.apache.commons/commons-lang3'))).toBe('pkg:maven/org.apache.*/**');
    expect(match(lib('pkg:maven/org.slf4j/slf4j-api'))).toBeUndefined();
  });

  it('match a version part, and never a library without that version', () => {
    const match = compilePatterns(['pkg:npm/event-stream@3.3.*', 'pkg:npm/@acme/x@1.0.0']);
    expect(match(lib('pkg:npm/event-stream', '3.3.6'))).toBe('pkg:npm/event-stream@3.3.*');
    expect(match(lib('pkg:npm/event-stream', '4.0.0'))).toBeUndefined();
    expect(match(lib('pkg:npm/event-stream'))).toBeUndefined();
    expect(match(lib('pkg:npm/%40acme/x', '1.0.0'))).toBe('pkg:npm/@acme/x@1.0.0');
  });

  it('match images as docker purls and services by name', () => {
    const match = compilePatterns(['pkg:docker/bitnami/*', 'team-*']);
    expect(match({ kind: 'image', image: 'bitnami/kafka:3.7.0' })).toBe('pkg:docker/bitnami/*');
    expect(match({ kind: 'image', image: 'postgres:16.3' })).toBeUndefined();
    expect(match({ kind: 'service', name: 'team-search' })).toBe('team-*');
    expect(match({ kind: 'service', name: 'bitnami' })).toBeUndefined();
    // A service pattern never matches a library of the same name, and the other way round.
    expect(compilePatterns(['express'])(lib('pkg:npm/express'))).toBeUndefined();
    expect(compilePatterns(['pkg:npm/payments'])({ kind: 'service', name: 'payments' })).toBeUndefined();
  });

  it('read purls', () => {
    expect(readablePurl('pkg:npm/%40types/node?repository_url=x')).toBe('pkg:npm/@types/node');
  });

  it('match images by the name and tag of the one image-reference parser', () => {
    // The split itself is tested in test/manifest/image-reference.test.ts.
    const match = compilePatterns(['pkg:docker/ghcr.io:443/acme/api@1.2', 'pkg:docker/localhost:5000/*']);
    expect(match({ kind: 'image', image: 'ghcr.io:443/acme/api:1.2@sha256:abc' })).toBe(
      'pkg:docker/ghcr.io:443/acme/api@1.2',
    );
    expect(match({ kind: 'image', image: 'ghcr.io:443/acme/api:1.3' })).toBeUndefined();
    expect(match({ kind: 'image', image: 'localhost:5000/api' })).toBe('pkg:docker/localhost:5000/*');
  });
});
