/**
 * History before adoption keeps what it read from one commit to the next (deployment sets,
 * the deployment half of the model, libraries by folder, calls, manifests) and diffs only the
 * manifests that changed. A random history of a repo with compose, a Dockerfile, Spring
 * config, Kubernetes files, lockfiles and packages coming and going must give the same events
 * and states with those shortcuts as when every changed tree is mapped whole.
 */
import { describe, expect, it } from 'vitest';
import { readRepoHistory } from '../../src/history/repo-history.js';
import { gitRepo, type CommitSpec } from '../helpers/git.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const lock = (name: string, deps: Record<string, string>) =>
  JSON.stringify(
    {
      name,
      lockfileVersion: 3,
      packages: {
        '': { name, dependencies: Object.fromEntries(Object.keys(deps).map((d) => [d, '^1.0.0'])) },
        ...Object.fromEntries(Object.entries(deps).map(([d, v]) => [`node_modules/${d}`, { version: v }])),
      },
    },
    null,
    2,
  );

function history(seed: number, count: number): CommitSpec[] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const state = {
    postgres: 1,
    apiTag: 1,
    cache: false,
    apiBuilt: true,
    webDeps: { express: '4.18.0', pg: '8.0.0' } as Record<string, string>,
    node: 18,
    redisHost: 'cache',
    springUrl: 'http://web:3000',
    k8s: false,
    tools: false,
    envTag: false,
    webName: 'web',
  };
  const compose = () =>
    [
      'services:',
      '  web:',
      '    build: ./web',
      '    environment:',
      '      DATABASE_URL: postgres://app@db:5432/app',
      '      API_URL: http://api:8080',
      '  api:',
      state.apiBuilt ? '    build: ./api' : `    image: acme/api:${state.envTag ? '${TAG}' : `1.${state.apiTag}`}`,
      '    environment:',
      '      SPRING_PROFILES_ACTIVE: docker',
      ...(state.cache ? ['    depends_on: [cache]', '  cache:', '    image: redis:7'] : []),
      '  db:',
      `    image: postgres:16.${state.postgres}`,
      '',
    ].join('\n');
  const dockerfile = () => `FROM node:${state.node}\nENV REDIS_HOST=${state.redisHost}\nEXPOSE 8080\n`;
  const spring = () => `spring:\n  application:\n    name: api\nclients:\n  web:\n    url: ${state.springUrl}\n`;
  const k8s = () =>
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: worker',
      'spec:',
      '  template:',
      '    metadata:',
      '      labels: { app: worker }',
      '    spec:',
      '      containers:',
      '        - name: worker',
      `          image: acme/worker:2.${state.postgres}`,
      '          env:',
      '            - name: API_URL',
      '              value: http://api:8080',
      '',
    ].join('\n');
  const specs: CommitSpec[] = [
    {
      message: 'start',
      files: {
        'docker-compose.yml': compose(),
        'web/package.json': JSON.stringify({ name: state.webName, dependencies: { express: '^4.0.0' } }),
        'web/package-lock.json': lock('web', state.webDeps),
        'api/Dockerfile': dockerfile(),
        'api/requirements.txt': 'requests==2.31.0\n',
        'api/src/main/resources/application.yml': spring(),
      },
    },
  ];
  const ops: (() => Record<string, string | null>)[] = [
    () => {
      state.postgres++;
      return { 'docker-compose.yml': compose(), ...(state.k8s ? { 'k8s/worker.yaml': k8s() } : {}) };
    },
    () => {
      state.postgres = Math.max(1, state.postgres - 1);
      return { 'docker-compose.yml': compose() };
    },
    () => {
      const dep = pick(Object.keys(state.webDeps));
      const [a, b, c] = (state.webDeps[dep] as string).split('.').map(Number) as [number, number, number];
      state.webDeps[dep] = rand() < 0.8 ? `${a}.${b}.${c + 1}` : `${a + 1}.0.0`;
      return { 'web/package-lock.json': lock('web', state.webDeps) };
    },
    () => {
      if ('kafkajs' in state.webDeps) delete state.webDeps.kafkajs;
      else state.webDeps.kafkajs = '2.2.0';
      return { 'web/package-lock.json': lock('web', state.webDeps) };
    },
    () => {
      state.cache = !state.cache;
      return { 'docker-compose.yml': compose() };
    },
    () => {
      state.apiBuilt = !state.apiBuilt;
      return { 'docker-compose.yml': compose() };
    },
    () => {
      state.apiTag++;
      return { 'docker-compose.yml': compose() };
    },
    () => {
      state.node = state.node === 18 ? 20 : 18;
      return { 'api/Dockerfile': dockerfile() };
    },
    () => {
      state.redisHost = state.redisHost === 'cache' ? 'db' : 'cache';
      return { 'api/Dockerfile': dockerfile() };
    },
    () => {
      state.springUrl = state.springUrl === 'http://web:3000' ? 'http://db:5432' : 'http://web:3000';
      return { 'api/src/main/resources/application.yml': spring() };
    },
    () => {
      state.k8s = !state.k8s;
      return { 'k8s/worker.yaml': state.k8s ? k8s() : null };
    },
    () => {
      state.tools = !state.tools;
      return {
        'tools/package.json': state.tools
          ? JSON.stringify({ name: 'tools', dependencies: { lodash: '4.17.21' } })
          : null,
      };
    },
    () => {
      state.envTag = !state.envTag;
      return { '.env': state.envTag ? `TAG=3.${state.apiTag}\n` : null, 'docker-compose.yml': compose() };
    },
    () => {
      state.webName = state.webName === 'web' ? 'storefront' : 'web';
      return {
        'web/package.json': JSON.stringify({ name: state.webName, dependencies: { express: '^4.0.0' } }),
      };
    },
    () => ({ 'api/requirements.txt': `requests==2.${31 + Math.floor(rand() * 3)}.0\n` }),
    () => ({ 'README.md': `readme ${rand()}\n` }),
    () => ({ 'docker-compose.yml': null, 'compose.yaml': compose() }),
    () => ({ 'compose.yaml': null, 'docker-compose.yml': compose() }),
  ];
  for (let i = 1; i < count; i++) {
    let files: Record<string, string | null> = {};
    for (let k = rand() < 0.3 ? 2 : 1; k > 0; k--) files = { ...files, ...pick(ops)() };
    specs.push({ message: `change ${i}`, files });
  }
  return specs;
}

describe('timeline --discover with and without its shortcuts', () => {
  for (const seed of [1, 2, 3]) {
    it(`gives the same events and states (random history ${seed})`, async () => {
      const repo = gitRepo(history(seed, 70)).dir;
      const dates = [Date.UTC(2024, 0, 5), Date.UTC(2024, 0, 30), Date.UTC(2024, 2, 1), Date.UTC(2025, 0, 1)];
      const fast = await readRepoHistory(repo, { discover: true, at: dates });
      const slow = await readRepoHistory(repo, { discover: true, at: dates, shortcuts: false });
      expect(fast.events.length).toBeGreaterThan(20);
      expect(JSON.stringify(fast.events)).toBe(JSON.stringify(slow.events));
      expect(JSON.stringify([...fast.states])).toBe(JSON.stringify([...slow.states]));
    });
  }
});
