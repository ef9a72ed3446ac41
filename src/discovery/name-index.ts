/**
 * Which workload a host names. A deployment reaches a workload by its own name, by another
 * name it is given (compose hostname, network alias, the Kubernetes Services that select it,
 * the Spring application name), or by a cluster DNS form of one of those
 * (`orders.shop.svc.cluster.local`). One index per repo model, built once.
 */
import type { Workload } from './model.js';

export interface NameIndex {
  /** The workload a host stands for, or undefined. */
  resolve(host: string): string | undefined;
  /** True when the name is known at all (a workload or one of its aliases). */
  has(name: string): boolean;
}

/** `orders.shop.svc.cluster.local`, `orders.shop.svc`, `orders.shop` → `orders`; other hosts as they are. */
function clusterShortName(host: string): string {
  const cluster = /^([a-z0-9][a-z0-9-]*)(\.[a-z0-9-]+)?\.svc(\.cluster\.local)?\.?$/.exec(host);
  if (cluster) return cluster[1] as string;
  const parts = host.split('.');
  // `orders.shop`: a Service in another namespace (two labels, no public top-level domain).
  if (parts.length === 2 && !/^(com|net|org|io|dev|app|cloud|ai|co|us|eu|de|uk)$/.test(parts[1] as string)) {
    return parts[0] as string;
  }
  return host;
}

export function nameIndex(workloads: Iterable<Workload>): NameIndex {
  const byName = new Map<string, string>();
  const all = [...workloads];
  // Own names first: an alias never takes a name another workload has as its own.
  for (const w of all) byName.set(w.name.toLowerCase(), w.name);
  for (const w of all) {
    for (const alias of w.aliases) {
      const key = alias.toLowerCase();
      if (!byName.has(key)) byName.set(key, w.name);
    }
  }
  return {
    resolve(host) {
      const lower = host.toLowerCase().replace(/\.$/, '');
      return byName.get(lower) ?? byName.get(clusterShortName(lower));
    },
    has: (name) => byName.has(name.toLowerCase()),
  };
}
