import { describe, expect, it } from 'vitest';
import { loadComposeSets } from '../../src/discovery/compose-sets.js';
import type { DeploymentSet, Workload } from '../../src/discovery/model.js';
import { repoFiles } from './repo-files.js';

const yaml = (...lines: string[]): string => lines.join('\n') + '\n';

function only(sets: DeploymentSet[]): DeploymentSet {
  expect(sets).toHaveLength(1);
  return sets[0]!;
}

function workload(set: DeploymentSet, name: string): Workload {
  const found = set.workloads.find((w) => w.name === name);
  if (!found) throw new Error(`no workload ${name} in ${set.workloads.map((w) => w.name).join(', ')}`);
  return found;
}

const settings = (w: Workload) => w.settings.map((s) => [s.key, s.value, s.via, `${s.file}:${s.line}`]);

describe('compose projects: which files make one', () => {
  const files = repoFiles({
    'app/docker-compose.yml': yaml(
      'services:',
      '  api:',
      '    image: acme/api:1.0',
      '    environment:',
      '      LOG_LEVEL: info',
      '      DB_URL: postgres://db:5432/app',
      '    ports: ["8080:8080"]',
      '    command: ["serve", "--port", "8080"]',
    ),
    'app/docker-compose.override.yml': yaml('services:', '  api:', '    image: never-read'),
    'app/compose.override.yaml': yaml(
      'services:',
      '  api:',
      '    image: acme/api:1.1',
      '    environment:',
      '      - LOG_LEVEL=debug',
      '      - CACHE_URL=redis://cache:6379',
      '    ports: ["9090:9090"]',
      '    command: ["serve"]',
      '  cache:',
      '    image: redis:7',
    ),
    'app/docker-compose.test.yml': yaml('services:', '  tester:', '    image: acme/tests'),
    'app/compose.dev.yml': yaml('services:', '  api:', '    image: acme/api:dev'),
  });

  it('takes the first base name and, independently, the first override name; variants are not read', () => {
    const set = only(loadComposeSets(files));
    expect(set.id).toBe('compose:app/docker-compose.yml');
    expect(set.files).toEqual(['app/docker-compose.yml', 'app/compose.override.yaml']);
    expect(set.workloads.map((w) => w.name)).toEqual(['api', 'cache']);
    expect(set.problems).toEqual([]);
  });

  it('merges the layers as compose does: scalars replaced, environment by key, ports appended, command replaced', () => {
    const api = workload(only(loadComposeSets(files)), 'api');
    expect(api.declared).toEqual({ file: 'app/docker-compose.yml', line: 2 });
    expect(api.alsoDeclared).toEqual([{ file: 'app/compose.override.yaml', line: 2 }]);
    expect(api.image).toEqual({
      file: 'app/compose.override.yaml',
      line: 3,
      written: 'acme/api:1.1',
      ref: 'acme/api:1.1',
    });
    expect(settings(api)).toEqual([
      ['LOG_LEVEL', 'debug', 'env', 'app/compose.override.yaml:5'],
      ['DB_URL', 'postgres://db:5432/app', 'env', 'app/docker-compose.yml:6'],
      ['CACHE_URL', 'redis://cache:6379', 'env', 'app/compose.override.yaml:6'],
    ]);
    expect(api.ports).toEqual([{ port: 8080 }, { port: 9090 }]);
    expect(api.runs).toBe('service');
  });

  it('a file named by the caller is one more layer of its folder’s project, or a project of its own', () => {
    const sets = loadComposeSets(files, { composeFiles: ['./app/compose.dev.yml', 'app/docker-compose.test.yml'] });
    const set = only(sets);
    expect(set.files).toEqual([
      'app/docker-compose.yml',
      'app/compose.override.yaml',
      'app/compose.dev.yml',
      'app/docker-compose.test.yml',
    ]);
    expect(workload(set, 'api').image?.ref).toBe('acme/api:dev');
    expect(workload(set, 'tester').image?.ref).toBe('acme/tests');

    const alone = repoFiles({ 'deploy/stack.yml': yaml('services:', '  web:', '    image: nginx:1.27') });
    expect(loadComposeSets(alone)).toEqual([]);
    const named = only(loadComposeSets(alone, { composeFiles: ['deploy/stack.yml'] }));
    expect([named.id, named.workloads.map((w) => w.name)]).toEqual(['compose:deploy/stack.yml', ['web']]);
  });

  it('a named file that is not there or leaves the repo is a problem, not a crash', () => {
    const sets = loadComposeSets(files, { composeFiles: ['nope.yml', '../../etc/passwd'] });
    expect(sets.map((s) => s.problems.map((p) => p.message))).toEqual([
      [],
      ['compose file nope.yml is not in the repo'],
      ['compose file ../../etc/passwd is outside the repo; not read'],
    ]);
  });

  it('COMPOSE_FILE in the folder’s .env replaces the default set, with its separator', () => {
    const layered = repoFiles({
      '.env': yaml('COMPOSE_FILE=compose.yaml:compose.full.yaml:missing.yaml', 'TAG=2.0'),
      'compose.yaml': yaml('services:', '  api:', '    image: acme/api:${TAG}'),
      'compose.full.yaml': yaml('services:', '  worker:', '    image: acme/worker:${TAG}'),
      'compose.override.yaml': yaml('services:', '  api:', '    image: not-read'),
    });
    const set = only(loadComposeSets(layered));
    expect(set.files).toEqual(['compose.yaml', 'compose.full.yaml']);
    expect(set.workloads.map((w) => [w.name, w.image?.ref])).toEqual([
      ['api', 'acme/api:2.0'],
      ['worker', 'acme/worker:2.0'],
    ]);
    expect(set.problems).toEqual([
      {
        file: '.env',
        line: 1,
        message: 'COMPOSE_FILE names missing.yaml, which is not in the repo',
        severity: 'error',
      },
    ]);

    const separated = repoFiles({
      'ops/.env': yaml('COMPOSE_PATH_SEPARATOR=;', 'COMPOSE_FILE=base.yml;extra.yml', 'COMPOSE_PROFILES=debug, tools'),
      'ops/base.yml': yaml('services:', '  a:', '    image: a'),
      'ops/extra.yml': yaml('services:', '  b:', '    image: b'),
    });
    const ops = only(loadComposeSets(separated));
    expect([ops.id, ops.files, ops.profiles]).toEqual([
      'compose:ops/base.yml',
      ['ops/base.yml', 'ops/extra.yml'],
      ['debug', 'tools'],
    ]);
  });
});

