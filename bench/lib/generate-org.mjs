/**
 * A deterministic synthetic organisation: N components, each a folder with a depmap.yaml,
 * grouped into ~20 systems, using libraries of seven ecosystems with Zipf-like popularity
 * (so common libraries are shared by most repos), calling other components by name and by
 * provided api, plus databases, queues, caches and third-party APIs with images. Version
 * skew, call cycles and a few unpinned versions happen at realistic rates.
 *
 * The model is plain data (`generateOrg`); `manifestYaml` prints one component the way a
 * person would write it; `writeOrg` puts the folders on disk.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CORE_SYSTEMS,
  DATASTORE_WEIGHTS,
  DATASTORES,
  ECOSYSTEM_WEIGHTS,
  EXTERNALS,
  INTERNAL_WORDS,
  LIBRARIES,
  ROLES,
  SHARED_INFRA,
  SYSTEMS,
  VARIANTS,
} from './catalog.mjs';
import { createRng, zipf } from './prng.mjs';

export const DEFAULTS = {
  seed: 'depmap-bench',
  components: 1000,
  librariesPerComponent: 80,
  servicesPerComponent: 8,
  /** Internal shared libraries (`@acme/http-client`, …) across all ecosystems. */
  internalLibraries: 2000,
  /** Share of library entries written with a range instead of an exact version. */
  unpinnedLibraryRate: 0.01,
  /** Share of service calls with `latest` or no api version. */
  unpinnedServiceRate: 0.02,
};

const TEST_TOOLS = new Set([
  'jest',
  'vitest',
  'eslint',
  'prettier',
  'typescript',
  '@types/node',
  '@types/express',
  'nock',
  'supertest',
  'sinon',
  '@testing-library/react',
  'msw',
  'pytest',
  'pytest-cov',
  'black',
  'ruff',
  'mypy',
  'pytest-asyncio',
  'org.junit.jupiter:junit-jupiter',
  'org.mockito:mockito-core',
  'org.assertj:assertj-core',
  'org.springframework.boot:spring-boot-starter-test',
  'org.testcontainers:testcontainers',
  'github.com/stretchr/testify',
  'criterion',
  'rspec',
  'rspec-rails',
  'rubocop',
  'factory_bot',
  'faker',
  'xunit',
  'Microsoft.NET.Test.Sdk',
  'Moq',
  'FluentAssertions',
  'NUnit',
  'Bogus',
]);

/** Generates the organisation as data. Same options, same result. */
export function generateOrg(options = {}) {
  const opts = { ...DEFAULTS, ...options };
  const rng = createRng(opts.seed);
  const pools = libraryPools(opts, rng.fork('libraries'));
  const components = nameComponents(opts.components, rng.fork('names'));

  const provideRng = rng.fork('provides');
  for (const c of components) c.provides = providesOf(c, provideRng);

  const libRng = rng.fork('library-choice');
  for (const c of components) c.libraries = librariesOf(c, pools, opts, libRng);

  const callRng = rng.fork('calls');
  const callable = components.filter(
    (c) => c.kind !== 'frontend' && c.provides.some((p) => p.protocol === 'http' || p.protocol === 'grpc'),
  );
  // Core systems and plain `<noun>`/`<noun>-api` components are called the most.
  const ranked = callRng
    .shuffle(callable)
    .map((c, i) => ({
      c,
      score:
        (CORE_SYSTEMS.includes(c.system) ? 0 : 2) + (c.role === '' || c.role === 'api' ? 0 : 1) + i / callable.length,
    }))
    .sort((a, b) => a.score - b.score)
    .map((x) => x.c);
  const popular = zipf(ranked.length, 1.1);
  const bySystem = new Map();
  for (const c of callable) bySystem.set(c.system, [...(bySystem.get(c.system) ?? []), c]);
  const infra = infraModel(callRng);
  for (const c of components) c.services = servicesOf(c, { ranked, popular, bySystem, infra }, opts, callRng);

  return { options: opts, components, stats: statsOf(components) };
}

/**
 * Component names: `<noun>[-<role>]` first, in a seeded order weighted by how common each
 * role is; bigger organisations add regions and generations (`orders-api-eu`), then numbers.
 */
