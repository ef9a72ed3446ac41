import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/policy/policy.js';
import { discoveredSnapshot } from '../render/discovered-org.js';
import { check, component, of, repo } from './helpers.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('unpinned', () => {
  it('reports a range and accepts the exact version', () => {
    const v = check([component('shop', 'libraries:\n  - pkg:npm/lodash@^4.17.21\n  - pkg:npm/express@4.19.2\n')]);
    expect(of(v, 'unpinned')).toEqual(['shop/depmap.yaml:5 error: pkg:npm/lodash: "^4.17.21" is a caret range']);
    expect(v[0]?.hint).toBe('pin an exact version, e.g. 4.17.21');
  });

  it('reports a library without a version', () => {
    expect(
      of(check([component('shop', 'libraries:\n  - { ecosystem: npm, name: "@acme/ui" }\n')]), 'unpinned'),
    ).toEqual(['shop/depmap.yaml:5 error: pkg:npm/@acme/ui: no version']);
  });

  it('judges images at the exact level by default: a version tag passes, latest and no tag fail', () => {
    const v = check([
      component(
        'shop',
        'services:\n  - { name: db, kind: database, image: "postgres:16.3" }\n  - { name: cache, kind: cache, image: "redis:latest" }\n  - { name: queue, kind: queue, image: rabbitmq }\n',
      ),
    ]);
    expect(of(v, 'unpinned')).toEqual([
      'shop/depmap.yaml:6 error: service cache: image "redis:latest" has the rolling tag "latest"',
      'shop/depmap.yaml:7 error: service queue: image "rabbitmq" has no tag, which means latest',
    ]);
  });

  it('at the exact level a floating tag fails as no tag does; a release the upstream numbers major.minor passes', () => {
    const v = check([
      component(
        'shop',
        'services:\n  - { name: db, kind: database, image: "postgres:16.1" }\n  - { name: cache, kind: cache, image: "redis:6.2-alpine" }\n  - { name: queue, kind: queue, image: "rabbitmq:3-management" }\n  - { name: search, kind: search, image: "opensearchproject/opensearch:2.11.1-alpine" }\n',
      ),
    ]);
    expect(of(v, 'unpinned')).toEqual([
      'shop/depmap.yaml:6 error: service cache: image "redis:6.2-alpine" has a minor-version tag, which moves with every patch release',
      'shop/depmap.yaml:7 error: service queue: image "rabbitmq:3-management" has a major-version tag, which moves with every minor release',
    ]);
  });

  it('does not report calls discovered from deployment files as unpinned: they are unversioned; their images are judged', () => {
    const v = check(discoveredSnapshot().repos);
    expect(of(v, 'unpinned')).toEqual([
      // The declared manifest's call without a version still is a finding.
      'payments/depmap.yaml:8 error: service ledger api ledger-grpc: no version',
      'shop/docker-compose.yml:19 error: service events: image "rabbitmq:3-management" has a major-version tag, which moves with every minor release',
      'shop/docker-compose.yml:28 error: service cart-cache: image "redis:6.2-alpine" has a minor-version tag, which moves with every patch release',
      'shop/docker-compose.yml:36 error: service events: image "rabbitmq:3-management" has a major-version tag, which moves with every minor release',
    ]);
  });

  it('asks for digests at the digest level, for images and docker purls alike', () => {
    const shop = component(
      'shop',
      `libraries:\n  - pkg:docker/python@3.12.4-slim\nservices:\n  - { name: db, kind: database, image: "postgres:16.3" }\n  - { name: cache, kind: cache, image: "redis:7.2.5@${DIGEST}" }\n`,
    );
    expect(of(check([shop]), 'unpinned')).toEqual([]);
    const lines = of(check([shop], { docker: 'digest' }), 'unpinned');
    expect(lines).toEqual([
      'shop/depmap.yaml:5 error: pkg:docker/python: "3.12.4-slim" has no digest',
      'shop/depmap.yaml:7 error: service db: image "postgres:16.3" has no digest',
    ]);
  });

  it('reports service API versions consumed and provided, not exact ones', () => {
    const v = check([
      component(
        'shop',
        'provides:\n  - { api: shop-http, protocol: http, version: latest }\n  - { api: shop-grpc, protocol: grpc, version: 1.0.0 }\nservices:\n  - { name: payments, api: payments-grpc, version: "^3" }\n  - { name: orders, api: orders-http, version: 1.8.0 }\n',
      ),
    ]);
    expect(of(v, 'unpinned')).toEqual([
      'shop/depmap.yaml:5 error: provided api shop-http: "latest" names whatever version is current',
      'shop/depmap.yaml:8 error: service payments api payments-grpc: "^3" is a range',
    ]);
  });

  it('leaves local paths and ignored dependencies alone', () => {
    const shop = component(
      'shop',
      'libraries:\n  - { ecosystem: npm, name: shared, version: "file:../shared" }\n  - pkg:npm/lodash@^4.17.21\n  - pkg:npm/left-pad@^1.3.0\n',
    );
    const v = check([shop], { policy: { unpinned: { ignore: ['pkg:npm/lodash'] } } });
    expect(of(v, 'unpinned')).toEqual(['shop/depmap.yaml:7 error: pkg:npm/left-pad: "^1.3.0" is a caret range']);
  });
});

