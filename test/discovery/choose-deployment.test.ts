import { describe, expect, it } from 'vitest';
import { chooseDeployment } from '../../src/discovery/choose-deployment.js';
import { env, set, workload } from './model-helpers.js';

const ids = (r: ReturnType<typeof chooseDeployment>) => r.sets.map((s) => s.id);

describe('which deployment sets are the deployment', () => {
  it('a project wins over the dev stacks of its services, which describe the same workloads', () => {
    const root = set('compose:docker-compose.yml', [workload('web'), workload('payment'), workload('rabbitmq')]);
    const dev = set('compose:payment/docker-compose.yml', [workload('payment'), workload('rabbitmq')]);
    const chosen = chooseDeployment([dev, root]);
    expect(ids(chosen)).toEqual(['compose:docker-compose.yml']);
    expect(chosen.left.map((l) => [l.set.id, l.why])).toEqual([
      [
        'compose:payment/docker-compose.yml',
        'a variant of compose:docker-compose.yml: it describes the same workloads',
      ],
    ]);
  });

  it('a file included by a project is part of it, not a deployment of its own', () => {
    const app = set(
      'compose:src/app/docker-compose.yml',
      [workload('ui'), workload('catalog')],
      ['src/app/docker-compose.yml', 'src/catalog/docker-compose.yml'],
    );
    const catalog = set('compose:src/catalog/docker-compose.yml', [workload('catalog')]);
    const chosen = chooseDeployment([catalog, app]);
    expect(ids(chosen)).toEqual(['compose:src/app/docker-compose.yml']);
    expect(chosen.left).toEqual([]);
  });

  it('Kubernetes manifests of the same workloads are another view of the deployment; a variant folder is not', () => {
    const compose = set('compose:docker-compose.yml', [workload('web'), workload('db')]);
    const k8s = set('kubernetes:deploy', [workload('web', { declared: { file: 'deploy/web.yaml', line: 3 } })]);
    const variant = set('kubernetes:deploy/extras/cloudsql', [workload('web')]);
    expect(ids(chooseDeployment([variant, k8s, compose]))).toEqual(['compose:docker-compose.yml', 'kubernetes:deploy']);
  });

  it('a deeper set joins when it calls into the deployment; one that neither calls nor is called is left out, with why', () => {
    const root = set('compose:docker-compose.yml', [workload('web')]);
    const load = set('kubernetes:k8s', [workload('load', { settings: [env('HOST', 'http://web:8080/')] })]);
    const shipper = set('kubernetes:logging/k8s', [workload('fluentd')]);
    const chosen = chooseDeployment([root, load, shipper]);
    expect(ids(chosen)).toEqual(['compose:docker-compose.yml', 'kubernetes:k8s']);
    expect(chosen.left.map((l) => l.set.id)).toEqual(['kubernetes:logging/k8s']);
    expect(chosen.left[0]?.why).toContain('neither calls nor is called');
  });

  it('sets of the same depth with other workloads are all the deployment (a monorepo of services)', () => {
    const a = set('kubernetes:services/a/k8s', [workload('a')]);
    const b = set('kubernetes:services/b/k8s', [workload('b')]);
    expect(ids(chooseDeployment([b, a]))).toEqual(['kubernetes:services/a/k8s', 'kubernetes:services/b/k8s']);
  });
});
