import { describe, expect, it } from 'vitest';
import { readModuleConfig } from '../../src/discovery/spring-config.js';
import type { ModuleConfig, RepoFiles } from '../../src/discovery/model.js';
import { parsePropertiesFile } from '../../src/discovery/spring-properties-file.js';
import { profileExpressions, profilesMatch } from '../../src/discovery/spring-profiles.js';
import { resolvePlaceholders } from '../../src/discovery/spring-placeholders.js';

function repo(files: Record<string, string>): RepoFiles {
  return { paths: Object.keys(files).sort(), read: (path) => files[path] };
}

function read(
  files: Record<string, string>,
  profiles: string[] = [],
  env?: Record<string, string>,
  moduleDir = 'svc',
): ModuleConfig {
  return readModuleConfig(repo(files), moduleDir, {
    profiles,
    ...(env ? { env: new Map(Object.entries(env)) } : {}),
  });
}

/** `key=value` of each setting, in order. */
const values = (config: ModuleConfig) => config.settings.map((s) => `${s.key}=${s.value}`);
const R = 'svc/src/main/resources';

describe('which files, in which order', () => {
  it('reads resources, resources/config, the module folder and its config/, bootstrap first; never src/test', () => {
    const config = read({
      [`${R}/bootstrap.yml`]: 'a:\n  url: http://from-bootstrap\nb.url: http://bootstrap-only\n',
      [`${R}/application.yml`]: 'a:\n  url: http://from-resources\nc.url: http://resources-only\n',
      [`${R}/config/application.yml`]: 'c.url: http://resources-config\n',
      'svc/application.properties': 'd.url=http://module-root\n',
      'svc/config/application.properties': 'd.url=http://module-config\n',
      'svc/src/test/resources/application.yml': 'e.url: http://from-tests\n',
      'other/src/main/resources/application.yml': 'f.url: http://other-module\n',
    });
    expect(values(config)).toEqual([
      'b.url=http://bootstrap-only',
      'a.url=http://from-resources',
      'c.url=http://resources-config',
      'd.url=http://module-config',
    ]);
    expect(config.settings[1]).toMatchObject({ file: `${R}/application.yml`, line: 2, via: 'properties' });
  });

  it('a profile file overrides the plain one; a .properties file overrides the .yml beside it', () => {
    const config = read(
      {
        [`${R}/application.yml`]: 'x.host: from-yml\ny.host: yml\n',
        [`${R}/application.properties`]: 'x.host=from-properties\n',
        [`${R}/application-docker.yml`]: 'y.host: docker\n',
        [`${R}/application-eu.yml`]: 'y.host: eu\n',
        [`${R}/application-other.yml`]: 'y.host: other\n',
      },
      ['docker', 'eu'],
    );
    expect(values(config)).toEqual(['x.host=from-properties', 'y.host=eu']);
  });

  it('without given profiles: spring.profiles.active of the files, else the default profile', () => {
    const files = {
      [`${R}/application.yml`]:
        'spring.profiles.active: prod\n---\nspring.config.activate.on-profile: default\nq.host: dflt\n',
      [`${R}/application-prod.yml`]: 'q.host: prod-db\n',
    };
    expect(values(read(files))).toEqual(['q.host=prod-db']);
    expect(values(read(files, ['dev']))).toEqual([]);
    const plain = { [`${R}/application.yml`]: '---\nspring.config.activate.on-profile: default\nq.host: dflt\n' };
    expect(values(read(plain))).toEqual(['q.host=dflt']);
    expect(values(read(files, [], { SPRING_PROFILES_ACTIVE: 'dev' }))).toEqual([]);
  });

  it('a file over the size limit is a problem, not read', () => {
    const config = read({ [`${R}/application.properties`]: `a.host=x\n${'#'.repeat(5 * 1024 * 1024)}\n` });
    expect(config.settings).toEqual([]);
    expect(config.problems).toEqual([
      { file: `${R}/application.properties`, line: 1, message: 'larger than 4 MiB; not read', severity: 'warning' },
    ]);
  });
});

