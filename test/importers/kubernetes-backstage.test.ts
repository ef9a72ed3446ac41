import { describe, expect, it } from 'vitest';
import { importFixture, importerIdOf, lineText } from './fixture.js';
import { detectImporter, servicesFor } from '../../src/importers/index.js';

describe('Kubernetes manifests', () => {
  const result = importFixture('kubernetes', 'k8s/shipping.yaml');
  const edge = (from: string, to: string) => result.edges.find((e) => e.from === from && e.to === to);

  it('workloads become components; infrastructure images become infrastructure', () => {
    expect(result.problems).toEqual([]);
    expect(result.components.find((c) => c.name === 'shipping')).toMatchObject({
      kind: 'service',
      image: 'registry.acme.io/logistics/shipping:2.4.1',
      system: 'logistics',
      infrastructure: false,
    });
    expect(result.components.find((c) => c.name === 'shipping-postgres')).toMatchObject({
      kind: 'database',
      infrastructure: true,
    });
    expect(result.components.find((c) => c.name === 'label-printer')).toMatchObject({ kind: 'job' });
    expect(
      lineText('kubernetes', 'k8s/shipping.yaml', result.components.find((c) => c.name === 'shipping')?.line),
    ).toBe('  name: shipping');
  });

  it('env vars addressing a Service go to the workload it selects, through cluster DNS names and ConfigMaps', () => {
    expect(edge('shipping', 'shipping-postgres')).toMatchObject({
      protocol: 'postgres',
      evidence: 'env DB_HOST=shipping-db',
      kind: 'database',
    });
    expect(edge('shipping', 'orders-grpc')).toMatchObject({
      protocol: 'grpc',
      evidence: 'env ORDERS_GRPC_TARGET=dns:///orders-grpc.commerce:50051',
    });
    expect(edge('label-printer', 'shipping')).toMatchObject({ protocol: 'http' });
    expect(edge('shipping', 'tracking')).toMatchObject({
      kind: 'external',
      evidence: 'env TRACKING_ADDR=tracking.logistics.svc.cluster.local:9000',
    });
    expect(edge('shipping', 'api.carrier.example.net')?.evidence).toBe(
      'env CARRIER_API_URL=https://api.carrier.example.net/v2; env RATES_URL=https://api.carrier.example.net/v2',
    );
    // A secretKeyRef has no value to read.
    expect(JSON.stringify(result.edges)).not.toContain('DB_PASSWORD');
  });

  it('ExternalName Services are external nodes; a Service selecting nothing here stands for itself', () => {
    expect(result.components.find((c) => c.name === 'tracking')).toMatchObject({
      kind: 'external',
      url: 'https://tracking.partner.example.org',
    });
    expect(result.components.find((c) => c.name === 'orders-grpc')).toMatchObject({
      kind: 'service',
      infrastructure: false,
    });
  });

  it('a Helm template is refused with a hint', () => {
    const helm = importFixture('kubernetes', 'k8s/helm-template.yaml');
    expect(helm.problems).toEqual([
      expect.objectContaining({ line: 4, hint: expect.stringContaining('helm template') }),
    ]);
  });

  it('services for shipping', () => {
    expect(
      servicesFor(result, 'shipping')
        .map((s) => `${s.name}:${s.kind}`)
        .sort(),
    ).toEqual([
      'api.carrier.example.net:external',
      'orders-grpc:service',
      'shipping-postgres:database',
      'tracking:external',
    ]);
  });
});

describe('Backstage catalog', () => {
  const result = importFixture('backstage', 'catalog-info.yaml');
  const component = (name: string) => result.components.find((c) => c.name === name);
  const edge = (from: string, to: string) => result.edges.find((e) => e.from === from && e.to === to);

  it('Components and Resources with system, owner, and provided APIs versioned by their definitions', () => {
    expect(component('checkout')).toMatchObject({
      kind: 'service',
      system: 'commerce',
      owner: 'team-payments',
      description: 'Takes the cart to a paid order',
      provides: [{ api: 'checkout-http', protocol: 'http', version: '2.1.0' }],
    });
    expect(component('checkout-db')).toMatchObject({ kind: 'database', infrastructure: true });
    expect(result.components.some((c) => c.name === 'commerce')).toBe(false);
    // The System is an entity node of its own; an API provided here is its provider's `provides`, not a node.
    expect(component('system:commerce')).toMatchObject({
      type: 'entity',
      kind: 'system',
      owner: 'team-commerce',
      description: 'Everything between the cart and the receipt',
    });
    expect(component('api:checkout-http')).toBeUndefined();
    expect(component('api:orders-events')).toMatchObject({ type: 'entity', owner: 'team-orders' });
  });

  it('dependsOn and consumesApis with namespaced refs; an API with no provider here is a call to its own entity node', () => {
    expect(edge('checkout', 'checkout-db')).toMatchObject({
      kind: 'database',
      evidence: 'dependsOn resource:default/checkout-db',
    });
    expect(edge('checkout', 'fraud-scoring')).toMatchObject({ kind: 'service' });
    expect(edge('checkout', 'api:payments/payments-grpc')).toMatchObject({
      api: 'payments-grpc',
      protocol: 'grpc',
      version: '3.2.0',
    });
    expect(edge('checkout', 'api:orders-events')).toMatchObject({
      api: 'orders-events',
      version: '1.4.0',
      protocol: 'x-asyncapi',
    });
    expect(lineText('backstage', 'catalog-info.yaml', edge('checkout', 'api:payments/payments-grpc')?.line)).toContain(
      'api:payments/payments-grpc',
    );
  });

  it('follows Location targets inside the repo; consumers of a provided API point at its provider', () => {
    expect(component('checkout-worker')).toMatchObject({ system: 'commerce' });
    expect(component('checkout-queue')).toMatchObject({ kind: 'queue' });
    expect(edge('checkout-worker', 'checkout')).toMatchObject({ api: 'checkout-http', version: '2.1.0' });
    expect(result.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: 'Location target ./missing/catalog-info.yaml not found in the repo',
      }),
    ]);
  });

  it('registry and content detection', () => {
    expect(importerIdOf('catalog-info.yaml')).toBe('backstage');
    expect(importerIdOf('services/a/catalog-info.yml')).toBe('backstage');
    expect(detectImporter('infra/entities.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Component\n')?.id).toBe(
      'backstage',
    );
    expect(detectImporter('infra/app.yaml', 'apiVersion: apps/v1\nkind: Deployment\n')?.id).toBe('kubernetes');
    expect(detectImporter('infra/notes.yaml', 'a: 1\n')).toBeUndefined();
  });
});

describe('Kubernetes kinds that are names of object properties', () => {
  it('`kind: constructor` is an unknown kind, not a crash', async () => {
    const { importFile } = await import('../../src/importers/index.js');
    const text =
      'apiVersion: v1\nkind: constructor\nmetadata: { name: a }\n---\napiVersion: apps/v1\nkind: toString\nmetadata: { name: b }\n';
    const result = importFile(text, { file: 'k8s/odd.yaml', readFile: () => undefined, transitive: false });
    expect(result.problems.filter((p) => /importer failed/.test(p.message))).toEqual([]);
    expect(result.components).toEqual([]);
  });
});