describe('new-dependency', () => {
  const before = component(
    'shop',
    'libraries:\n  - pkg:npm/express@4.18.2\n  - pkg:npm/lodash@4.17.21\nservices:\n  - { name: payments, api: payments-grpc, version: 3.2.0 }\n',
  );

  it('reports what is new since the base, not version bumps or removals', () => {
    const now = component(
      'shop',
      'libraries:\n  - pkg:npm/express@4.19.2\n  - pkg:npm/left-pad@1.3.0\nservices:\n  - { name: payments, api: payments-grpc, version: 3.3.0 }\n  - { name: ledger, api: ledger-http, version: 1.0.0 }\n',
    );
    const v = check([now], { base: [before], ref: 'origin/main' });
    expect(of(v, 'new-dependency')).toEqual([
      'shop/depmap.yaml:6 error: new dependency pkg:npm/left-pad@1.3.0: not used by shop at origin/main',
      'shop/depmap.yaml:9 error: new dependency on service ledger: not called by shop at origin/main',
    ]);
  });

  it('allows purl patterns with wildcards and service names', () => {
    const now = component(
      'shop',
      'libraries:\n  - pkg:npm/express@4.18.2\n  - pkg:npm/%40acme/logger@1.0.0\n  - pkg:npm/%40acme-labs/logger@1.0.0\nservices:\n  - { name: ledger, api: ledger-http, version: 1.0.0 }\n  - { name: audit, api: audit-http, version: 1.0.0 }\n',
    );
    const v = check([now], {
      base: [before],
      policy: { newDependency: { allow: ['pkg:npm/@acme/*', 'ledger'], transitive: false } },
    });
    expect(of(v, 'new-dependency')).toEqual([
      'shop/depmap.yaml:7 error: new dependency pkg:npm/@acme-labs/logger@1.0.0: not used by shop at main',
      'shop/depmap.yaml:10 error: new dependency on service audit: not called by shop at main',
    ]);
  });

  it('counts every dependency of a component that did not exist at the base', () => {
    const empty = repo('shop', {});
    const v = check([before], { base: [empty] });
    expect(of(v, 'new-dependency')).toHaveLength(3);
  });

  it('does not run without a base', () => {
    expect(of(check([component('shop', 'libraries:\n  - pkg:npm/left-pad@1.3.0\n')]), 'new-dependency')).toEqual([]);
  });
});

describe('denied', () => {
  const policy = {
    denied: {
      deny: [
        { pattern: 'pkg:npm/request', reason: 'deprecated since 2020; use undici' },
        { pattern: 'pkg:npm/event-stream@3.3.6', reason: 'compromised release' },
        { pattern: 'legacy-*' },
        { pattern: 'pkg:docker/bitnami/*', reason: 'use the images of the platform team' },
      ],
    },
  };

  it('reports matching libraries, versions, services and images with the reason', () => {
    const shop = component(
      'shop',
      'libraries:\n  - pkg:npm/request@2.88.2\n  - pkg:npm/event-stream@3.3.6\nservices:\n  - { name: legacy-billing, api: billing, version: 1.0.0 }\n  - { name: events, kind: queue, image: "bitnami/kafka:3.7.0" }\n',
    );
    expect(of(check([shop], { policy }), 'denied')).toEqual([
      'shop/depmap.yaml:5 error: pkg:npm/request@2.88.2 is denied by the policy (pkg:npm/request): deprecated since 2020; use undici',
      'shop/depmap.yaml:6 error: pkg:npm/event-stream@3.3.6 is denied by the policy (pkg:npm/event-stream@3.3.6): compromised release',
      'shop/depmap.yaml:8 error: service legacy-billing is denied by the policy (legacy-*)',
      'shop/depmap.yaml:9 error: image bitnami/kafka:3.7.0 of events is denied by the policy (pkg:docker/bitnami/*): use the images of the platform team',
    ]);
  });

  it('does not report near names, other versions or other images', () => {
    const shop = component(
      'shop',
      'libraries:\n  - pkg:npm/request-promise@4.2.6\n  - pkg:npm/event-stream@4.0.1\nservices:\n  - { name: billing-legacy, api: billing, version: 1.0.0 }\n  - { name: events, kind: queue, image: "apache/kafka:3.7.0" }\n',
    );
    expect(of(check([shop], { policy }), 'denied')).toEqual([]);
  });
});

