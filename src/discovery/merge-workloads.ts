/**
 * The workloads of the chosen sets as one map. One workload described by several sets (the
 * compose service and the Kubernetes Deployment of the same thing, reached as `cart` in one and
 * `carts` in the other) is one entry: merged, never dropped. The first set (the shallowest,
 * see choose-deployment.ts) wins where they differ (image, build, a setting of the same key);
 * the others add what it does not say, and every place that declares it is kept.
 */
import type { DeploymentSet, Endpoint, Route, Workload } from './model.js';

export interface MergedModel {
  workloads: Map<string, Workload>;
  endpoints: Endpoint[];
  routes: Route[];
}

function copy(w: Workload): Workload {
  return {
    ...w,
    aliases: [...w.aliases],
    labels: { ...w.labels },
    alsoDeclared: [...w.alsoDeclared],
    settings: [...w.settings],
    dependsOn: [...w.dependsOn],
    ports: [...w.ports],
  };
}

export function mergeWorkloads(sets: readonly DeploymentSet[]): MergedModel {
  const workloads = new Map<string, Workload>();
  const byName = new Map<string, string>();
  const endpoints: Endpoint[] = [];
  const routes: Route[] = [];
  const origin = new Map<string, DeploymentSet>();
  for (const set of sets) {
    for (const w of set.workloads) {
      const key = [w.name, ...w.aliases].map((n) => byName.get(n.toLowerCase())).find((k) => k !== undefined);
      // Two workloads of one set are two things, whatever names they share (one Service selecting both).
      const into = key === undefined || origin.get(key) === set ? undefined : workloads.get(key);
      if (!into) {
        const twin = workloads.get(w.name);
        if (twin) {
          twin.alsoDeclared.push(w.declared); // the same name twice in one set: one workload, both places kept
          continue;
        }
        workloads.set(w.name, copy(w));
        origin.set(w.name, set);
        for (const n of [w.name, ...w.aliases]) if (!byName.has(n.toLowerCase())) byName.set(n.toLowerCase(), w.name);
        continue;
      }
      for (const n of [w.name, ...w.aliases]) {
        if (n !== into.name && !into.aliases.includes(n)) into.aliases.push(n);
        if (!byName.has(n.toLowerCase())) byName.set(n.toLowerCase(), into.name);
      }
      into.alsoDeclared.push(w.declared, ...w.alsoDeclared);
      into.image ??= w.image;
      into.build ??= w.build;
      for (const [k, v] of Object.entries(w.labels)) into.labels[k] ??= v;
      const keys = new Set(into.settings.map((s) => s.key));
      into.settings.push(...w.settings.filter((s) => !keys.has(s.key)));
      const deps = new Set(into.dependsOn.map((d) => d.name));
      into.dependsOn.push(...w.dependsOn.filter((d) => !deps.has(d.name)));
      const ports = new Set(into.ports.map((p) => p.port));
      into.ports.push(...w.ports.filter((p) => !ports.has(p.port)));
    }
    endpoints.push(...set.endpoints);
    routes.push(...set.routes);
  }
  return { workloads, endpoints, routes };
}
