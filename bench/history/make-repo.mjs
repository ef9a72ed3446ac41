/**
 * Builds a repo whose manifest changes in every one of N commits, through one
 * `git fast-import` (seconds, not minutes). Deterministic: same N, same repo.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';

function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const LIBS = [
  'express',
  'pg',
  'zod',
  'kafkajs',
  'stripe',
  'lodash',
  'axios',
  'pino',
  'ioredis',
  'jsonwebtoken',
  'uuid',
  'dayjs',
  'undici',
  'fastify',
];
const SERVICES = [
  { name: 'payments', protocol: 'grpc', api: 'payments-grpc' },
  { name: 'orders', protocol: 'http', api: 'orders-http' },
  { name: 'inventory', protocol: 'http', api: 'inventory-http' },
  { name: 'search', protocol: 'http', api: 'search-http' },
];

export function manifestText(state) {
  const lines = [
    'depmap: 1',
    'name: checkout',
    'kind: service',
    'system: commerce',
    `owner: ${state.owner}`,
    'description: Turns a cart into a paid order.',
    'provides:',
  ];
  lines.push(`  - { api: checkout-http, protocol: http, version: ${state.provided.join('.')} }`);
  lines.push('libraries:');
  for (const [name, v] of state.libs)
    lines.push(`  - pkg:npm/${name}@${v.pin ? '' : '^'}${v.version.join('.')}`.replace('@^', '@^'));
  lines.push('services:');
  for (const [name, v] of state.services) {
    const s = SERVICES.find((x) => x.name === name);
    lines.push(`  - { name: ${name}, protocol: ${s.protocol}, api: ${s.api}, version: ${v.join('.')} }`);
  }
  lines.push('  - { name: orders-db, kind: database, protocol: sql, image: "postgres:16.3" }');
  return `${lines.join('\n')}\n`;
}

function step(state, rand) {
  const r = rand();
  const libNames = [...state.libs.keys()];
  if (r < 0.6 && libNames.length > 0) {
    const lib = state.libs.get(libNames[Math.floor(rand() * libNames.length)]);
    const k = rand();
    const v = lib.version;
    if (k < 0.7) lib.version = [v[0], v[1], v[2] + 1];
    else if (k < 0.9) lib.version = [v[0], v[1] + 1, 0];
    else if (k < 0.97) lib.version = [v[0] + 1, 0, 0];
    else lib.version = [v[0], v[1], Math.max(0, v[2] - 1)];
  } else if (r < 0.7) {
    const missing = LIBS.filter((n) => !state.libs.has(n));
    if (missing.length > 0 && (rand() < 0.5 || libNames.length < 4))
      state.libs.set(missing[Math.floor(rand() * missing.length)], { version: [1, 0, 0], pin: true });
    else if (libNames.length > 0) state.libs.delete(libNames[Math.floor(rand() * libNames.length)]);
  } else if (r < 0.78 && libNames.length > 0) {
    const lib = state.libs.get(libNames[Math.floor(rand() * libNames.length)]);
    lib.pin = !lib.pin;
  } else if (r < 0.9) {
    const names = [...state.services.keys()];
    const name = names[Math.floor(rand() * names.length)];
    const v = state.services.get(name);
    state.services.set(name, rand() < 0.8 ? [v[0], v[1] + 1, 0] : [v[0] + 1, 0, 0]);
  } else if (r < 0.95) {
    state.provided = [state.provided[0], state.provided[1] + 1, 0];
  } else {
    state.owner = state.owner === 'team-payments' ? 'team-checkout' : 'team-payments';
  }
}

/** The manifest's text at each of `count` commits: a random walk of realistic edits. */
export function manifestVersions(count, seed = 42) {
  const rand = rng(seed);
  const state = {
    owner: 'team-payments',
    provided: [2, 1, 0],
    libs: new Map(LIBS.slice(0, 8).map((n, i) => [n, { version: [i + 1, i, 0], pin: true }])),
    services: new Map(SERVICES.slice(0, 3).map((s) => [s.name, [1, 0, 0]])),
  };
  const out = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) step(state, rand);
    out.push(manifestText(state));
  }
  return out;
}

/** Writes the repo to `dir` with `count` commits, one hour apart from 2020-01-01. */
export function makeRepo(dir, count, seed = 42) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env });
  const versions = manifestVersions(count, seed);
  const chunks = [];
  const start = Date.UTC(2020, 0, 1) / 1000;
  for (let i = 0; i < count; i++) {
    const text = versions[i];
    const when = start + i * 3600;
    const message = `change ${i + 1}`;
    chunks.push(
      `commit refs/heads/main\nmark :${i + 1}\nauthor Dev ${i % 7} <dev${i % 7}@example.com> ${when} +0000\ncommitter Dev ${i % 7} <dev${i % 7}@example.com> ${when} +0000\n` +
        `data ${Buffer.byteLength(message)}\n${message}\n` +
        (i > 0 ? `from :${i}\n` : '') +
        `M 100644 inline depmap.yaml\ndata ${Buffer.byteLength(text)}\n${text}\n`,
    );
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join(''), env, maxBuffer: 1 << 30 });
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: dir, env });
  return dir;
}
