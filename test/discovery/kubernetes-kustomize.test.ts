import { describe, expect, it } from 'vitest';
import { loadKubernetesSets } from '../../src/discovery/kubernetes-sets.js';
import { lineOf, repoFiles } from './repo-files.js';

const DEPLOYMENT = (name: string, image: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: ${name}
          image: ${image}
${extra}`;

const KUSTOMIZE: Record<string, string> = {
  'k8s/base/kustomization.yaml': `resources:
  - deployment.yaml
  - service.yaml
configMapGenerator:
  - name: cart-config
    literals:
      - CATALOG_ADDR=catalog:8080
    envs:
      - cart.env
`,
  'k8s/base/cart.env': '# where the cache is\nREDIS_HOST=cart-redis\n',
  'k8s/base/deployment.yaml': DEPLOYMENT(
    'cart',
    'shop/cart:1.0',
    `          envFrom:
            - configMapRef:
                name: cart-config
          env:
            - name: LOG_LEVEL
              value: info
`,
  ),
  'k8s/base/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: cart
spec:
  selector:
    app: cart
  ports:
    - name: http
      port: 80
      targetPort: 8080
`,
  'k8s/overlays/prod/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: shop-prod
namePrefix: prod-
commonLabels:
  env: prod
resources:
  - ../../base
  - ../../../shared/redis
components:
  - ../../components/metrics
images:
  - name: shop/cart
    newName: registry.example.com/shop/cart
    newTag: 1.2.3
patchesStrategicMerge:
  - cart-env.yaml
patches:
  - target:
      kind: Deployment
      name: cart
    patch: |-
      - op: add
        path: /spec/template/spec/containers/0/args
        value: ["--tracing-url=http://jaeger:14268"]
`,
  'k8s/overlays/prod/cart-env.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
spec:
  template:
    spec:
      containers:
        - name: cart
          env:
            - name: LOG_LEVEL
              value: warn
            - name: ORDERS_URL
              value: http://orders:8080
`,
  'k8s/overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\n',
  'k8s/components/metrics/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
patches:
  - path: sidecar.yaml
    target:
      kind: Deployment
`,
  'k8s/components/metrics/sidecar.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: any
spec:
  template:
    spec:
      containers:
        - name: statsd
          image: prom/statsd-exporter:v0.26.0
`,
  'shared/redis/redis.yaml': DEPLOYMENT('cart-redis', 'redis:7.2.4'),
};