describe('unresolved-service', () => {
  const payments = component('payments', 'provides:\n  - { api: payments-grpc, protocol: grpc, version: 3.2.0 }\n');

  it('reports a call nobody provides, and only warns when one repo was scanned', () => {
    const shop = component('shop', 'services:\n  - { name: recommendations, api: recs-http, version: 1.0.0 }\n');
    expect(of(check([shop, payments]), 'unresolved-service')).toEqual([
      'shop/depmap.yaml:5 error: service "recommendations" is not a component and no component provides api recs-http',
    ]);
    expect(of(check([shop], { scope: 'repo' }), 'unresolved-service')).toEqual([
      'shop/depmap.yaml:5 warn: service "recommendations" is not a component and no component provides api recs-http',
    ]);
  });

  it('suggests the component that was probably meant', () => {
    const shop = component('shop', 'services:\n  - { name: paymets, version: 1.0.0 }\n');
    const [v] = check([shop, payments]).filter((x) => x.rule === 'unresolved-service');
    expect(v?.hint).toBe('did you mean "payments"?');
  });

  it('accepts calls resolved by name or by provided api, third parties, and ignored names', () => {
    const shop = component(
      'shop',
      'services:\n  - { name: payments, api: payments-grpc, version: 3.2.0 }\n  - { name: payments-service, api: payments-grpc, version: 3.2.0 }\n  - { name: stripe, kind: external, version: "2024-06-20" }\n  - { name: mainframe, version: 1.0.0 }\n',
    );
    expect(
      of(check([shop, payments], { policy: { unresolvedService: { ignore: ['main*'] } } }), 'unresolved-service'),
    ).toEqual([]);
  });
});

describe('cycle', () => {
  it('reports each call of a cycle where it is declared', () => {
    const a = component('orders', 'services:\n  - { name: inventory, version: 1.0.0 }\n');
    const b = component('inventory', 'services:\n  - { name: orders, version: 1.0.0 }\n');
    expect(of(check([a, b]), 'cycle')).toEqual([
      'inventory/depmap.yaml:5 error: service call cycle: inventory → orders → inventory',
      'orders/depmap.yaml:5 error: service call cycle: inventory → orders → inventory',
    ]);
  });

  it('does not report a chain', () => {
    const a = component('orders', 'services:\n  - { name: inventory, version: 1.0.0 }\n');
    const b = component('inventory', 'services:\n  - { name: stock, version: 1.0.0 }\n');
    const c = component('stock', '');
    expect(of(check([a, b, c]), 'cycle')).toEqual([]);
  });
});

