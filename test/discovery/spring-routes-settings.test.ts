import { describe, expect, it } from 'vitest';
import { readModuleConfig } from '../../src/discovery/spring-config.js';
import type { ModuleConfig, RepoFiles } from '../../src/discovery/model.js';
import { isAddressSetting } from '../../src/discovery/spring-addresses.js';

function read(files: Record<string, string>, profiles: string[] = []): ModuleConfig {
  const repo: RepoFiles = { paths: Object.keys(files).sort(), read: (path) => files[path] };
  return readModuleConfig(repo, 'gw', { profiles });
}

const R = 'gw/src/main/resources';
const values = (config: ModuleConfig) => config.settings.map((s) => `${s.key}=${s.value}`);

describe('which properties are settings', () => {
  it.each([
    ['spring.datasource.url', 'jdbc:mysql://mysql:3306/petclinic', true],
    ['spring.data.mongodb.uri', 'mongodb://mongo:27017/db', true],
    ['spring.data.mongodb.host', 'mongo', true],
    ['spring.rabbitmq.host', 'rabbitmq', true],
    ['spring.rabbitmq.addresses', 'rabbit-1:5672,rabbit-2:5672', true],
    ['spring.redis.host', 'redis', true],
    ['spring.data.redis.host', 'redis', true],
    ['spring.kafka.bootstrap-servers', 'kafka:9092', true],
    ['spring.kafka.bootstrap-servers[1]', 'kafka-2:9092', true],
    ['eureka.client.service-url.defaultZone', 'http://discovery:8761/eureka/', true],
    ['eureka.client.serviceUrl.default-zone', 'http://discovery:8761/eureka/', true],
    ['spring.config.import', 'optional:configserver:http://config:8888', true],
    ['spring.cloud.config.uri', 'http://config:8888', true],
    ['app.payments.base-url', 'https://api.stripe.com', true],
    ['app.anything', 'amqp://queue', true],
    ['app.peers', 'node-a:7000,node-b:7000', true],
    ['zuul.routes.users.service-id', 'users', true],
    ['server.port', '8080', true],
    ['app.upstream.endpoint', '', false],
    ['spring.messages.basename', 'lang/messages', false],
    ['management.endpoints.web.exposure.include', 'info,health,metrics', false],
    ['spring.cloud.config.server.native.search-locations', 'file:///config', false],
    ['app.fallback-uri', 'forward:/fallback', false],
    ['logging.level.root', 'INFO', false],
  ])('%s=%s: %s', (key, value, expected) => {
    expect(isAddressSetting(key, value)).toBe(expected);
  });

  it('secrets are masked: a secret key keeps only its placeholder name, a URL its user', () => {
    const config = read({
      [`${R}/application.properties`]: [
        'spring.datasource.url=jdbc:postgresql://app:hunter2@db:5432/app',
        'spring.datasource.password=${DB_PASSWORD:hunter2}',
        'spring.ai.openai.api-key=${OPENAI_API_KEY}',
        'app.token=abc123',
        'app.dsn=Host=db;Username=app;Password=hunter2',
        '',
      ].join('\n'),
    });
    expect(config.settings.map((s) => [s.key, s.value, s.written])).toEqual([
      ['spring.datasource.url', 'jdbc:postgresql://app:***@db:5432/app', undefined],
      ['spring.datasource.password', '***', '${DB_PASSWORD:***}'],
      ['spring.ai.openai.api-key', '***', '${OPENAI_API_KEY}'],
      ['app.token', '***', undefined],
      ['app.dsn', 'Host=db;Username=app;Password=***', undefined],
    ]);
    expect(JSON.stringify(config)).not.toContain('hunter2');
  });
});

