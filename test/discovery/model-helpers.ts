/** Small builders for deployment-model values in tests: plain data, as the loaders return it. */
import type { DeploymentSet, Setting, Workload } from '../../src/discovery/model.js';

export function workload(name: string, extra: Partial<Workload> = {}): Workload {
  return {
    name,
    aliases: [],
    labels: {},
    declared: { file: 'docker-compose.yml', line: 1 },
    alsoDeclared: [],
    runs: 'service',
    settings: [],
    dependsOn: [],
    ports: [],
    ...extra,
  };
}

export function env(key: string, value: string, extra: Partial<Setting> = {}): Setting {
  return { key, value, via: 'env', file: 'docker-compose.yml', line: 10, ...extra };
}

export function set(id: string, workloads: Workload[], files?: string[]): DeploymentSet {
  const kind = id.startsWith('compose:') ? 'compose' : 'kubernetes';
  const path = id.slice(id.indexOf(':') + 1);
  return { id, kind, files: files ?? [path], workloads, endpoints: [], routes: [], problems: [] };
}