describe('compose include', () => {
  const files = repoFiles({
    'stack/compose.yaml': yaml(
      'include:',
      '  - ../svc/orders/compose.yaml',
      '  - path: ../svc/pay/compose.yaml',
      '    env_file: ../svc/pay/prod.env',
      '  - path: [../svc/mail/compose.yaml, ../svc/mail/extra.yaml]',
      '    project_directory: ../svc',
      'services:',
      '  gateway:',
      '    image: acme/gateway:${GATEWAY_TAG}',
    ),
    'stack/.env': yaml('GATEWAY_TAG=3.1', 'PAY_TAG=from-the-including-project'),
    'svc/orders/compose.yaml': yaml('services:', '  orders:', '    build: .', '    image: acme/orders:${ORDERS_TAG}'),
    'svc/orders/.env': 'ORDERS_TAG=1.4\n',
    'svc/orders/Dockerfile': 'FROM node:20\n',
    'svc/pay/compose.yaml': yaml(
      'services:',
      '  pay:',
      '    image: acme/pay:${PAY_TAG}',
      '    environment:',
      '      - REGION=${PAY_REGION}',
    ),
    'svc/pay/prod.env': yaml('PAY_TAG=ignored-the-local-project-wins', 'PAY_REGION=eu-west-1'),
    'svc/mail/compose.yaml': yaml('services:', '  mail:', '    build: ./mail', '    image: acme/mail'),
    'svc/mail/extra.yaml': yaml('services:', '  mail:', '    environment:', '      SMTP_HOST: smtp.example.com'),
  });
  const sets = loadComposeSets(files);
  const stack = sets.find((s) => s.id === 'compose:stack/compose.yaml')!;

  it('brings the included files’ services into the project and lists the files', () => {
    expect(stack.files).toEqual([
      'stack/compose.yaml',
      'svc/orders/compose.yaml',
      'svc/pay/compose.yaml',
      'svc/mail/compose.yaml',
      'svc/mail/extra.yaml',
    ]);
    expect(stack.workloads.map((w) => w.name)).toEqual(['gateway', 'orders', 'pay', 'mail']);
    expect(stack.problems).toEqual([]);
    // The included folders are projects of their own too: the caller decides which to keep.
    expect(sets.map((s) => s.id)).toEqual([
      'compose:stack/compose.yaml',
      'compose:svc/mail/compose.yaml',
      'compose:svc/orders/compose.yaml',
      'compose:svc/pay/compose.yaml',
    ]);
  });

  it('reads each included file with its own .env or env_file, the including project’s variables winning', () => {
    expect(workload(stack, 'gateway').image?.ref).toBe('acme/gateway:3.1');
    expect(workload(stack, 'orders').image?.ref).toBe('acme/orders:1.4');
    expect(workload(stack, 'pay').image?.ref).toBe('acme/pay:from-the-including-project');
    expect(settings(workload(stack, 'pay'))).toEqual([['REGION', 'eu-west-1', 'env', 'svc/pay/compose.yaml:5']]);
    expect(workload(stack, 'pay').settings[0]?.written).toBe('${PAY_REGION}');
  });

  it('resolves an included file’s paths from its own folder, or its project_directory; path lists merge', () => {
    expect(workload(stack, 'orders').build).toEqual({
      file: 'svc/orders/compose.yaml',
      line: 3,
      context: 'svc/orders',
      dockerfile: 'svc/orders/Dockerfile',
    });
    const mail = workload(stack, 'mail');
    expect(mail.build).toEqual({ file: 'svc/mail/compose.yaml', line: 3, context: 'svc/mail' });
    expect(settings(mail)).toEqual([['SMTP_HOST', 'smtp.example.com', 'env', 'svc/mail/extra.yaml:4']]);
  });

  it('refuses an include that leaves the repo, and one that is missing, and reads the rest', () => {
    const hostile = repoFiles({
      'compose.yaml': yaml(
        'include:',
        '  - ../../x.yml',
        '  - /etc/compose.yml',
        '  - path: nowhere.yml',
        '  - path: ok.yml',
        '    env_file: ../../secrets.env',
        'services:',
        '  web:',
        '    image: nginx',
      ),
      'ok.yml': yaml('services:', '  ok:', '    image: busybox'),
    });
    const set = only(loadComposeSets(hostile));
    expect(set.workloads.map((w) => w.name)).toEqual(['web', 'ok']);
    expect(set.problems.map((p) => [p.file, p.line, p.message, p.severity])).toEqual([
      ['compose.yaml', 2, 'include ../../x.yml: outside the repo; not read', 'error'],
      ['compose.yaml', 3, 'include /etc/compose.yml: outside the repo; not read', 'error'],
      ['compose.yaml', 4, 'include nowhere.yml: not found in the repo', 'error'],
      ['compose.yaml', 6, 'include env_file ../../secrets.env: outside the repo; not read', 'error'],
    ]);
  });

  it('the project’s override file reaches into included services (with !override)', () => {
    const layered = repoFiles({
      'app/docker-compose.yml': yaml('include:', '  - ../ui/docker-compose.yml'),
      'app/compose.override.yaml': yaml(
        'services:',
        '  ui:',
        '    environment:',
        '      - UI_ENDPOINTS_CATALOG=http://catalog:8080',
        '    ports: !override []',
      ),
      'ui/docker-compose.yml': yaml(
        'services:',
        '  ui:',
        '    build: .',
        '    ports: ["8888:8080"]',
        '    environment:',
        '      - JAVA_OPTS=-Xmx256m',
      ),
      'app/.env': 'UNUSED=1\n',
    });
    const app = loadComposeSets(layered).find((s) => s.id === 'compose:app/docker-compose.yml')!;
    expect(app.files).toEqual(['app/docker-compose.yml', 'ui/docker-compose.yml', 'app/compose.override.yaml']);
    const ui = workload(app, 'ui');
    expect([ui.declared, ui.alsoDeclared, ui.build?.context, ui.ports]).toEqual([
      { file: 'ui/docker-compose.yml', line: 2 },
      [{ file: 'app/compose.override.yaml', line: 2 }],
      'ui',
      [],
    ]);
    expect(settings(ui)).toEqual([
      ['JAVA_OPTS', '-Xmx256m', 'env', 'ui/docker-compose.yml:6'],
      ['UI_ENDPOINTS_CATALOG', 'http://catalog:8080', 'env', 'app/compose.override.yaml:4'],
    ]);
    // A folder with only a .env (no COMPOSE_FILE) is no project.
    expect(loadComposeSets(repoFiles({ 'x/.env': 'A=1\n' }))).toEqual([]);
  });

  it('refuses env_file and extends files that leave the repo', () => {
    const hostile = repoFiles({
      'compose.yaml': yaml(
        'services:',
        '  a:',
        '    image: a',
        '    env_file: [../../etc/passwd, /etc/shadow]',
        '  b:',
        '    extends:',
        '      file: ../../../base.yml',
        '      service: x',
        '    image: b',
      ),
    });
    const set = only(loadComposeSets(hostile));
    expect(set.workloads.map((w) => [w.name, w.settings])).toEqual([
      ['a', []],
      ['b', []],
    ]);
    expect(set.problems.map((p) => [p.line, p.message])).toEqual([
      [6, 'service b: extends file ../../../base.yml is outside the repo; not read'],
      [4, 'env_file ../../etc/passwd: outside the repo; not read'],
      [4, 'env_file /etc/shadow: outside the repo; not read'],
    ]);
  });

  it('an include cycle is reported and does not loop', () => {
    const cycle = repoFiles({
      'compose.yaml': yaml('include: [a.yml]', 'services:', '  root:', '    image: r'),
      'a.yml': yaml('include: [compose.yaml]', 'services:', '  a:', '    image: a'),
    });
    const set = only(loadComposeSets(cycle));
    expect(set.workloads.map((w) => w.name)).toEqual(['root', 'a']);
    expect(set.problems.map((p) => [p.file, p.line, p.message])).toEqual([
      ['a.yml', 1, 'include compose.yaml: included twice or nested too deep; skipped'],
    ]);
  });
});

