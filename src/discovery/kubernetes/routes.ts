/**
 * Calls written as rules rather than addresses: a NetworkPolicy's egress rule lets the pods it
 * selects call the pods its `to` selects, an ingress rule lets its `from` pods call the pods
 * it selects; an Istio VirtualService matched on `sourceLabels` routes one workload's calls.
 * Only rules naming both ends count: a policy over every pod (`podSelector: {}`), a rule to
 * anywhere or an ipBlock is a default, not a call; gateways and Ingresses are entry points.
 */
import type { Route, SourceRef, Workload } from '../model.js';
import { asArray, asString, isRecord } from '../../importers/util/located.js';
import { metadataOf, protocolOfPortName } from '../../importers/kubernetes/resources.js';
import type { KubeResource } from './manifest-files.js';
import {
  describeSelector,
  isEmptySelector,
  labelsOf,
  matchesLabels,
  matchesSelector,
  type Labels,
} from './label-selectors.js';
import { sameNamespace } from './workloads.js';
import type { ValueOrigins } from './value-origins.js';

const METADATA_NAME = 'kubernetes.io/metadata.name';

export function routesOf(
  resources: readonly KubeResource[],
  workloads: readonly Workload[],
  origins: ValueOrigins,
): Route[] {
  const namespaceLabels = new Map<string, Labels>();
  for (const r of resources)
    if (r.kind === 'Namespace')
      namespaceLabels.set(r.name, { ...labelsOf(metadataOf(r.value).labels), [METADATA_NAME]: r.name });
  const labelsOfNamespace = (ns: string): Labels => namespaceLabels.get(ns) ?? { [METADATA_NAME]: ns };
  const routes: Route[] = [];
  const add = (route: Route): void => {
    if (route.from === route.to) return;
    if (
      !routes.some((r) => r.from === route.from && r.to === route.to && r.file === route.file && r.line === route.line)
    )
      routes.push(route);
  };
  for (const r of resources) {
    if (r.kind === 'NetworkPolicy') networkPolicy(r, workloads, origins, labelsOfNamespace, add);
    else if (r.kind === 'VirtualService') virtualService(r, workloads, origins, add);
  }
  return routes;
}

function networkPolicy(
  policy: KubeResource,
  workloads: readonly Workload[],
  origins: ValueOrigins,
  labelsOfNamespace: (ns: string) => Labels,
  add: (route: Route) => void,
): void {
  const spec = isRecord(policy.value.spec) ? policy.value.spec : {};
  if (isEmptySelector(spec.podSelector)) return;
  const namespace = asString(metadataOf(policy.value).namespace);
  const selected = workloads.filter(
    (w) => sameNamespace(w.namespace, namespace) && matchesSelector(w.labels, spec.podSelector),
  );
  const peersOf = (peer: unknown): Workload[] => {
    if (!isRecord(peer) || peer.ipBlock !== undefined) return [];
    const pods = peer.podSelector;
    const spaces = peer.namespaceSelector;
    if (spaces === undefined) {
      if (isEmptySelector(pods)) return [];
      return workloads.filter((w) => sameNamespace(w.namespace, namespace) && matchesSelector(w.labels, pods));
    }
    if (isEmptySelector(spaces) && isEmptySelector(pods)) return [];
    return workloads.filter(
      (w) =>
        (isEmptySelector(spaces) ||
          (w.namespace !== undefined && matchesSelector(labelsOfNamespace(w.namespace), spaces))) &&
        (pods === undefined || matchesSelector(w.labels, pods)),
    );
  };
  for (const direction of ['egress', 'ingress'] as const) {
    for (const rule of asArray(spec[direction]).filter(isRecord)) {
      const peers = asArray(direction === 'egress' ? rule.to : rule.from);
      for (const peer of peers) {
        const others = peersOf(peer);
        const at: SourceRef = origins.of(peer) ?? { file: policy.file };
        const text = `NetworkPolicy ${policy.name} ${direction}: ${describeSelector(spec.podSelector)} ${direction === 'egress' ? '→' : '←'} ${describePeer(peer)}${describePorts(rule.ports)}`;
        for (const inside of selected) {
          for (const other of others) {
            const [from, to] = direction === 'egress' ? [inside, other] : [other, inside];
            const protocol = ruleProtocol(rule.ports, to);
            add({
              kind: 'network-policy',
              from: from.name,
              to: to.name,
              ...(protocol ? { protocol } : {}),
              text,
              ...at,
            });
          }
        }
      }
    }
  }
}

function describePeer(peer: unknown): string {
  if (!isRecord(peer)) return '';
  const parts: string[] = [];
  if (peer.namespaceSelector !== undefined) parts.push(`namespace ${describeSelector(peer.namespaceSelector) || '*'}`);
  if (peer.podSelector !== undefined) parts.push(`pods ${describeSelector(peer.podSelector) || '*'}`);
  return parts.join(' ');
}

function describePorts(ports: unknown): string {
  const list = asArray(ports)
    .filter(isRecord)
    .map((p) => `${asString(p.port) ?? '*'}${p.protocol ? `/${asString(p.protocol)}` : ''}`);
  return list.length > 0 ? ` port ${list.join(',')}` : '';
}

/** A named port says its protocol; a numbered one, the name the callee gives that port. */
function ruleProtocol(ports: unknown, callee: Workload): string | undefined {
  for (const entry of asArray(ports).filter(isRecord)) {
    const port = entry.port;
    const byName = typeof port === 'string' && !/^\d+$/.test(port) ? protocolOfPortName(port) : undefined;
    const byNumber = callee.ports.find((p) => p.port === Number(port))?.protocol;
    if (byName ?? byNumber) return byName ?? byNumber;
  }
  return undefined;
}

function virtualService(
  service: KubeResource,
  workloads: readonly Workload[],
  origins: ValueOrigins,
  add: (route: Route) => void,
): void {
  const spec = isRecord(service.value.spec) ? service.value.spec : {};
  const namespace = asString(metadataOf(service.value).namespace);
  for (const protocol of ['http', 'tcp', 'tls'] as const) {
    for (const route of asArray(spec[protocol]).filter(isRecord)) {
      const hosts = asArray(route.route)
        .filter(isRecord)
        .map((d) => (isRecord(d.destination) ? asString(d.destination.host) : undefined))
        .filter((h): h is string => h !== undefined);
      for (const match of asArray(route.match).filter(isRecord)) {
        const source = labelsOf(match.sourceLabels);
        if (!source || Object.keys(source).length === 0) continue;
        const sourceNamespace = asString(match.sourceNamespace) ?? namespace;
        const callers = workloads.filter(
          (w) => sameNamespace(w.namespace, sourceNamespace) && matchesLabels(w.labels, source),
        );
        const at = origins.at(match, 'sourceLabels') ?? { file: service.file };
        for (const caller of callers)
          for (const host of hosts)
            add({
              kind: 'proxy',
              from: caller.name,
              to: host,
              ...(protocol === 'http' ? { protocol: 'http' } : {}),
              text: `VirtualService ${service.name}: ${describeSelector({ matchLabels: source })} → ${host}`,
              ...at,
            });
      }
    }
  }
}
