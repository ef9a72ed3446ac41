import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyJsonPatch, strategicMerge } from '../../src/discovery/kubernetes/strategic-merge.js';
import { splitImage } from '../../src/discovery/kubernetes/kustomize-transformers.js';
import { matchesSelector } from '../../src/discovery/kubernetes/label-selectors.js';
import { ValueOrigins } from '../../src/discovery/kubernetes/value-origins.js';
import { loadKubernetesSets } from '../../src/discovery/kubernetes-sets.js';
import { repoFiles } from './repo-files.js';

const POD = `containers:
  - name: app
    image: shop/app:1
    env:
      - { name: A, value: "1" }
      - { name: B, value: "2" }
    ports:
      - { containerPort: 8080, name: http }
  - name: sidecar
    image: envoy
volumes:
  - { name: tmp, emptyDir: {} }
nodeSelector: { disk: ssd }
`;

describe('strategic merge', () => {
  const cases: [string, string, unknown][] = [
    [
      'env merges by name: one changed, one added',
      'containers: [{ name: app, env: [{ name: B, value: "3" }, { name: C, value: "4" }] }]',
      { env: { A: '1', B: '3', C: '4' } },
    ],
    [
      'a container is deleted with $patch: delete',
      'containers: [{ name: sidecar, $patch: delete }]',
      { names: ['app'] },
    ],
    [
      'a new container is appended',
      'containers: [{ name: agent, image: agent:1 }]',
      { names: ['app', 'sidecar', 'agent'] },
    ],
    [
      'ports merge by containerPort',
      'containers: [{ name: app, ports: [{ containerPort: 8080, name: web }] }]',
      { ports: ['web'] },
    ],
    ['null deletes a key', 'nodeSelector: null', { nodeSelector: undefined }],
    ['$patch: replace replaces a map', 'nodeSelector: { $patch: replace, zone: a }', { nodeSelector: { zone: 'a' } }],
    ['an unkeyed list is replaced', 'containers: [{ name: app, args: [--x] }]', { names: ['app', 'sidecar'] }],
    ['__proto__ is never merged', '{ "__proto__": { polluted: true } }', { polluted: undefined }],
  ];
  it.each(cases)('%s', (_, patch, expected) => {
    const target = parse(POD) as Record<string, unknown>;
    strategicMerge(target, parse(patch) as Record<string, unknown>, new ValueOrigins());
    const containers = target.containers as {
      name: string;
      env?: { name: string; value: string }[];
      ports?: { name: string }[];
    }[];
    const got: Record<string, unknown> = {};
    const want = expected as Record<string, unknown>;
    if ('env' in want) got.env = Object.fromEntries((containers[0]!.env ?? []).map((e) => [e.name, e.value]));
    if ('names' in want) got.names = containers.map((c) => c.name);
    if ('ports' in want) got.ports = containers[0]!.ports!.map((p) => p.name);
    if ('nodeSelector' in want) got.nodeSelector = target.nodeSelector;
    if ('polluted' in want)
      got.polluted = ({} as Record<string, unknown>).polluted ?? (target as Record<string, unknown>).polluted;
    expect(got).toEqual(expected);
  });
});