describe('gateway routes', () => {
  it('Spring Cloud Gateway routes in the old and the new property trees: lb:// names a service, http:// a host', () => {
    const text = [
      'spring:',
      '  cloud:',
      '    gateway:',
      '      routes:',
      '        - id: legacy',
      '          uri: lb://LEGACY-SERVICE',
      '      server:',
      '        webflux:',
      '          routes:',
      '            - id: orders',
      '              uri: lb://orders-service',
      '              predicates:',
      '                - Path=/api/orders/**',
      '            - id: web',
      '              uri: http://frontend:8080/',
      '            - id: chat',
      '              uri: lb:ws://chat',
      '            - id: local',
      '              uri: forward:/fallback',
      '            - id: from-env',
      '              uri: ${CATALOG_URI:http://catalog:8080}',
      '',
    ].join('\n');
    const config = read({ [`${R}/application.yml`]: text });
    expect(config.routes).toEqual([
      {
        kind: 'gateway-route',
        to: 'legacy-service',
        protocol: 'http',
        text: 'uri: lb://LEGACY-SERVICE',
        file: `${R}/application.yml`,
        line: 6,
      },
      {
        kind: 'gateway-route',
        to: 'orders-service',
        protocol: 'http',
        text: 'uri: lb://orders-service',
        file: `${R}/application.yml`,
        line: 11,
      },
      {
        kind: 'gateway-route',
        to: 'frontend',
        protocol: 'http',
        text: 'uri: http://frontend:8080/',
        file: `${R}/application.yml`,
        line: 15,
      },
      {
        kind: 'gateway-route',
        to: 'chat',
        protocol: 'websocket',
        text: 'uri: lb:ws://chat',
        file: `${R}/application.yml`,
        line: 17,
      },
      {
        kind: 'gateway-route',
        to: 'catalog',
        protocol: 'http',
        text: 'uri: ${CATALOG_URI:http://catalog:8080} (http://catalog:8080)',
        file: `${R}/application.yml`,
        line: 21,
      },
    ]);
    // The route URIs are settings too: the hub may match them like any address.
    expect(values(config)).toContain('spring.cloud.gateway.server.webflux.routes[0].uri=lb://orders-service');
  });

  it('a profile document that sets the routes again replaces the whole list', () => {
    const config = read(
      {
        [`${R}/application.yml`]: [
          'spring.cloud.gateway.routes:',
          '  - uri: lb://a',
          '  - uri: lb://b',
          '---',
          'spring.config.activate.on-profile: slim',
          'spring.cloud.gateway.routes:',
          '  - uri: lb://c',
          '',
        ].join('\n'),
      },
      ['slim'],
    );
    expect(config.routes.map((r) => r.to)).toEqual(['c']);
  });

  it('Zuul routes: url, serviceId, path alone and the shorthand name the target', () => {
    const config = read({
      [`${R}/application.properties`]: [
        'zuul.routes.legacy.url=http://legacy-host:9000',
        'zuul.routes.legacy.path=/legacy/**',
        'zuul.routes.users.path=/users/**',
        'zuul.routes.users.serviceId=user-service',
        'zuul.routes.billing.path=/billing/**',
        'zuul.routes.stores=/stores/**',
        'zuul.ignored-services=*',
        '',
      ].join('\n'),
    });
    expect(config.routes.map((r) => [r.to, r.line, r.text])).toEqual([
      ['legacy-host', 1, 'zuul.routes.legacy.url=http://legacy-host:9000'],
      ['user-service', 4, 'zuul.routes.users.serviceId=user-service'],
      ['billing', 5, 'zuul.routes.billing.path=/billing/**'],
      ['stores', 6, 'zuul.routes.stores=/stores/**'],
    ]);
  });
});

describe('spring.config.import of files', () => {
  it('follows classpath:, file: and relative imports inside the repo; imported values override the importer', () => {
    const config = read({
      [`${R}/application.yml`]: [
        'spring.config.import:',
        '  - classpath:db.yml',
        '  - optional:file:./local.properties',
        '  - optional:classpath:missing.yml',
        '  - configserver:http://config:8888',
        'db.host: overridden',
        '',
      ].join('\n'),
      [`${R}/db.yml`]: 'db.host: postgres\nspring.config.import: more/queue.properties\n',
      [`${R}/more/queue.properties`]: 'spring.rabbitmq.host=rabbit\n',
      'gw/local.properties': 'cache.host=redis\n',
    });
    expect(values(config)).toEqual([
      'spring.config.import[3]=configserver:http://config:8888',
      'db.host=postgres',
      'spring.rabbitmq.host=rabbit',
      'cache.host=redis',
    ]);
    expect(config.problems).toEqual([]);
  });

  it('an import outside the repo is refused, a missing one is reported, a loop ends', () => {
    const config = read({
      [`${R}/application.properties`]: [
        'spring.config.import=../../../../../etc/passwd.properties,file:/etc/app/secret.yml,classpath:nowhere.yml,classpath:loop.yml',
        '',
      ].join('\n'),
      [`${R}/loop.yml`]: 'spring.config.import: classpath:application.properties\nloop.host: looped\n',
    });
    expect(values(config)).toEqual(['loop.host=looped']);
    expect(config.problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [1, 'error', 'spring.config.import ../../../../../etc/passwd.properties points outside the repo; not read'],
      [1, 'warning', 'spring.config.import file:/etc/app/secret.yml points outside the repo; not read'],
      [1, 'warning', `spring.config.import classpath:nowhere.yml: ${R}/nowhere.yml is not in the repo`],
    ]);
  });
});