describe('YAML documents and profiles', () => {
  const text = [
    'spring:',
    '  application:',
    '    name: orders',
    '  config:',
    '    import: optional:configserver:${CONFIG_SERVER_URL:http://localhost:8888/}',
    '---',
    'spring:',
    '  config:',
    '    activate:',
    '      on-profile: docker',
    '    import: configserver:http://config:8888',
    '---',
    'spring:',
    '  profiles: "!docker"',
    'cache.host: local-cache',
    '---',
    'spring.config.activate.on-profile: "eu | us"',
    'region.endpoint: http://regional:9000',
    '---',
    'spring.config.activate.on-cloud-platform: kubernetes',
    'k8s.host: only-on-kubernetes',
    '',
  ].join('\n');

  it('a document applies without activation or when its profile expression matches; later ones override', () => {
    expect(read({ [`${R}/application.yml`]: text }, ['docker'])).toEqual({
      name: 'orders',
      settings: [
        {
          key: 'spring.config.import',
          value: 'configserver:http://config:8888',
          via: 'properties',
          file: `${R}/application.yml`,
          line: 11,
        },
      ],
      routes: [],
      problems: [],
    });
    expect(values(read({ [`${R}/application.yml`]: text }, ['us']))).toEqual([
      'spring.config.import=optional:configserver:http://localhost:8888/',
      'cache.host=local-cache',
      'region.endpoint=http://regional:9000',
    ]);
  });

  it.each([
    ['docker', ['docker'], true],
    ['!dev', ['prod'], true],
    ['!dev', ['dev'], false],
    ['a | b', ['b'], true],
    ['a & b', ['a'], false],
    ['a & b', ['a', 'b'], true],
    ['(a | b) & !c', ['b'], true],
    ['(a | b) & !c', ['b', 'c'], false],
    ['a & (b', ['a', 'b'], false],
    ['dev, test', ['test'], true],
  ])('profile expression %s with %j active: %s', (written, active, expected) => {
    expect(profilesMatch(profileExpressions(written), new Set(active))).toBe(expected);
  });

  it('flattens nested maps and lists to dotted keys with indexes; a list set again is replaced whole', () => {
    const config = read(
      {
        [`${R}/application.yml`]: [
          'spring.kafka:',
          '  bootstrap-servers:',
          '    - kafka-1:9092',
          '    - kafka-2:9092',
          '    - kafka-3:9092',
          '',
        ].join('\n'),
        [`${R}/application-prod.yml`]: 'spring.kafka.bootstrap-servers[0]: kafka-prod:9092\n',
      },
      ['prod'],
    );
    expect(values(config)).toEqual(['spring.kafka.bootstrap-servers[0]=kafka-prod:9092']);
  });

  it('a broken document is a problem with its line; the other files are still read', () => {
    const config = read({
      [`${R}/application.yml`]: 'a:\n  url: http://x\n b: [\n',
      [`${R}/application.properties`]: 'db.host=postgres\n',
    });
    expect(values(config)).toEqual(['db.host=postgres']);
    expect(config.problems[0]).toEqual({
      file: `${R}/application.yml`,
      line: 3,
      message: 'YAML syntax: All mapping items must start at the same column',
      severity: 'error',
    });
  });

  it('an alias bomb is refused as a problem, not expanded', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const config = read({ [`${R}/application.yml`]: `${lines.join('\n')}\n` });
    expect(config.settings).toEqual([]);
    expect(config.problems[0]?.message).toMatch(/alias/i);
  });
});