describe('compose extends, profiles, anchors and merge tags', () => {
  it('extends a service of the same file or of another, whose paths stay relative to that file', () => {
    const files = repoFiles({
      'compose.yaml': yaml(
        'services:',
        '  base:',
        '    image: acme/base:1',
        '    environment:',
        '      TZ: UTC',
        '  worker:',
        '    extends: base',
        '    environment:',
        '      QUEUE_URL: amqp://mq:5672',
        '  api:',
        '    extends:',
        '      file: common/services.yml',
        '      service: java',
        '    image: acme/api:2',
      ),
      'common/services.yml': yaml(
        'services:',
        '  java:',
        '    build: ./java',
        '    env_file: java.env',
        '    depends_on: [otel]',
      ),
      'common/java.env': yaml('# for every JVM', 'JAVA_TOOL_OPTIONS=-Xmx512m', 'OTEL_ENDPOINT=http://otel:4317'),
      'common/java/Dockerfile': 'FROM eclipse-temurin:21\n',
    });
    const set = only(loadComposeSets(files));
    expect(set.files).toEqual(['compose.yaml', 'common/services.yml']);
    const worker = workload(set, 'worker');
    expect(worker.image?.ref).toBe('acme/base:1');
    expect(worker.declared).toEqual({ file: 'compose.yaml', line: 6 });
    expect(settings(worker)).toEqual([
      ['TZ', 'UTC', 'env', 'compose.yaml:5'],
      ['QUEUE_URL', 'amqp://mq:5672', 'env', 'compose.yaml:9'],
    ]);
    const api = workload(set, 'api');
    expect(api.image?.ref).toBe('acme/api:2');
    expect(api.build).toEqual({
      file: 'common/services.yml',
      line: 3,
      context: 'common/java',
      dockerfile: 'common/java/Dockerfile',
    });
    expect(settings(api)).toEqual([
      ['JAVA_TOOL_OPTIONS', '-Xmx512m', 'env-file', 'common/java.env:2'],
      ['OTEL_ENDPOINT', 'http://otel:4317', 'env-file', 'common/java.env:3'],
    ]);
    expect(api.dependsOn).toEqual([{ name: 'otel', file: 'common/services.yml', line: 5, via: 'depends_on' }]);
    expect(set.problems).toEqual([]);
  });

  it('extends cycles and missing targets are problems with their line', () => {
    const files = repoFiles({
      'compose.yaml': yaml(
        'services:',
        '  a:',
        '    extends: b',
        '  b:',
        '    extends: a',
        '  c:',
        '    extends: ghost',
      ),
    });
    const set = only(loadComposeSets(files));
    expect(set.workloads.map((w) => w.name)).toEqual(['a', 'b', 'c']);
    expect(set.problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'service a: extends b is circular'],
      [5, 'service b: extends a is circular'],
      [7, 'service c: extends ghost, which this file does not define'],
    ]);
  });

  it('keeps profiles on the workload: which to start is the caller’s choice', () => {
    const files = repoFiles({
      'compose.yaml': yaml(
        'services:',
        '  app:',
        '    image: app',
        '  adminer:',
        '    image: adminer',
        '    profiles: [debug, tools]',
      ),
    });
    const set = only(loadComposeSets(files));
    expect(set.workloads.map((w) => [w.name, w.profiles])).toEqual([
      ['app', undefined],
      ['adminer', ['debug', 'tools']],
    ]);
  });

  it('applies anchors and << merge keys, each value keeping the line it was written on', () => {
    const files = repoFiles({
      'compose.yaml': yaml(
        'x-env: &common-env',
        '  OTEL_EXPORTER_OTLP_ENDPOINT: http://collector:4317',
        '  LOG_FORMAT: json',
        'x-svc: &svc',
        '  restart: always',
        '  logging: &logging',
        '    driver: json-file',
        'services:',
        '  orders:',
        '    <<: *svc',
        '    image: acme/orders',
        '    environment:',
        '      <<: *common-env',
        '      LOG_FORMAT: text',
        '  carts:',
        '    image: acme/carts',
        '    logging:',
        '      <<: *logging',
        '    environment: *common-env',
      ),
    });
    const set = only(loadComposeSets(files));
    expect(set.problems).toEqual([]);
    expect(settings(workload(set, 'orders'))).toEqual([
      ['OTEL_EXPORTER_OTLP_ENDPOINT', 'http://collector:4317', 'env', 'compose.yaml:2'],
      ['LOG_FORMAT', 'text', 'env', 'compose.yaml:14'],
    ]);
    expect(settings(workload(set, 'carts'))).toEqual([
      ['OTEL_EXPORTER_OTLP_ENDPOINT', 'http://collector:4317', 'env', 'compose.yaml:2'],
      ['LOG_FORMAT', 'json', 'env', 'compose.yaml:3'],
    ]);
  });

  it('!reset removes and !override replaces what an earlier layer set', () => {
    const files = repoFiles({
      'compose.yaml': yaml(
        'services:',
        '  api:',
        '    image: acme/api',
        '    ports: ["8080:8080", "9000:9000"]',
        '    environment:',
        '      DEBUG_URL: http://debugger:5005',
        '      KEEP: "1"',
        '    depends_on: [db, debugger]',
      ),
      'compose.override.yml': yaml(
        'services:',
        '  api:',
        '    ports: !override',
        '      - "8443:8443"',
        '    environment:',
        '      DEBUG_URL: !reset null',
        '    depends_on: !reset []',
        '    profiles: !reset',
      ),
    });
    const api = workload(only(loadComposeSets(files)), 'api');
    expect(api.ports).toEqual([{ port: 8443 }]);
    expect(settings(api)).toEqual([['KEEP', '1', 'env', 'compose.yaml:7']]);
    expect(api.dependsOn).toEqual([]);
  });
});