describe('skew', () => {
  const a = component('checkout', 'libraries:\n  - pkg:npm/express@4.19.2\n');
  const b = component('notifications', 'libraries:\n  - pkg:npm/express@4.18.2\n');

  it('reports a library at more versions than the threshold at each declaration', () => {
    expect(of(check([a, b]), 'skew')).toEqual([
      'checkout/depmap.yaml:5 error: pkg:npm/express is used at 2 versions across the organisation: 4.18.2 (notifications), 4.19.2 (checkout)',
      'notifications/depmap.yaml:5 error: pkg:npm/express is used at 2 versions across the organisation: 4.18.2 (notifications), 4.19.2 (checkout)',
    ]);
  });

  it('names at most six versions and three components of each in a finding, however many there are', () => {
    // 12 components at 8 versions of one library: 1.0.0 used by five, the others by one each.
    const at = (i: number) => `1.0.${Math.max(0, i - 4)}`;
    const repos = Array.from({ length: 12 }, (_, i) =>
      component(`svc-${String(i).padStart(2, '0')}`, `libraries:\n  - pkg:npm/left-pad@${at(i)}\n`),
    );
    const findings = of(check(repos), 'skew');
    expect(findings).toHaveLength(12);
    // This use's version, the newest, then the most used; in version order.
    expect(findings.find((f) => f.startsWith('svc-07/'))).toBe(
      'svc-07/depmap.yaml:5 error: pkg:npm/left-pad is used at 8 versions across the organisation: ' +
        '1.0.0 (svc-00, svc-01, svc-02 and 2 more), 1.0.1 (svc-05), 1.0.2 (svc-06), 1.0.3 (svc-07), 1.0.4 (svc-08), ' +
        '1.0.7 (svc-11), and 2 more versions (`depmap skew` lists them all)',
    );
    expect(findings.find((f) => f.startsWith('svc-10/'))).toContain('1.0.3 (svc-07), 1.0.6 (svc-10), 1.0.7 (svc-11)');
  });

  it('allows as many versions as the threshold', () => {
    expect(of(check([a, b], { policy: { skew: { threshold: 2, ignore: [] } } }), 'skew')).toEqual([]);
    expect(of(check([a, b], { policy: { skew: { threshold: 1, ignore: ['pkg:npm/express'] } } }), 'skew')).toEqual([]);
  });

  it('reports an API consumed at a version its provider does not offer, not an older minor', () => {
    const provider = component('payments', 'provides:\n  - { api: payments-grpc, protocol: grpc, version: 3.2.0 }\n');
    const newer = component('shop', 'services:\n  - { name: payments, api: payments-grpc, version: 4.0.0 }\n');
    const older = component('web', 'services:\n  - { name: payments, api: payments-grpc, version: 3.1.0 }\n');
    expect(of(check([provider, newer, older]), 'skew')).toEqual([
      'shop/depmap.yaml:5 error: shop consumes payments-grpc 4.0.0, which payments does not provide (it provides 3.2.0)',
    ]);
  });

  it('only warns by default when one repo was scanned', () => {
    const mono = repo('mono', {
      'a/depmap.yaml': 'depmap: 1\nname: a\nkind: service\nlibraries:\n  - pkg:npm/express@4.19.2\n',
      'b/depmap.yaml': 'depmap: 1\nname: b\nkind: service\nlibraries:\n  - pkg:npm/express@4.18.2\n',
    });
    expect(
      check([mono], { scope: 'repo' })
        .filter((v) => v.rule === 'skew')
        .map((v) => v.severity),
    ).toEqual(['warn', 'warn']);
  });
});

describe('invalid-manifest', () => {
  it('reports each error of a broken manifest at its line', () => {
    const broken = repo('shop', { 'depmap.yaml': 'depmap: 1\nname: shop\nkind: service\nlibraris: []\n' });
    expect(of(check([broken]), 'invalid-manifest')).toEqual([
      'shop/depmap.yaml:4 error: libraris: unknown field "libraris"; did you mean "libraries"?',
    ]);
  });

  it('reports a component declared twice', () => {
    const one = repo('one', { 'depmap.yaml': 'depmap: 1\nname: shop\nkind: service\n' });
    const two = repo('two', { 'depmap.yaml': 'depmap: 1\nname: shop\nkind: service\n' });
    expect(of(check([one, two]), 'invalid-manifest')).toHaveLength(2);
  });

  it('accepts a valid manifest', () => {
    expect(of(check([component('shop', 'libraries:\n  - pkg:npm/express@4.19.2\n')]), 'invalid-manifest')).toEqual([]);
  });
});

describe('severities', () => {
  const shop = component('shop', 'libraries:\n  - pkg:npm/lodash@^4.17.21\n');

  it('turns a rule off or down to a warning', () => {
    expect(check([shop], { policy: { severities: { unpinned: 'off' } } })).toEqual([]);
    expect(check([shop], { policy: { severities: { unpinned: 'warn' } } }).map((v) => v.severity)).toEqual(['warn']);
  });

  it('makes org-wide rules errors when the policy says so, even for one repo', () => {
    const lonely = component('shop', 'services:\n  - { name: ghost, version: 1.0.0 }\n');
    expect(
      check([lonely], {
        scope: 'repo',
        policy: { ...defaultPolicy(), severities: { 'unresolved-service': 'error' } },
      }).map((v) => v.severity),
    ).toEqual(['error']);
  });
});
