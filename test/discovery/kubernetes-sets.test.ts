import { describe, expect, it } from 'vitest';
import { loadKubernetesSets } from '../../src/discovery/kubernetes-sets.js';
import type { DeploymentSet } from '../../src/discovery/model.js';
import { lineOf, repoFiles } from './repo-files.js';

const SHOP: Record<string, string> = {
  'deploy/config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-addresses
data:
  ORDERS_ADDR: "orders:8080"
  PAYMENTS_URL: "grpc://payments:50051"
  DB_PASSWORD: hunter2
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-db
data:
  DATABASE_URL: postgres://shop:s3cret@shop-db:5432/shop
  FEATURE_FLAG: true
---
apiVersion: v1
kind: Secret
metadata:
  name: shop-tokens
stringData:
  STRIPE_TOKEN: sk_live_do_not_keep
`,
  'deploy/web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app: web
        tier: front
    spec:
      containers:
        - name: istio-proxy
          image: docker.io/istio/proxyv2:1.22.0
        - name: server
          image: registry.example.com/shop/web:1.4.2
          ports:
            - containerPort: 8080
              name: http-web
            - containerPort: 9090
              name: grpc
          envFrom:
            - configMapRef:
                name: shop-addresses
            - secretRef:
                name: shop-tokens
          env:
            - name: ORDERS_HOST
              value: orders
            - name: ORDERS_URL
              value: http://$(ORDERS_HOST):8080/api
            - name: LITERAL
              value: $$(ORDERS_HOST) and $(UNDEFINED)
            - name: DB_URL
              valueFrom:
                configMapKeyRef:
                  name: shop-db
                  key: DATABASE_URL
            - name: API_KEY
              valueFrom:
                secretKeyRef:
                  name: shop-tokens
                  key: STRIPE_TOKEN
            - name: NODE_IP
              valueFrom:
                fieldRef:
                  fieldPath: status.hostIP
            - name: RETRIES
              value: 3
          args: ["--cart-addr=cart:7070", "--catalog-url", "http://$(ORDERS_HOST):9000", "-Dspring.redis.host=cache", "--verbose"]
`,
  'deploy/services.yaml': `apiVersion: v1
kind: Service
metadata:
  name: storefront
spec:
  selector:
    app: web
  ports:
    - name: http
      port: 80
      targetPort: http-web
    - name: admin
      port: 9090
      targetPort: 9090
      appProtocol: kubernetes.io/h2c
---
apiVersion: v1
kind: Service
metadata:
  name: web-headless
spec:
  clusterIP: None
  selector:
    app: web
  ports:
    - name: grpc
      port: 9090
---
apiVersion: v1
kind: Service
metadata:
  name: orders-elsewhere
  namespace: other
spec:
  selector:
    app: orders
---
apiVersion: v1
kind: Service
metadata:
  name: mail
spec:
  type: ExternalName
  externalName: smtp.mail.example.net
`,
  'deploy/orders.json': JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: 'orders', namespace: 'shop' },
          spec: {
            template: {
              metadata: { labels: { app: 'orders' } },
              spec: { containers: [{ name: 'orders', image: 'shop/orders:2.0' }] },
            },
          },
        },
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'nightly-report' },
          spec: {
            jobTemplate: { spec: { template: { spec: { containers: [{ name: 'report', image: 'shop/report:1' }] } } } },
          },
        },
      ],
    },
    null,
    2,
  ),
  'deploy/netpol.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-egress
spec:
  podSelector:
    matchLabels:
      app: web
  egress:
    - to:
        - podSelector:
            matchLabels:
              app: orders
      ports:
        - port: 8080
          protocol: TCP
    - to:
        - ipBlock:
            cidr: 10.0.0.0/8
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: orders-ingress
spec:
  podSelector:
    matchExpressions:
      - { key: app, operator: In, values: [orders] }
  ingress:
    - from:
        - podSelector:
            matchLabels:
              tier: front
      ports:
        - port: grpc
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-allow
spec:
  podSelector: {}
  egress:
    - to:
        - podSelector:
            matchLabels:
              app: orders
`,
  'deploy/mesh.yaml': `apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: orders-canary
spec:
  hosts: [orders]
  http:
    - match:
        - sourceLabels:
            app: web
      route:
        - destination:
            host: orders-canary.shop.svc.cluster.local
    - route:
        - destination:
            host: orders
---
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: public
spec:
  hosts: ["*"]
  gateways: [public-gateway]
  http:
    - route:
        - destination:
            host: storefront