describe('compose values', () => {
  it('interpolates every form from the project’s .env, keeping what was written', () => {
    const files = repoFiles({
      '.env': yaml('REGISTRY=ghcr.io/acme', 'TAG=1.2.3', 'EMPTY=', 'HOST=orders', 'ORDERS_URL=http://${HOST}:8080'),
      'compose.yaml': yaml(
        'services:',
        '  app:',
        '    image: ${REGISTRY}/app:$TAG',
        '    environment:',
        '      A: ${MISSING:-fallback}',
        '      B: ${EMPTY-kept-empty}',
        '      C: ${EMPTY:-was-empty}',
        '      D: ${HOST:+http://${HOST}:8080}',
        '      E: $${NOT_A_VARIABLE}',
        '      F: ${UNSET}',
        '      G: ${ORDERS_URL}',
        '  other:',
        '    image: acme/other:${OTHER_TAG}',
        '  strict:',
        '    image: acme/strict:${STRICT_TAG:?set STRICT_TAG}',
      ),
    });
    const set = only(loadComposeSets(files));
    const app = workload(set, 'app');
    expect(app.image).toEqual({
      file: 'compose.yaml',
      line: 3,
      written: '${REGISTRY}/app:$TAG',
      ref: 'ghcr.io/acme/app:1.2.3',
    });
    expect(app.settings.map((s) => [s.key, s.value, s.written])).toEqual([
      ['A', 'fallback', '${MISSING:-fallback}'],
      ['B', '', '${EMPTY-kept-empty}'],
      ['C', 'was-empty', '${EMPTY:-was-empty}'],
      ['D', 'http://orders:8080', '${HOST:+http://${HOST}:8080}'],
      ['E', '${NOT_A_VARIABLE}', '$${NOT_A_VARIABLE}'],
      ['F', '', '${UNSET}'],
      // `.env` values are themselves expanded, with the entries before them.
      ['G', 'http://orders:8080', '${ORDERS_URL}'],
    ]);
    // An image whose variable has no value is not invented.
    expect(workload(set, 'other').image).toEqual({
      file: 'compose.yaml',
      line: 13,
      written: 'acme/other:${OTHER_TAG}',
    });
    expect(workload(set, 'strict').image?.ref).toBeUndefined();
    expect(set.problems.map((p) => [p.line, p.message, p.severity])).toEqual([
      [10, 'variable UNSET is not set in .env; it is read as an empty string', 'warning'],
      [13, 'variable OTHER_TAG is not set in .env; it is read as an empty string', 'warning'],
      [15, 'variable STRICT_TAG is required (set STRICT_TAG) but not set in .env', 'warning'],
    ]);
  });

  it('bare environment keys take their value from .env (via dotenv); env_file values come first, with their lines', () => {
    const files = repoFiles({
      '.env': yaml('QUOTE_ADDR=http://quote:8090', 'SHIPPING_ADDR=shipping:50051'),
      'compose.yaml': yaml(
        'services:',
        '  checkout:',
        '    image: acme/checkout',
        '    env_file:',
        '      - config/common.env',
        '      - path: config/optional.env',
        '        required: false',
        '    environment:',
        '      - QUOTE_ADDR',
        '      - NOT_IN_DOTENV',
        '      - PAYMENT_ADDR=payment:50051',
        '  cart:',
        '    image: acme/cart',
        '    env_file: config/missing.env',
        '    environment:',
        '      SHIPPING_ADDR:',
      ),
      'config/common.env': yaml(
        '# shared',
        'export CURRENCY_ADDR=currency:7000',
        'PAYMENT_ADDR=overridden-below:1',
        'DB_PASSWORD=hunter2',
      ),
    });
    const set = only(loadComposeSets(files));
    expect(settings(workload(set, 'checkout'))).toEqual([
      ['CURRENCY_ADDR', 'currency:7000', 'env-file', 'config/common.env:2'],
      ['PAYMENT_ADDR', 'overridden-below:1', 'env-file', 'config/common.env:3'],
      ['DB_PASSWORD', '***', 'env-file', 'config/common.env:4'],
      ['QUOTE_ADDR', 'http://quote:8090', 'dotenv', 'compose.yaml:9'],
      ['PAYMENT_ADDR', 'payment:50051', 'env', 'compose.yaml:11'],
    ]);
    expect(settings(workload(set, 'cart'))).toEqual([['SHIPPING_ADDR', 'shipping:50051', 'dotenv', 'compose.yaml:16']]);
    expect(set.problems).toEqual([
      {
        file: 'compose.yaml',
        line: 14,
        message: 'env_file config/missing.env: not found in the repo',
        severity: 'warning',
      },
    ]);
  });

  it('masks secrets: secret keys entirely, passwords inside URLs', () => {
    const files = repoFiles({
      'compose.yaml': yaml(
        'services:',
        '  api:',
        '    image: acme/api',
        '    environment:',
        '      DATABASE_URL: postgres://app:s3cret@db:5432/app',
        '      RABBITMQ_DEFAULT_PASS: guest',
        '      AWS_SECRET_ACCESS_KEY: abc',
        '      TOKEN_URL: https://auth.example.com/token',
      ),
    });
    expect(workload(only(loadComposeSets(files)), 'api').settings.map((s) => [s.key, s.value])).toEqual([
      ['DATABASE_URL', 'postgres://app:***@db:5432/app'],
      ['RABBITMQ_DEFAULT_PASS', '***'],
      ['AWS_SECRET_ACCESS_KEY', '***'],
      ['TOKEN_URL', 'https://auth.example.com/token'],
    ]);
  });

  it('names: hostname, container_name, network aliases; a link alias names the linked service', () => {
    const files = repoFiles({
      'compose.yaml': yaml(
        'services:',
        '  cart:',
        '    image: acme/cart',
        '    hostname: carts',
        '    container_name: cart-1',
        '    networks:',
        '      shop:',
        '        aliases: [cart.shop, carts]',
        '      default:',
        '  web:',
        '    image: acme/web',
        '    hostname: web',
        '    links:',
        '      - db:database',
        '      - cart',
        '    depends_on:',
        '      db:',
        '        condition: service_healthy',
        '  db:',
        '    image: postgres:16',
        '    networks: [default]',
      ),
    });
    const set = only(loadComposeSets(files));
    expect(set.workloads.map((w) => [w.name, w.aliases])).toEqual([
      ['cart', ['carts', 'cart-1', 'cart.shop']],
      ['web', []],
      ['db', ['database']],
    ]);
    expect(workload(set, 'web').dependsOn).toEqual([
      { name: 'db', file: 'compose.yaml', line: 17, via: 'depends_on' },
      { name: 'db', file: 'compose.yaml', line: 14, via: 'link' },
      { name: 'cart', file: 'compose.yaml', line: 15, via: 'link' },
    ]);
  });

  it('build as a string or a mapping; the Dockerfile only when the repo has it; remote and escaping contexts', () => {
    const files = repoFiles({
      'compose.yaml': yaml(
        'services:',
        '  a:',
        '    build: ./services/a',
        '  b:',
        '    build:',
        '      context: services/b',
        '      dockerfile: docker/Prod.Dockerfile',
        '      args:',
        '        GO_VERSION: "1.22"',
        '        NPM_TOKEN: abc',
        '        UNSET_ARG: ${NOPE}',
        '  c:',
        '    build:',
        '      context: services/c',
        '  d:',
        '    build: .',
        '  e:',
        '    build: https://github.com/acme/e.git#main',
        '  f:',
        '    build: ../../outside',
      ),
      'services/a/Dockerfile': 'FROM node:20\n',
      'services/b/docker/Prod.Dockerfile': 'FROM golang:1.22\n',
      'services/c/main.go': 'package main\n',
      Dockerfile: 'FROM alpine\n',
    });
    const set = only(loadComposeSets(files));
    expect(set.workloads.map((w) => [w.name, w.build?.context, w.build?.dockerfile, w.build?.line])).toEqual([
      ['a', 'services/a', 'services/a/Dockerfile', 3],
      ['b', 'services/b', 'services/b/docker/Prod.Dockerfile', 5],
      ['c', 'services/c', undefined, 13],
      ['d', '', 'Dockerfile', 16],
      ['e', undefined, undefined, undefined],
      ['f', undefined, undefined, undefined],
    ]);
    expect(set.workloads[1]?.build?.args).toEqual({ GO_VERSION: '1.22', NPM_TOKEN: '***' });
    expect(set.problems.map((p) => [p.line, p.message])).toEqual([
      [11, 'variable NOPE is not set in .env; it is read as an empty string'],
      [20, 'build context ../../outside: outside the repo; not read'],
    ]);
  });

  it('ports: short forms, ranges, long syntax with a name and app_protocol, expose', () => {
    const files = repoFiles({
      'compose.yaml': yaml(
        'services:',
        '  api:',
        '    image: acme/api',
        '    ports:',
        '      - 8080',
        '      - "127.0.0.1:8443:443/tcp"',
        '      - "7000-7002:7000-7002"',
        '      - target: 50051',
        '        published: "50051"',
        '        name: grpc',
        '        app_protocol: grpc',
        '    expose: ["9090", 8080]',
      ),
    });
    expect(workload(only(loadComposeSets(files)), 'api').ports).toEqual([
      { port: 8080 },
      { port: 443 },
      { port: 7000 },
      { port: 7001 },
      { port: 7002 },
      { port: 50051, name: 'grpc', protocol: 'grpc' },
      { port: 9090 },
    ]);
  });
});