function nameComponents(count, rng) {
  const combos = [];
  for (const [system, nouns] of Object.entries(SYSTEMS)) {
    for (const noun of nouns) {
      for (const role of ROLES) {
        // Efraimidis–Spirakis keys: a weighted random order without replacement.
        combos.push({ noun, system, role, key: -Math.log(1 - rng.next()) / role.weight });
      }
    }
  }
  combos.sort((a, b) => a.key - b.key);
  const out = [];
  const names = new Set();
  for (let round = 0; out.length < count; round++) {
    for (const { noun, system, role } of combos) {
      if (out.length >= count) break;
      const base = role.suffix ? `${noun}-${role.suffix}` : noun;
      const name =
        round === 0
          ? base
          : round <= VARIANTS.length
            ? `${base}-${VARIANTS[round - 1]}`
            : `${base}-${round - VARIANTS.length + 1}`;
      if (names.has(name)) continue;
      names.add(name);
      out.push({
        name,
        noun,
        system,
        role: role.suffix,
        kind: role.kind,
        owner: `team-${rng.chance(0.7) ? noun : system}`,
        ecosystem: rng.weighted(ECOSYSTEM_WEIGHTS),
        tier: rng.weighted({ 1: 2, 2: 5, 3: 3 }),
      });
    }
  }
  return out;
}

function providesOf(c, rng) {
  const v = () => `${rng.int(1, 4)}.${rng.int(0, 12)}.${rng.int(0, 9)}`;
  switch (c.kind) {
    case 'job':
    case 'pipeline':
      return [];
    case 'frontend':
      return [{ api: `${c.name}-web`, protocol: 'http', version: v() }];
    case 'worker':
      return [{ api: `${c.name}-events`, protocol: 'kafka', version: v() }];
    default: {
      const list = [{ api: `${c.name}-http`, protocol: 'http', version: v() }];
      if (rng.chance(0.4)) list.push({ api: `${c.name}-grpc`, protocol: 'grpc', version: v() });
      if (rng.chance(0.2)) list.push({ api: `${c.name}-events`, protocol: 'kafka', version: v() });
      return list;
    }
  }
}

/** Per ecosystem: the popular public libraries first, then internal ones, with versions. */
function libraryPools(opts, rng) {
  const total = Object.values(ECOSYSTEM_WEIGHTS).reduce((n, w) => n + w, 0);
  const pools = {};
  for (const [eco, weight] of Object.entries(ECOSYSTEM_WEIGHTS)) {
    const internal = internalNames(eco, Math.round((opts.internalLibraries * weight) / total), rng.fork(eco));
    const list = [
      ...LIBRARIES[eco].map(([name, version]) => ({ name, version })),
      ...internal.map((name) => ({ name, version: randomVersion(eco, rng) })),
    ];
    pools[eco] = { list, sample: zipf(list.length, 1) };
  }
  return pools;
}

function internalNames(eco, count, rng) {
  const words = INTERNAL_WORDS;
  const pairs = [];
  for (const a of words) for (const b of words) if (a !== b) pairs.push(`${a}-${b}`);
  const shuffled = rng.shuffle(pairs);
  const names = [];
  for (let i = 0; i < count; i++) {
    const base =
      shuffled[i % shuffled.length] + (i >= shuffled.length ? `-${Math.floor(i / shuffled.length) + 1}` : '');
    names.push(internalName(eco, base));
  }
  return names;
}

function internalName(eco, base) {
  const pascal = base
    .split('-')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('.');
  switch (eco) {
    case 'npm':
      return `@acme/${base}`;
    case 'maven':
      return `com.acme.${base.split('-')[0]}:${base}`;
    case 'golang':
      return `github.com/acme/${base}`;
    case 'nuget':
      return `Acme.${pascal}`;
    default:
      return `acme-${base}`;
  }
}

function randomVersion(eco, rng) {
  const v = `${rng.int(0, 6)}.${rng.int(0, 30)}.${rng.int(0, 15)}`;
  return eco === 'golang' ? `v${v}` : v;
}

/** An older release of `version`: a lower minor (`minor`) or a lower major (`major`). */
export function olderVersion(version, level, rng) {
  const m = /^(v?)(\d+)\.(\d+)(?:\.(\d+))?(.*)$/.exec(version);
  if (!m || m[5].startsWith('-0')) return version; // Go pseudo-versions and odd schemes stay
  const [, prefix, majS, minS, patS, rest] = m;
  let maj = Number(majS);
  let min = Number(minS);
  let pat = patS === undefined ? undefined : Number(patS);
  if (level === 'major' && maj > 1 && !(prefix === 'v' && /\/v\d+$/.test(rest))) {
    maj -= 1;
    min = rng.int(0, 20);
  } else if (min > 0) {
    min = Math.max(0, min - rng.int(1, 3));
  } else if (pat !== undefined && pat > 0) {
    pat = Math.max(0, pat - rng.int(1, 3));
  } else {
    return version;
  }
  if (pat !== undefined) pat = rng.int(0, 9);
  return `${prefix}${maj}.${min}${pat === undefined ? '' : `.${pat}`}${rest.replace(/^\.\d+(?=$|[.-])/, '')}`;
}