describe('.properties files', () => {
  it('reads = : and space separators, continuation lines, escapes, comments and #--- documents', () => {
    const text = [
      '# a comment',
      '! another',
      'a.url = http://a:80',
      'b.host: b-host',
      'c.host c-host',
      'd.addresses=one:5672,\\',
      '    two:5672',
      'e\\:key=esc\\u0041ped',
      '#---',
      'spring.config.activate.on-profile=prod',
      'a.url=http://prod-a:80',
      '',
    ].join('\n');
    expect(parsePropertiesFile(text)).toEqual([
      [
        { key: 'a.url', value: 'http://a:80', line: 3 },
        { key: 'b.host', value: 'b-host', line: 4 },
        { key: 'c.host', value: 'c-host', line: 5 },
        { key: 'd.addresses', value: 'one:5672,two:5672', line: 6 },
        { key: 'e:key', value: 'escAped', line: 8 },
      ],
      [
        { key: 'spring.config.activate.on-profile', value: 'prod', line: 10 },
        { key: 'a.url', value: 'http://prod-a:80', line: 11 },
      ],
    ]);
    expect(values(read({ [`${R}/application.properties`]: text }, ['prod']))).toEqual([
      'b.host=b-host',
      'c.host=c-host',
      'd.addresses=one:5672,two:5672',
      // One secret rule for every setting (addresses.ts): a property named `key` is taken for one, kept masked.
      'e:key=***',
      'a.url=http://prod-a:80',
    ]);
  });
});

describe('placeholders', () => {
  const scope = (env: Record<string, string>, properties: Record<string, string>) => ({
    env: new Map(Object.entries(env)),
    property: (key: string) => properties[key],
  });

  it.each([
    ['${DB_HOST}', { DB_HOST: 'pg' }, {}, 'pg'],
    ['${DB_HOST:localhost}', {}, {}, 'localhost'],
    ['${DB_HOST:localhost}', { DB_HOST: 'pg' }, {}, 'pg'],
    ['${app.db-host}', { APP_DBHOST: 'relaxed' }, {}, 'relaxed'],
    ['${app.db}', {}, { 'app.db': 'from-property' }, 'from-property'],
    ['${app.db}', { 'app.db': 'env-first' }, { 'app.db': 'from-property' }, 'env-first'],
    ['${A:${B:nested}}', {}, {}, 'nested'],
    ['${A:${B:nested}}', { B: 'b' }, {}, 'b'],
    ['jdbc:mysql://${HOST:db}:${PORT:3306}/x', {}, {}, 'jdbc:mysql://db:3306/x'],
    ['${MISSING}', {}, {}, '${MISSING}'],
    ['${a}', {}, { a: '${b}', b: '${a}' }, '${a}'],
    ['${a:fallback}', {}, { a: '${UNSET}' }, 'fallback'],
    ['${unclosed', {}, {}, '${unclosed'],
  ])('%s → %s', (text, env, properties, expected) => {
    expect(resolvePlaceholders(text, scope(env, properties))).toBe(expected);
  });

  it('settings and the name are resolved from the environment, then properties, then defaults; written is kept', () => {
    const config = read(
      {
        [`${R}/application.yml`]: [
          'spring.application.name: ${APP_NAME:orders}',
          'db.host: postgres',
          'spring.datasource.url: jdbc:postgresql://${db.host}:5432/orders',
          'spring.rabbitmq.host: ${RABBIT_HOST}',
          'spring.redis.host: ${REDIS_HOST}',
          '',
        ].join('\n'),
      },
      [],
      { RABBIT_HOST: 'rabbitmq' },
    );
    expect(config.name).toBe('orders');
    expect(config.settings).toEqual([
      { key: 'db.host', value: 'postgres', via: 'properties', file: `${R}/application.yml`, line: 2 },
      {
        key: 'spring.datasource.url',
        value: 'jdbc:postgresql://postgres:5432/orders',
        written: 'jdbc:postgresql://${db.host}:5432/orders',
        via: 'properties',
        file: `${R}/application.yml`,
        line: 3,
      },
      {
        key: 'spring.rabbitmq.host',
        value: 'rabbitmq',
        written: '${RABBIT_HOST}',
        via: 'properties',
        file: `${R}/application.yml`,
        line: 4,
      },
      { key: 'spring.redis.host', value: '${REDIS_HOST}', via: 'properties', file: `${R}/application.yml`, line: 5 },
    ]);
  });
});