describe('JSON patch', () => {
  const cases: [string, unknown[], string[], unknown][] = [
    ['add to the end of a list', [{ op: 'add', path: '/containers/0/args/-', value: '--b' }], [], ['--a', '--b']],
    ['add makes missing maps', [{ op: 'add', path: '/containers/0/labels/x~1y', value: 'z' }], [], { 'x/y': 'z' }],
    ['replace', [{ op: 'replace', path: '/containers/0/image', value: 'shop/app:2' }], [], 'shop/app:2'],
    ['remove', [{ op: 'remove', path: '/containers/0/args/0' }], [], []],
    ['copy', [{ op: 'copy', from: '/containers/0/image', path: '/containers/0/was' }], [], 'shop/app:1'],
    ['a path that is not there', [{ op: 'remove', path: '/nope/0' }], ['remove /nope/0'], undefined],
    [
      '__proto__ is refused',
      [{ op: 'add', path: '/__proto__', value: { polluted: true } }],
      ['add /__proto__'],
      undefined,
    ],
  ];
  it.each(cases)('%s', (name, ops, failed, expected) => {
    const target = parse('containers: [{ name: app, image: shop/app:1, args: [--a] }]') as {
      containers: Record<string, unknown>[];
    };
    expect(applyJsonPatch(target, ops, new ValueOrigins(), { file: 'k.yaml', line: 3 })).toEqual(failed);
    const app = target.containers[0]!;
    const got = {
      'add to the end of a list': app.args,
      'add makes missing maps': app.labels,
      replace: app.image,
      remove: app.args,
      copy: app.was,
    }[name];
    expect(got).toEqual(expected);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('image references and label selectors', () => {
  it.each([
    ['nginx', { name: 'nginx' }],
    ['nginx:1.25', { name: 'nginx', tag: '1.25' }],
    ['localhost:5000/shop/app', { name: 'localhost:5000/shop/app' }],
    ['registry:5000/shop/app:2.0@sha256:abc', { name: 'registry:5000/shop/app', tag: '2.0', digest: 'sha256:abc' }],
  ])('%s', (image, parts) => expect(splitImage(image)).toEqual(parts));

  const labels = { app: 'orders', tier: 'backend' };
  it.each([
    [{ matchLabels: { app: 'orders' } }, true],
    [{ matchLabels: { app: 'web' } }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend', 'db'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] }, false],
    [{ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'Sometimes' }] }, false],
    [{}, true],
  ])('%j selects app=orders,tier=backend: %s', (selector, expected) =>
    expect(matchesSelector(labels, selector)).toBe(expected),
  );
});

describe('kustomize targets, suffixes, labels and generator behaviour', () => {
  it('patch targets by label selector and wildcard name; nameSuffix; an image digest; labels with selectors; a merged generator; Secret keys only', () => {
    const deployment = (name: string, tier: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  labels: { tier: ${tier} }\nspec:\n  template:\n    metadata:\n      labels: { app: ${name} }\n    spec:\n      containers:\n        - name: ${name}\n          image: shop/${name}:1\n          envFrom:\n            - configMapRef: { name: shared }\n            - secretRef: { name: creds }\n`;
    const files = {
      'base/kustomization.yaml':
        'resources: [api.yaml, worker.yaml]\nconfigMapGenerator:\n  - name: shared\n    literals: [QUEUE_HOST=rabbit, MODE=base]\n',
      'base/api.yaml': deployment('api', 'web'),
      'base/worker.yaml': deployment('worker', 'batch'),
      'prod/kustomization.yaml': `resources: [../base]
nameSuffix: -v2
images:
  - name: shop/worker
    digest: sha256:0123abcd
labels:
  - pairs: { team: core }
    includeSelectors: true
configMapGenerator:
  - name: shared
    behavior: merge
    literals: [MODE=prod]
secretGenerator:
  - name: creds
    literals: [AMQP_PASSWORD=guest]
patches:
  - target: { kind: Deployment, labelSelector: "tier=web" }
    patch: |-
      - op: replace
        path: /spec/template/spec/containers/0/image
        value: shop/api:2
  - target: { kind: Deploy.*, name: "work*" }
    patch: |-
      - op: add
        path: /spec/template/spec/containers/0/args
        value: [--queue-host=rabbit-prod]
`,
    };
    const [set] = loadKubernetesSets(repoFiles(files));
    expect(set?.id).toBe('kubernetes:prod/kustomization.yaml');
    expect(
      set?.workloads.map((w) => ({
        name: w.name,
        image: w.image?.ref,
        labels: w.labels,
        settings: w.settings.map((s) => `${s.via} ${s.key}=${s.value}`),
      })),
    ).toEqual([
      {
        name: 'api-v2',
        image: 'shop/api:2',
        labels: { app: 'api', team: 'core' },
        settings: ['configmap QUEUE_HOST=rabbit', 'configmap MODE=prod', 'secret AMQP_PASSWORD=***'],
      },
      {
        name: 'worker-v2',
        image: 'shop/worker@sha256:0123abcd',
        labels: { app: 'worker', team: 'core' },
        settings: [
          'configmap QUEUE_HOST=rabbit',
          'configmap MODE=prod',
          'secret AMQP_PASSWORD=***',
          'command queue-host=rabbit-prod',
        ],
      },
    ]);
    expect(JSON.stringify(set)).not.toContain('guest');
  });
});