describe('loadKubernetesSets: kustomize', () => {
  const sets = loadKubernetesSets(repoFiles(KUSTOMIZE));
  const prod = sets.find((s) => s.id === 'kubernetes:k8s/overlays/prod/kustomization.yaml')!;
  const cart = prod.workloads.find((w) => w.name === 'prod-cart')!;
  const setting = (key: string) => cart.settings.find((s) => s.key === key);

  it('one set per kustomization root; bases, components and the folders they pull in are not sets', () => {
    expect(sets.map((s) => s.id)).toEqual([
      'kubernetes:k8s/overlays/dev/kustomization.yaml',
      'kubernetes:k8s/overlays/prod/kustomization.yaml',
    ]);
    expect(prod.files).toEqual([
      'k8s/overlays/prod/kustomization.yaml',
      'k8s/base/kustomization.yaml',
      'k8s/base/deployment.yaml',
      'k8s/base/service.yaml',
      'k8s/base/cart.env',
      'shared/redis/redis.yaml',
      'k8s/components/metrics/kustomization.yaml',
      'k8s/components/metrics/sidecar.yaml',
      'k8s/overlays/prod/cart-env.yaml',
    ]);
    expect(prod.problems).toEqual([]);
  });

  it('namePrefix, namespace and commonLabels reach workloads, selectors and Services', () => {
    expect(prod.workloads.map((w) => [w.name, w.namespace, w.labels])).toEqual([
      ['prod-cart', 'shop-prod', { app: 'cart', env: 'prod' }],
      ['prod-cart-redis', 'shop-prod', { app: 'cart-redis', env: 'prod' }],
    ]);
    expect(prod.endpoints.map((e) => [e.name, e.namespace, e.selector])).toEqual([
      ['prod-cart', 'shop-prod', { app: 'cart', env: 'prod' }],
    ]);
  });

  it('images: newName and newTag give the ref, the manifest keeps what was written', () => {
    expect(cart.image).toEqual({
      written: 'shop/cart:1.0',
      ref: 'registry.example.com/shop/cart:1.2.3',
      file: 'k8s/overlays/prod/kustomization.yaml',
      line: lineOf(KUSTOMIZE, 'k8s/overlays/prod/kustomization.yaml', 'newTag'),
    });
    const dev = sets.find((s) => s.id === 'kubernetes:k8s/overlays/dev/kustomization.yaml')!;
    expect(dev.workloads[0]?.image).toEqual({
      written: 'shop/cart:1.0',
      ref: 'shop/cart:1.0',
      file: 'k8s/base/deployment.yaml',
      line: 16,
    });
  });

  it('a strategic merge patch overrides and adds env vars, at the patch lines; patches are recorded', () => {
    expect(setting('LOG_LEVEL')).toEqual({
      key: 'LOG_LEVEL',
      value: 'warn',
      via: 'env',
      file: 'k8s/overlays/prod/cart-env.yaml',
      line: lineOf(KUSTOMIZE, 'k8s/overlays/prod/cart-env.yaml', 'value: warn'),
    });
    expect(setting('ORDERS_URL')).toMatchObject({
      value: 'http://orders:8080',
      file: 'k8s/overlays/prod/cart-env.yaml',
    });
    expect(cart.declared).toEqual({ file: 'k8s/base/deployment.yaml', line: 4 });
    expect(cart.alsoDeclared).toEqual([
      { file: 'k8s/components/metrics/sidecar.yaml', line: 1 },
      { file: 'k8s/overlays/prod/cart-env.yaml', line: 1 },
      {
        file: 'k8s/overlays/prod/kustomization.yaml',
        line: lineOf(KUSTOMIZE, 'k8s/overlays/prod/kustomization.yaml', '- target:'),
      },
    ]);
  });

  it('a JSON patch adds args, read as command settings at the patch entry', () => {
    expect(setting('tracing-url')).toEqual({
      key: 'tracing-url',
      value: 'http://jaeger:14268',
      via: 'command',
      file: 'k8s/overlays/prod/kustomization.yaml',
      line: lineOf(KUSTOMIZE, 'k8s/overlays/prod/kustomization.yaml', '- target:'),
    });
  });

  it("a component's patch adds a container; the app container stays the service's", () => {
    expect(cart.image?.ref).toBe('registry.example.com/shop/cart:1.2.3');
    expect(prod.workloads.find((w) => w.name === 'prod-cart-redis')?.image?.ref).toBe('redis:7.2.4');
  });

  it('configMapGenerator literals and envs files are ConfigMaps, renamed with the prefix like their references', () => {
    expect(setting('CATALOG_ADDR')).toEqual({
      key: 'CATALOG_ADDR',
      value: 'catalog:8080',
      via: 'configmap',
      file: 'k8s/base/kustomization.yaml',
      line: lineOf(KUSTOMIZE, 'k8s/base/kustomization.yaml', 'CATALOG_ADDR'),
      through: {
        file: 'k8s/base/deployment.yaml',
        line: lineOf(KUSTOMIZE, 'k8s/base/deployment.yaml', 'name: cart-config'),
      },
    });
    expect(setting('REDIS_HOST')).toMatchObject({ value: 'cart-redis', file: 'k8s/base/cart.env', line: 2 });
  });
});