`,
  'deploy/skaffold.yaml': 'apiVersion: skaffold/v4beta1\nkind: Config\nmetadata:\n  name: shop\n',
  'README.md': '# shop\n',
  'docs/notes.yaml': 'title: not a manifest\nkind: of notes\n',
};

function only(files: Record<string, string>, id: string): DeploymentSet {
  const sets = loadKubernetesSets(repoFiles(files));
  const set = sets.find((s) => s.id === id);
  if (!set) throw new Error(`no set ${id}: ${sets.map((s) => s.id).join(', ')}`);
  return set;
}

describe('loadKubernetesSets: one folder of manifests', () => {
  const set = only(SHOP, 'kubernetes:deploy');
  const workload = (name: string) => set.workloads.find((w) => w.name === name)!;
  const setting = (workload: string, key: string) =>
    set.workloads.find((w) => w.name === workload)?.settings.find((s) => s.key === key);

  it('is one set of the folder, with its manifest files and no problem; other YAML is not a manifest', () => {
    expect(loadKubernetesSets(repoFiles(SHOP)).map((s) => s.id)).toEqual(['kubernetes:deploy']);
    expect(set.files).toEqual([
      'deploy/config.yaml',
      'deploy/mesh.yaml',
      'deploy/netpol.yaml',
      'deploy/orders.json',
      'deploy/services.yaml',
      'deploy/web.yaml',
    ]);
    expect(set.problems).toEqual([]);
  });

  it('workloads by metadata.name, of every kind, a List and JSON included', () => {
    expect(set.workloads.map((w) => `${w.name}:${w.runs}`)).toEqual([
      'orders:service',
      'nightly-report:job',
      'web:service',
    ]);
    expect(workload('web').declared).toEqual({ file: 'deploy/web.yaml', line: 4 });
    expect(workload('web').labels).toEqual({ app: 'web', tier: 'front' });
    expect(workload('orders').declared).toEqual({
      file: 'deploy/orders.json',
      line: lineOf(SHOP, 'deploy/orders.json', '"name": "orders"'),
    });
    expect(workload('nightly-report').image?.ref).toBe('shop/report:1');
    expect(workload('orders').namespace).toBe('shop');
    expect(workload('web').namespace).toBeUndefined();
  });

  it("the app container's image and ports, not the mesh sidecar's", () => {
    expect(workload('web').image).toEqual({
      written: 'registry.example.com/shop/web:1.4.2',
      ref: 'registry.example.com/shop/web:1.4.2',
      file: 'deploy/web.yaml',
      line: 16,
    });
    expect(workload('web').ports).toEqual([
      { port: 8080, name: 'http-web', protocol: 'http' },
      { port: 9090, name: 'grpc', protocol: 'grpc' },
    ]);
  });

  it('envFrom a ConfigMap of another file: every key, at the ConfigMap line, through the envFrom line', () => {
    expect(setting('web', 'ORDERS_ADDR')).toEqual({
      key: 'ORDERS_ADDR',
      value: 'orders:8080',
      via: 'configmap',
      file: 'deploy/config.yaml',
      line: 6,
      through: { file: 'deploy/web.yaml', line: lineOf(SHOP, 'deploy/web.yaml', 'name: shop-addresses') },
    });
    expect(setting('web', 'PAYMENTS_URL')?.value).toBe('grpc://payments:50051');
  });

  it('configMapKeyRef takes the value from the ConfigMap line; a URL password is masked', () => {
    expect(setting('web', 'DB_URL')).toEqual({
      key: 'DB_URL',
      value: 'postgres://shop:***@shop-db:5432/shop',
      via: 'configmap',
      file: 'deploy/config.yaml',
      line: lineOf(SHOP, 'deploy/config.yaml', 'DATABASE_URL'),
      through: { file: 'deploy/web.yaml', line: lineOf(SHOP, 'deploy/web.yaml', '- name: DB_URL') },
    });
  });

  it('secrets: secretKeyRef, envFrom secretRef and secret-looking keys are masked, never kept', () => {
    expect(setting('web', 'API_KEY')).toEqual({
      key: 'API_KEY',
      value: '***',
      via: 'secret',
      file: 'deploy/web.yaml',
      line: lineOf(SHOP, 'deploy/web.yaml', 'valueFrom', '- name: API_KEY'),
    });
    expect(setting('web', 'STRIPE_TOKEN')).toMatchObject({ value: '***', via: 'secret' });
    expect(setting('web', 'DB_PASSWORD')).toMatchObject({ value: '***', via: 'configmap' });
    const text = JSON.stringify(set);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('sk_live');
  });

  it('$(VAR) is expanded from earlier variables, $$ escapes, an unknown one stays; fieldRef is skipped', () => {
    expect(setting('web', 'ORDERS_URL')).toEqual({
      key: 'ORDERS_URL',
      value: 'http://orders:8080/api',
      written: 'http://$(ORDERS_HOST):8080/api',
      via: 'env',
      file: 'deploy/web.yaml',
      line: lineOf(SHOP, 'deploy/web.yaml', 'value: http://$(ORDERS_HOST)'),
    });
    expect(setting('web', 'LITERAL')?.value).toBe('$(ORDERS_HOST) and $(UNDEFINED)');
    expect(setting('web', 'RETRIES')?.value).toBe('3');
    expect(setting('web', 'NODE_IP')).toBeUndefined();
    expect(setting('web', 'FEATURE_FLAG')).toBeUndefined();
  });

  it('--flag=value, --flag value and -Dkey=value arguments are command settings', () => {
    const flags = workload('web').settings.filter((s) => s.via === 'command');
    const argsLine = lineOf(SHOP, 'deploy/web.yaml', 'args:');
    expect(flags).toEqual([
      { key: 'cart-addr', value: 'cart:7070', via: 'command', file: 'deploy/web.yaml', line: argsLine },
      {
        key: 'catalog-url',
        value: 'http://orders:9000',
        written: 'http://$(ORDERS_HOST):9000',
        via: 'command',
        file: 'deploy/web.yaml',
        line: argsLine,
      },
      { key: 'spring.redis.host', value: 'cache', via: 'command', file: 'deploy/web.yaml', line: argsLine },
    ]);
  });

  it('Services are endpoints with named ports; those selecting a workload are its aliases, in its namespace (or any, when left to kubectl -n)', () => {
    expect(set.endpoints.find((e) => e.name === 'storefront')).toEqual({
      name: 'storefront',
      file: 'deploy/services.yaml',
      line: 4,
      selector: { app: 'web' },
      ports: [
        { port: 80, name: 'http', protocol: 'http', targetPort: 'http-web' },
        { port: 9090, name: 'admin', protocol: 'http', targetPort: 9090 },
      ],
    });
    expect(set.endpoints.find((e) => e.name === 'mail')).toMatchObject({
      externalName: 'smtp.mail.example.net',
      ports: [],
    });
    expect(set.endpoints.find((e) => e.name === 'mail')?.selector).toBeUndefined();
    expect(workload('web').aliases).toEqual(['storefront', 'web-headless']);
    expect(workload('orders').aliases).toEqual([]);
  });

  it('NetworkPolicy rules naming both ends are routes; a policy over every pod and an ipBlock are not', () => {
    expect(set.routes.filter((r) => r.kind === 'network-policy')).toEqual([
      {
        kind: 'network-policy',
        from: 'web',
        to: 'orders',
        text: 'NetworkPolicy web-egress egress: app=web → pods app=orders port 8080/TCP',
        file: 'deploy/netpol.yaml',
        line: 11,
      },
      {
        kind: 'network-policy',
        from: 'web',
        to: 'orders',
        protocol: 'grpc',
        text: 'NetworkPolicy orders-ingress ingress: app in (orders) ← pods tier=front port grpc',
        file: 'deploy/netpol.yaml',
        line: lineOf(SHOP, 'deploy/netpol.yaml', '- podSelector:', 'name: orders-ingress'),
      },
    ]);
  });

  it('a VirtualService matched on sourceLabels routes one workload; one for a gateway is an entry point', () => {
    expect(set.routes.filter((r) => r.kind !== 'network-policy')).toEqual([
      {
        kind: 'proxy',
        from: 'web',
        to: 'orders-canary.shop.svc.cluster.local',
        protocol: 'http',
        text: 'VirtualService orders-canary: app=web → orders-canary.shop.svc.cluster.local',
        file: 'deploy/mesh.yaml',
        line: lineOf(SHOP, 'deploy/mesh.yaml', 'sourceLabels'),
      },
    ]);
  });
});

describe('loadKubernetesSets: across folders', () => {
  it('a ConfigMap missing from the set comes from the copy elsewhere that most copies agree with', () => {
    const config = (addr: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: addresses\ndata:\n  ORDERS_ADDR: ${addr}\n`;
    const files = {
      'apps/web/deploy.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web\n          envFrom:\n            - configMapRef:\n                name: addresses\n',
      'apps/legacy/config.yaml': config('legacy-orders.vm.internal:8080'),
      'envs/prod/config.yaml': config('orders:8080'),
      'envs/staging/config.yaml': config('orders:8080'),
    };
    const web = only(files, 'kubernetes:apps/web').workloads[0]!;
    expect(web.settings).toEqual([
      {
        key: 'ORDERS_ADDR',
        value: 'orders:8080',
        via: 'configmap',
        file: 'envs/prod/config.yaml',
        line: 6,
        through: { file: 'apps/web/deploy.yaml', line: 13 },
      },
    ]);
  });

  it('Argo Rollouts and Pods are workloads; a Rollout pointing at a Deployment is not a second one', () => {
    const files = {
      'k8s/all.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: checkout
spec:
  template:
    metadata:
      labels: { app: checkout }
    spec:
      containers:
        - name: checkout
          image: shop/checkout:3.1.0
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: search-rollout
spec:
  workloadRef: { apiVersion: apps/v1, kind: Deployment, name: search }
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
  labels: { app: debug }
spec:
  containers:
    - name: shell
      image: busybox
`,
    };
    const set = only(files, 'kubernetes:k8s');
    expect(set.workloads.map((w) => [w.name, w.runs, w.image?.ref, w.labels])).toEqual([
      ['checkout', 'service', 'shop/checkout:3.1.0', { app: 'checkout' }],
      ['debug', 'service', 'busybox', { app: 'debug' }],
    ]);
  });
});
