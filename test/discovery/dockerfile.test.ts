import { describe, expect, it } from 'vitest';
import { dockerfileOf } from '../../src/discovery/dockerfile-of.js';
import { readDockerfile } from '../../src/discovery/dockerfile.js';
import { repoFiles } from './repo-files.js';

const text = (...lines: string[]): string => lines.join('\n') + '\n';
const env = (facts: ReturnType<typeof readDockerfile>) => facts.env.map((s) => [s.key, s.value, s.line]);

describe('readDockerfile', () => {
  it('reads ENV in both forms, with continuation lines, a line per key', () => {
    const facts = readDockerfile(
      text(
        'FROM nginx:1.25',
        'ENV LEGACY_HOST catalogue',
        'ENV LEGACY_SPACES two words here',
        'ENV CART_HOST=cart \\',
        '    USER_HOST=user \\',
        '    # a comment inside the continuation',
        '',
        '    GREETING="hello world" ESCAPED=a\\ b QUOTED=\'$NOT_EXPANDED\'',
        'EXPOSE 8080',
      ),
      'web/Dockerfile',
    );
    expect(env(facts)).toEqual([
      ['LEGACY_HOST', 'catalogue', 2],
      ['LEGACY_SPACES', 'two words here', 3],
      ['CART_HOST', 'cart', 4],
      ['USER_HOST', 'user', 5],
      ['GREETING', 'hello world', 8],
      ['ESCAPED', 'a b', 8],
      ['QUOTED', '$NOT_EXPANDED', 8],
    ]);
    expect(facts.env[0]).toEqual({
      key: 'LEGACY_HOST',
      value: 'catalogue',
      via: 'dockerfile',
      file: 'web/Dockerfile',
      line: 2,
    });
    expect(facts.from).toEqual({ file: 'web/Dockerfile', line: 1, written: 'nginx:1.25', ref: 'nginx:1.25' });
    expect(facts.expose).toEqual([8080]);
  });

  it('substitutes ARG defaults, build args and earlier ENV into ENV, FROM and EXPOSE', () => {
    const dockerfile = text(
      'ARG BASE=node',
      'ARG NODE_VERSION',
      'FROM --platform=$BUILDPLATFORM ${BASE}:${NODE_VERSION:-20}-alpine',
      'ARG PORT=8080',
      'ARG NODE_VERSION',
      'ENV PORT=$PORT',
      'ENV ORDERS_URL=http://orders:${PORT}/api NODE=${NODE_VERSION}',
      'ENV EMPTY=${NOT_DECLARED}',
      'EXPOSE ${PORT}/tcp 9229',
    );
    const facts = readDockerfile(dockerfile, 'Dockerfile');
    expect(facts.from).toEqual({
      file: 'Dockerfile',
      line: 3,
      written: '${BASE}:${NODE_VERSION:-20}-alpine',
      ref: 'node:20-alpine',
    });
    expect(facts.env.map((s) => [s.key, s.value, s.written])).toEqual([
      ['PORT', '8080', '$PORT'],
      ['ORDERS_URL', 'http://orders:8080/api', 'http://orders:${PORT}/api'],
      ['NODE', '', '${NODE_VERSION}'],
      ['EMPTY', '', '${NOT_DECLARED}'],
    ]);
    expect(facts.expose).toEqual([8080, 9229]);

    const withArgs = readDockerfile(dockerfile, 'Dockerfile', {
      NODE_VERSION: '22',
      PORT: '3000',
      BASE: 'ghcr.io/acme/node',
    });
    expect(withArgs.from?.ref).toBe('ghcr.io/acme/node:22-alpine');
    expect(withArgs.env.map((s) => [s.key, s.value])).toEqual([
      ['PORT', '3000'],
      ['ORDERS_URL', 'http://orders:3000/api'],
      ['NODE', '22'],
      ['EMPTY', ''],
    ]);
  });

  it('build args are data: an ARG named like an Object method gets nothing it was not given', () => {
    const facts = readDockerfile(
      text('FROM x', 'ARG constructor', 'ARG toString=default', 'ENV A=$constructor B=$toString'),
      'Dockerfile',
    );
    expect(facts.env.map((s) => [s.key, s.value])).toEqual([
      ['A', ''],
      ['B', 'default'],
    ]);
  });

  it('a FROM whose variable has no value has no ref', () => {
    const facts = readDockerfile(text('ARG IMAGE', 'FROM $IMAGE'), 'Dockerfile');
    expect(facts.from).toEqual({ file: 'Dockerfile', line: 2, written: '$IMAGE' });
  });

  it('multi-stage: the final stage’s env, inherited through FROM <stage>, and the real base image', () => {
    const facts = readDockerfile(
      text(
        'FROM golang:1.22 AS build',
        'ENV CGO_ENABLED=0',
        'FROM debian:12-slim AS Base',
        'ENV DB_HOST=mysql',
        'EXPOSE 8080',
        'FROM base AS runtime',
        'ENV CART_ENDPOINT=cart:8080',
        'FROM runtime',
        'ENV LOG_LEVEL info',
      ),
      'shipping/Dockerfile',
    );
    expect(env(facts)).toEqual([
      ['DB_HOST', 'mysql', 4],
      ['CART_ENDPOINT', 'cart:8080', 7],
      ['LOG_LEVEL', 'info', 9],
    ]);
    expect(facts.from).toEqual({
      file: 'shipping/Dockerfile',
      line: 3,
      written: 'debian:12-slim',
      ref: 'debian:12-slim',
    });
    expect(facts.expose).toEqual([8080]);
  });

  it('skips heredoc bodies, honours the escape directive, masks secrets', () => {
    const heredoc = readDockerfile(
      text(
        'FROM alpine:3.20',
        'RUN <<EOF',
        'ENV NOT_AN_INSTRUCTION=1',
        'EOF',
        'ENV DB_PASSWORD=hunter2 DATABASE_URL=postgres://u:pw@db/app',
      ),
      'Dockerfile',
    );
    expect(heredoc.env.map((s) => [s.key, s.value, s.line])).toEqual([
      ['DB_PASSWORD', '***', 5],
      ['DATABASE_URL', 'postgres://u:***@db/app', 5],
    ]);
    const windows = readDockerfile(
      text(
        '# escape=`',
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
        'ENV A=1 `',
        '    B=C:\\app C=`$literal',
      ),
      'Dockerfile',
    );
    expect(env(windows)).toEqual([
      ['A', '1', 3],
      ['B', 'C:\\app', 4],
      ['C', '$literal', 4],
    ]);
  });

  it('a file that is no Dockerfile, or too large, says so and does not throw', () => {
    expect(readDockerfile('just some text\n', 'Dockerfile')).toEqual({
      env: [],
      expose: [],
      problems: [{ file: 'Dockerfile', line: 1, message: 'no FROM: not a Dockerfile', severity: 'warning' }],
    });
    expect(readDockerfile('', 'Dockerfile').problems?.length).toBe(1);
    const huge = readDockerfile(`FROM x\n${'#'.repeat(2 * 1024 * 1024)}`, 'Dockerfile');
    expect(huge.problems?.[0]?.message).toBe('file is larger than 1024 KiB; not read');
  });
});

describe('dockerfileOf', () => {
  const files = repoFiles({
    'svc/a/Dockerfile': 'FROM x\n',
    'svc/b/dockerfile': 'FROM x\n',
    'svc/c/build/App.Dockerfile': 'FROM x\n',
  });

  it('the build’s own Dockerfile when the repo has it, else <context>/Dockerfile', () => {
    expect(dockerfileOf({ file: 'compose.yaml', context: 'svc/a' }, files)).toBe('svc/a/Dockerfile');
    expect(dockerfileOf({ file: 'compose.yaml', context: 'svc/b' }, files)).toBe('svc/b/dockerfile');
    expect(
      dockerfileOf({ file: 'compose.yaml', context: 'svc/c', dockerfile: 'svc/c/build/App.Dockerfile' }, files),
    ).toBe('svc/c/build/App.Dockerfile');
    expect(dockerfileOf({ file: 'compose.yaml', context: 'svc/c' }, files)).toBeUndefined();
    expect(dockerfileOf({ file: 'compose.yaml', context: 'svc/a', dockerfile: 'svc/a/Nope' }, files)).toBeUndefined();
  });
});