function librariesOf(c, pools, opts, rng) {
  const others = Object.fromEntries(Object.entries(ECOSYSTEM_WEIGHTS).filter(([eco]) => eco !== c.ecosystem));
  const seen = new Set();
  const libs = [];
  let guard = 0;
  while (libs.length < opts.librariesPerComponent && guard++ < opts.librariesPerComponent * 200) {
    // Mostly the component's own language; some tooling and clients from others.
    const eco = rng.chance(0.9) ? c.ecosystem : rng.weighted(others);
    const pool = pools[eco];
    const lib = pool.list[pool.sample(rng)];
    const key = `${eco}/${lib.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const r = rng.next();
    const version = r < 0.82 ? lib.version : olderVersion(lib.version, r < 0.96 ? 'minor' : 'major', rng);
    const entry = { ecosystem: eco, name: lib.name, version, form: rng.chance(0.7) ? 'purl' : 'object' };
    if (TEST_TOOLS.has(lib.name)) entry.scope = rng.chance(0.7) ? 'test' : 'dev';
    if (rng.chance(opts.unpinnedLibraryRate)) entry.unpinned = true;
    libs.push(entry);
  }
  return libs;
}

/** Datastores per domain noun, queues and caches per system: shared by their components. */
function infraModel(rng) {
  const images = new Map();
  const imageOf = (name, candidates) => {
    if (!images.has(name)) images.set(name, rng.pick(candidates));
    return images.get(name);
  };
  return { imageOf };
}

function servicesOf(c, ctx, opts, rng) {
  const services = [];
  const used = new Set([c.name]);
  const image = (name, candidates) => {
    const current = ctx.infra.imageOf(name, candidates);
    const r = rng.next();
    if (r < 0.03) return current.split(':')[0]; // no tag: unpinned
    if (r < 0.12) return rng.pick(candidates); // image version skew
    return current;
  };
  if (c.kind !== 'frontend' && rng.chance(0.9)) {
    const suffix = rng.weighted(DATASTORE_WEIGHTS);
    const store = DATASTORES.find((d) => d.suffix === suffix);
    const name = `${c.noun}-${store.suffix}`;
    services.push({ name, kind: store.kind, protocol: store.protocol, image: image(name, store.images) });
    used.add(name);
  }
  for (const infra of SHARED_INFRA) {
    if (!rng.chance(infra.kind === 'queue' ? 0.35 : 0.3)) continue;
    const name = `${c.system}-${infra.suffix}`;
    services.push({ name, kind: infra.kind, protocol: infra.protocol, image: image(name, infra.images) });
    used.add(name);
  }
  if (rng.chance(0.35)) {
    const ext = rng.pick(EXTERNALS);
    services.push({
      name: ext.name,
      kind: 'external',
      protocol: 'http',
      url: ext.url,
      version: rng.pick(ext.versions),
    });
    used.add(ext.name);
  }
  let guard = 0;
  while (services.length < opts.servicesPerComponent && guard++ < 500) {
    const sameSystem = ctx.bySystem.get(c.system) ?? [];
    const target = rng.chance(0.5) && sameSystem.length > 1 ? rng.pick(sameSystem) : ctx.ranked[ctx.popular(rng)];
    if (used.has(target.name)) continue;
    used.add(target.name);
    const apis = target.provides.filter((p) => p.protocol === 'http' || p.protocol === 'grpc');
    const api = rng.pick(apis);
    const r = rng.next();
    let version = r < 0.85 ? api.version : olderVersion(api.version, r < 0.97 ? 'minor' : 'major', rng);
    if (rng.chance(opts.unpinnedServiceRate)) version = rng.chance(0.5) ? 'latest' : undefined;
    // A quarter of the calls name the api they consume instead of the component behind it.
    const call = { name: rng.chance(0.75) ? target.name : api.api, protocol: api.protocol, api: api.api };
    if (version !== undefined) call.version = version;
    if (rng.chance(0.2)) call.critical = true;
    call.target = target.name;
    services.push(call);
  }
  return services;
}

function statsOf(components) {
  const libVersions = new Map();
  let unpinned = 0;
  for (const c of components) {
    for (const l of c.libraries) {
      const key = `${l.ecosystem}/${l.name}`;
      if (!libVersions.has(key)) libVersions.set(key, new Set());
      libVersions.get(key).add(l.version);
      if (l.unpinned) unpinned++;
    }
  }
  const calls = new Set();
  for (const c of components) for (const s of c.services) if (s.target) calls.add(`${c.name}>${s.target}`);
  let mutual = 0;
  for (const edge of calls) {
    const [a, b] = edge.split('>');
    if (a < b && calls.has(`${b}>${a}`)) mutual++;
  }
  return {
    components: components.length,
    systems: new Set(components.map((c) => c.system)).size,
    distinctLibraries: libVersions.size,
    skewedLibraries: [...libVersions.values()].filter((s) => s.size > 1).length,
    unpinnedLibraries: unpinned,
    internalCalls: calls.size,
    mutualCallPairs: mutual,
  };
}

// ---------------------------------------------------------------------------------------
// YAML as a person writes it: purl strings in block lists, objects as flow mappings.

const PLAIN = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const q = (s) => (PLAIN.test(s) && !/^\d{4}-\d\d-\d\d$/.test(s) ? s : JSON.stringify(s));

const PURL_TYPES = {
  npm: 'npm',
  pypi: 'pypi',
  maven: 'maven',
  golang: 'golang',
  cargo: 'cargo',
  gem: 'gem',
  nuget: 'nuget',
};

function purlOf(lib) {
  let name = lib.name;
  if (lib.ecosystem === 'npm' && name.startsWith('@')) name = `%40${name.slice(1)}`;
  if (lib.ecosystem === 'maven') name = name.replace(':', '/');
  return `pkg:${PURL_TYPES[lib.ecosystem]}/${name}@${lib.version}`;
}

/** The version in the ecosystem's own syntax, exact unless `unpinned`. */
function nativeVersion(lib) {
  const v = lib.version;
  if (lib.unpinned) {
    const [maj, min] = v.replace(/^v/, '').split('.');
    switch (lib.ecosystem) {
      case 'npm':
        return `^${v}`;
      case 'pypi':
        return `>=${maj}.${min}`;
      case 'maven':
        return `[${maj}.${min},)`;
      case 'gem':
        return `~> ${maj}.${min}`;
      case 'cargo':
      case 'nuget':
        return v; // a bare version is a range in both
      default:
        return 'latest';
    }
  }
  switch (lib.ecosystem) {
    case 'cargo':
      return `=${v}`;
    case 'nuget':
      return `[${v}]`;
    case 'pypi':
      return `==${v}`;
    default:
      return v;
  }
}

export function manifestYaml(c) {
  const lines = [
    '# yaml-language-server: $schema=../../schema/depmap.schema.json',
    'depmap: 1',
    `name: ${c.name}`,
    `kind: ${c.kind}`,
    `system: ${c.system}`,
    `owner: ${c.owner}`,
    `description: ${q(`${c.name.replace(/-/g, ' ')} (${c.kind}) of the ${c.system} system`)}`,
    `tags: [tier-${c.tier}, ${c.ecosystem}]`,
  ];
  if (c.provides.length > 0) {
    lines.push('provides:');
    for (const p of c.provides) lines.push(`  - { api: ${p.api}, protocol: ${p.protocol}, version: ${q(p.version)} }`);
  }
  lines.push('libraries:');
  for (const lib of c.libraries) {
    if (lib.form === 'purl' && !lib.unpinned) {
      lines.push(lib.scope ? `  - { purl: ${q(purlOf(lib))}, scope: ${lib.scope} }` : `  - ${purlOf(lib)}`);
    } else {
      const scope = lib.scope ? `, scope: ${lib.scope}` : '';
      lines.push(
        `  - { ecosystem: ${lib.ecosystem}, name: ${q(lib.name)}, version: ${q(nativeVersion(lib))}${scope} }`,
      );
    }
  }
  lines.push('services:');
  for (const s of c.services) {
    const fields = [`name: ${s.name}`];
    if (s.kind) fields.push(`kind: ${s.kind}`);
    if (s.protocol) fields.push(`protocol: ${s.protocol}`);
    if (s.api) fields.push(`api: ${s.api}`);
    if (s.version !== undefined) fields.push(`version: ${q(s.version)}`);
    if (s.image) fields.push(`image: ${q(s.image)}`);
    if (s.url) fields.push(`url: ${q(s.url)}`);
    if (s.critical) fields.push('critical: true');
    lines.push(`  - { ${fields.join(', ')} }`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes one folder per component under `dir`, each with its depmap.yaml. Returns the paths. */
export function writeOrg(dir, org) {
  const files = [];
  for (const c of org.components) {
    const repo = path.join(dir, c.name);
    mkdirSync(repo, { recursive: true });
    const file = path.join(repo, 'depmap.yaml');
    writeFileSync(file, manifestYaml(c));
    files.push(file);
  }
  return files;
}