describe('loadKubernetesSets: what is not read', () => {
  it('a Helm chart is one warning, its templates and subcharts unread; a template elsewhere is a warning of its folder; a CI workflow is neither', () => {
    const files = {
      'charts/shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\n',
      'charts/shop/values.yaml': 'image:\n  tag: latest\n',
      'charts/shop/templates/deployment.yaml': DEPLOYMENT('{{ .Release.Name }}-web', '{{ .Values.image }}'),
      'charts/shop/templates/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata: {}\n',
      'charts/shop/charts/redis/Chart.yaml': 'apiVersion: v2\nname: redis\n',
      'charts/shop/charts/redis/templates/redis.yaml': DEPLOYMENT('redis', 'redis:7'),
      'manifests/web.yaml': DEPLOYMENT('web', 'shop/web:1'),
      '.github/workflows/deploy.yml':
        'on: push\njobs:\n  deploy:\n    steps:\n      - run: |\n          cat <<EOF | kubectl apply -f -\n          apiVersion: v1\n          kind: Namespace\n          metadata: { name: ${{ github.ref_name }} }\n          EOF\n',
      'manifests/job.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Values.job }}\n',
    };
    const sets = loadKubernetesSets(repoFiles(files));
    expect(sets).toEqual([
      {
        id: 'kubernetes:charts/shop',
        kind: 'kubernetes',
        files: ['charts/shop/Chart.yaml'],
        workloads: [],
        endpoints: [],
        routes: [],
        problems: [
          {
            file: 'charts/shop/Chart.yaml',
            line: 1,
            message: 'a Helm chart: its templates are not rendered (depmap runs no Helm)',
            hint: 'render it (helm template …) and commit or scan the output to map it',
            severity: 'warning',
          },
        ],
      },
      expect.objectContaining({
        id: 'kubernetes:manifests',
        files: ['manifests/job.yaml', 'manifests/web.yaml'],
        problems: [
          {
            file: 'manifests/job.yaml',
            line: 4,
            message: 'a template ({{ … }}) not read: job.yaml',
            hint: 'render it (helm template …) and commit or scan the output',
            severity: 'warning',
          },
        ],
      }),
    ]);
    expect(sets[1]?.workloads.map((w) => w.name)).toEqual(['web']);
  });

  it('hostile kustomizations: a path out of the repo, a remote or missing resource, a cycle, one of itself; the rest is built', () => {
    const files: Record<string, string> = {
      'bad/kustomization.yaml': `resources:
  - ../../etc/passwd
  - /etc/shadow
  - https://github.com/acme/shared//base?ref=v1.0.0
  - missing.yaml
  - ok.yaml
`,
      'bad/ok.yaml': DEPLOYMENT('ok', 'shop/ok:1'),
      'loop/kustomization.yaml': 'resources:\n  - a\n',
      'loop/a/kustomization.yaml': 'resources:\n  - ../b\n',
      'loop/b/kustomization.yaml': 'resources:\n  - ../a\n  - web.yaml\n',
      'loop/b/web.yaml': DEPLOYMENT('web', 'shop/web:1'),
      'selfish/kustomization.yaml': 'resources:\n  - .\n  - api.yaml\n',
      'selfish/api.yaml': DEPLOYMENT('api', 'shop/api:1'),
    };
    const asked: string[] = [];
    const repo = repoFiles(files);
    const sets = loadKubernetesSets({ paths: repo.paths, read: (path) => (asked.push(path), repo.read(path)) });
    expect(asked.filter((p) => p.startsWith('/') || p.includes('..'))).toEqual([]);
    const bad = sets.find((s) => s.id === 'kubernetes:bad/kustomization.yaml')!;
    expect(bad.workloads.map((w) => w.name)).toEqual(['ok']);
    expect(bad.problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [2, 'error', '../../etc/passwd is outside the repo; not read'],
      [3, 'error', '/etc/shadow is outside the repo; not read'],
      [4, 'warning', 'remote resource https://github.com/acme/shared//base?ref=v1.0.0 is not fetched'],
      [5, 'warning', 'missing.yaml is not in the repo'],
    ]);
    const selfish = sets.find((s) => s.id === 'kubernetes:selfish/kustomization.yaml')!;
    expect(selfish.workloads.map((w) => w.name)).toEqual(['api']);
    expect(selfish.problems.map((p) => p.message)).toEqual([
      'kustomization cycle: selfish/kustomization.yaml → selfish/kustomization.yaml',
    ]);
    const loop = sets.find((s) => s.id === 'kubernetes:loop/kustomization.yaml')!;
    expect(loop.workloads.map((w) => w.name)).toEqual(['web']);
    expect(loop.problems).toEqual([
      {
        file: 'loop/a/kustomization.yaml',
        line: 1,
        message:
          'kustomization cycle: loop/kustomization.yaml → loop/a/kustomization.yaml → loop/b/kustomization.yaml → loop/a/kustomization.yaml',
        severity: 'error',
      },
    ]);
  });

  it('an alias bomb and a file that is not YAML are problems of their folder; its other files are read', () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const [prev, name] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
      laughs.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const files = {
      'k8s/bomb.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n${laughs.join('\n')}\n`,
      'k8s/broken.yaml': 'apiVersion: v1\nkind: Service\nmetadata: [\n  name: broken\n',
      'k8s/web.yaml': DEPLOYMENT('web', 'shop/web:1'),
    };
    const [set] = loadKubernetesSets(repoFiles(files));
    expect(set?.workloads.map((w) => w.name)).toEqual(['web']);
    expect(set?.problems.map((p) => [p.file, p.severity, p.message.split(':')[0]])).toEqual([
      ['k8s/bomb.yaml', 'error', 'YAML could not be read'],
      ['k8s/broken.yaml', 'error', 'YAML syntax'],
    ]);
  });
});