describe('compose files that are not what they claim', () => {
  it('a layer that is not YAML is a problem with its line; the other layers are still read', () => {
    const files = repoFiles({
      'compose.yaml': yaml('services:', '  api:', '    image: acme/api'),
      'compose.override.yaml': '{{ range .Services }}\n  - {{ .Name }}: [\n',
    });
    const set = only(loadComposeSets(files));
    expect(set.workloads.map((w) => w.name)).toEqual(['api']);
    expect(set.problems).toHaveLength(1);
    expect(set.problems[0]).toMatchObject({ file: 'compose.override.yaml', severity: 'error' });
    expect(set.problems[0]?.line).toBeGreaterThan(0);
    expect(set.problems[0]?.message).toMatch(/^YAML syntax: /);
  });

  it('a scalar, a list of services, or a service that is not a mapping', () => {
    const files = repoFiles({
      'a/compose.yaml': 'just text\n',
      'b/compose.yaml': yaml('services:', '  - api'),
      'c/compose.yaml': yaml('services:', '  api: nginx', '  ok:', '    image: nginx'),
    });
    expect(
      loadComposeSets(files).map((s) => [
        s.id,
        s.workloads.map((w) => w.name),
        s.problems.map((p) => [p.line, p.message]),
      ]),
    ).toEqual([
      ['compose:a/compose.yaml', [], [[1, 'a compose file must be a mapping']]],
      ['compose:b/compose.yaml', [], [[1, '"services" must be a mapping of service names']]],
      ['compose:c/compose.yaml', ['ok'], [[2, 'service api must be a mapping']]],
    ]);
  });

  it('an alias bomb is refused, not expanded', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) {
      const prev = String.fromCharCode(97 + i);
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`,
      );
    }
    bomb.push('services:', '  web:', '    image: x');
    const set = only(loadComposeSets(repoFiles({ 'compose.yaml': bomb.join('\n') })));
    expect(set.workloads).toEqual([]);
    expect(set.problems.map((p) => [p.file, p.line, p.message])).toEqual([
      ['compose.yaml', 1, 'YAML could not be read: more than 1000 aliases expanded'],
    ]);
  });

  it('a __proto__ service or key is data', () => {
    const files = repoFiles({
      'compose.yaml': yaml(
        'services:',
        '  __proto__:',
        '    image: x',
        '    environment:',
        '      __proto__: polluted',
      ),
    });
    const set = only(loadComposeSets(files));
    expect(set.workloads.map((w) => [w.name, w.settings.map((s) => [s.key, s.value])])).toEqual([
      ['__proto__', [['__proto__', 'polluted']]],
    ]);
    expect(({} as Record<string, unknown>).image).toBeUndefined();
  });
});
