/**
 * The compose loader on the real-world corpus (../shared/realworld, outside the repo): the
 * default projects of its cases come out as docker compose reads them. Skipped where the
 * corpus is not there; the unit tests beside this one carry the rules with their own fixtures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadComposeSets } from '../../src/discovery/compose-sets.js';
import { readDockerfile } from '../../src/discovery/dockerfile.js';
import { repoFilesOf } from './repo-files.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const corpus = [
  process.env.DEPMAP_REALWORLD,
  join(root, '../shared/realworld'),
  join(root, '../../shared/realworld'),
].find((dir): dir is string => dir !== undefined && existsSync(join(dir, 'robot-shop/files')));
const files = (name: string) => repoFilesOf(join(corpus!, name, 'files'));

describe.skipIf(corpus === undefined)('compose projects of the real-world corpus', () => {
  it('robot-shop: the root project’s 12 services, images from .env, anchors merged; dispatch/ and payment/ apart', () => {
    const sets = loadComposeSets(files('robot-shop'));
    expect(sets.map((s) => s.id)).toEqual([
      'compose:docker-compose.yaml',
      'compose:dispatch/docker-compose.yaml',
      'compose:payment/docker-compose.yaml',
    ]);
    const main = sets[0]!;
    expect(main.files).toEqual(['docker-compose.yaml']);
    expect(main.workloads.map((w) => w.name)).toEqual([
      'mongodb',
      'redis',
      'rabbitmq',
      'catalogue',
      'user',
      'cart',
      'mysql',
      'shipping',
      'ratings',
      'payment',
      'dispatch',
      'web',
    ]);
    const web = main.workloads.find((w) => w.name === 'web')!;
    expect(web.image).toEqual({
      file: 'docker-compose.yaml',
      line: 148,
      written: '${REPO}/rs-web:${TAG}',
      ref: 'robotshop/rs-web:2.1.0',
    });
    expect(web.build).toEqual({ file: 'docker-compose.yaml', line: 143, context: 'web', dockerfile: 'web/Dockerfile' });
    expect(main.workloads.filter((w) => w.build).map((w) => w.build!.context)).toEqual([
      'mongo',
      'catalogue',
      'user',
      'cart',
      'mysql',
      'shipping',
      'ratings',
      'payment',
      'dispatch',
      'web',
    ]);
    // The logging anchor and its `<<:` merges read cleanly: the only note is the agent key nobody set.
    expect(main.problems.map((p) => p.message)).toEqual([
      'variable INSTANA_AGENT_KEY is not set in .env; it is read as an empty string',
    ]);
  });

  it('retail-store: src/app is its includes plus compose.override.yaml, which holds ui’s endpoints', () => {
    const sets = loadComposeSets(files('retail-store'));
    const app = sets.find((s) => s.id === 'compose:src/app/docker-compose.yml')!;
    expect(app.files).toEqual([
      'src/app/docker-compose.yml',
      'src/ui/docker-compose.yml',
      'src/catalog/docker-compose.yml',
      'src/cart/docker-compose.yml',
      'src/checkout/docker-compose.yml',
      'src/orders/docker-compose.yml',
      'src/app/compose.override.yaml',
    ]);
    const byName = new Map(app.workloads.map((w) => [w.name, w]));
    expect([...byName.keys()].sort()).toEqual(
      [
        'cart',
        'carts-db',
        'catalog',
        'catalog-db',
        'checkout',
        'checkout-redis',
        'opensearch',
        'orders',
        'orders-db',
        'rabbitmq',
        'ui',
      ].sort(),
    );
    const ui = byName.get('ui')!;
    expect(
      ui.settings.filter((s) => s.key.startsWith('RETAIL_UI_ENDPOINTS_')).map((s) => [s.value, s.file, s.line]),
    ).toEqual([
      ['http://catalog:8080', 'src/app/compose.override.yaml', 4],
      ['http://carts:8080', 'src/app/compose.override.yaml', 5],
      ['http://orders:8080', 'src/app/compose.override.yaml', 6],
      ['http://checkout:8080', 'src/app/compose.override.yaml', 7],
    ]);
    expect(byName.get('cart')!.aliases).toEqual(['carts']);
    // `ports: !override []` in the override file empties the ports the included files publish.
    expect(byName.get('catalog')!.ports).toEqual([]);
    expect(byName.get('checkout')!.settings.map((s) => s.key)).toContain('RETAIL_CHECKOUT_ENDPOINTS_ORDERS');
    expect(sets.map((s) => s.id)).not.toContain('compose:src/app/docker-compose.tracing.yml');
  });

  it('petclinic: docker-compose.yml', () => {
    const [set, ...others] = loadComposeSets(files('petclinic'));
    expect(others).toEqual([]);
    expect(set!.workloads.map((w) => w.name)).toEqual([
      'config-server',
      'discovery-server',
      'customers-service',
      'visits-service',
      'vets-service',
      'genai-service',
      'api-gateway',
      'tracing-server',
      'admin-server',
      'grafana-server',
      'prometheus-server',
    ]);
  });

  it('robot-shop Dockerfiles: web’s continued ENV and shipping’s last stage, with lines', () => {
    const read = (path: string) => readDockerfile(readFileSync(join(corpus!, 'robot-shop/files', path), 'utf8'), path);
    expect(read('web/Dockerfile').env.map((s) => [s.key, s.value, s.line])).toEqual([
      ['CATALOGUE_HOST', 'catalogue', 28],
      ['USER_HOST', 'user', 29],
      ['CART_HOST', 'cart', 30],
      ['SHIPPING_HOST', 'shipping', 31],
      ['PAYMENT_HOST', 'payment', 32],
      ['RATINGS_HOST', 'ratings', 33],
      ['INSTANA_SERVICE_NAME', 'nginx-web', 34],
    ]);
    const shipping = read('shipping/Dockerfile');
    expect(shipping.env.map((s) => [s.key, s.value, s.line])).toEqual([
      ['CART_ENDPOINT', 'cart:8080', 24],
      ['DB_HOST', 'mysql', 25],
    ]);
    expect([shipping.from?.ref, shipping.expose]).toEqual(['openjdk:8-jdk', [8080]]);
  });
});
