/**
 * Kubernetes manifests (one or many documents, `kind: List` included). Workloads
 * (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod) become components named
 * after the workload, with their first container's image; infrastructure images become
 * infrastructure nodes. A container env var (inline, or from a ConfigMap in the same file
 * through `envFrom`/`configMapKeyRef`) that addresses a Service (`orders`,
 * `orders.shop.svc.cluster.local:8080`, a URL) is an edge to the workload that Service
 * selects, or to the Service itself when no workload here matches its selector.
 * ExternalName Services are external nodes. Helm templates are not rendered.
 */
import { asArray, asString, entriesOf, isRecord, lineAtOffset, type Located } from '../util/located.js';
import { parseYamlWithLines } from '../util/yaml-with-lines.js';
import { emptyResult, type DiscoveredComponent, type DiscoveredEdge } from '../types.js';
import { defineImporter } from '../define-importer.js';
import { externalNode, findAddresses, maskedEvidence, serviceNameOfHost } from '../topology/addresses.js';
import { classifyImage } from '../topology/classify-image.js';
import { addEdge, addTopology } from '../topology/edges.js';
import { normalizeProtocol } from '../topology/vocabulary.js';

interface WorkloadSpec {
  kind: string;
  podSpec: string[];
  labels: string[];
}

const WORKLOADS: Record<string, WorkloadSpec> = {
  Deployment: {
    kind: 'service',
    podSpec: ['spec', 'template', 'spec'],
    labels: ['spec', 'template', 'metadata', 'labels'],
  },
  StatefulSet: {
    kind: 'service',
    podSpec: ['spec', 'template', 'spec'],
    labels: ['spec', 'template', 'metadata', 'labels'],
  },
  DaemonSet: {
    kind: 'service',
    podSpec: ['spec', 'template', 'spec'],
    labels: ['spec', 'template', 'metadata', 'labels'],
  },
  ReplicaSet: {
    kind: 'service',
    podSpec: ['spec', 'template', 'spec'],
    labels: ['spec', 'template', 'metadata', 'labels'],
  },
  Job: { kind: 'job', podSpec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  CronJob: {
    kind: 'job',
    podSpec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    labels: ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'],
  },
  Pod: { kind: 'service', podSpec: ['spec'], labels: ['metadata', 'labels'] },
};

interface Resource {
  value: Record<string, unknown>;
  /** Path of this resource inside its document (`items[3]` for a List). */
  base: (string | number)[];
  doc: Located;
}

interface Workload {
  resource: Resource;
  name: string;
  spec: WorkloadSpec;
  /** The pod's containers as written, so that their indexes are their paths'. */
  containers: unknown[];
}

function looksLikeKubernetes(text: string): boolean {
  return (
    /^apiVersion:\s*\S+/m.test(text) && /^kind:\s*\S+/m.test(text) && !/^\s*(openapi|asyncapi|swagger):/m.test(text)
  );
}

export const kubernetesImporter = defineImporter({
  id: 'kubernetes',
  files: 'Kubernetes manifests',
  description: 'workloads, Services, ConfigMaps, cluster DNS names',
  provides: 'services',
  matches: (file) =>
    /(^|\/)(k8s|kube|kubernetes|manifests|deploy|deployment|deployments)\/.*\.ya?ml$/.test(file) ||
    /\.k8s\.ya?ml$/.test(file),
  sniff: { ext: /\.ya?ml$/i, test: looksLikeKubernetes },
  parse(text) {
    const result = emptyResult();
    if (/\{\{[\s\S]*?\}\}/.test(text)) {
      result.problems.push({
        line: lineAtOffset(text, text.indexOf('{{')),
        message: 'this is a Helm/Go template, not a manifest',
        hint: 'render it first (helm template … > rendered.yaml) and import the output',
      });
      return result;
    }
    const { docs, problems } = parseYamlWithLines(text);
    result.problems.push(...problems);
    const resources: Resource[] = [];
    for (const doc of docs) {
      if (!isRecord(doc.value)) continue;
      if (doc.value.kind === 'List')
        asArray(doc.value.items).forEach(
          (item, index) => isRecord(item) && resources.push({ value: item, base: ['items', index], doc }),
        );
      else resources.push({ value: doc.value, base: [], doc });
    }
    const lineOf = (resource: Resource, ...path: (string | number)[]): number | undefined =>
      resource.doc.lineOf(...resource.base, ...path);
    const nameOf = (resource: Resource): string | undefined =>
      asString(isRecord(resource.value.metadata) ? resource.value.metadata.name : undefined);

    const configMaps = new Map<string, Record<string, unknown>>();
    const services = new Map<string, Resource>();
    const workloads: Workload[] = [];
    for (const resource of resources) {
      const kind = asString(resource.value.kind);
      const name = nameOf(resource);
      if (!kind || !name) {
        if (kind !== undefined || resource.value.apiVersion !== undefined)
          result.problems.push({ line: lineOf(resource), message: 'a resource needs kind and metadata.name' });
        continue;
      }
      // Own keys only: `kind: constructor` must not find Object.prototype's.
      const spec = Object.hasOwn(WORKLOADS, kind) ? WORKLOADS[kind] : undefined;
      if (kind === 'ConfigMap' && isRecord(resource.value.data)) configMaps.set(name, resource.value.data);
      else if (kind === 'Service') services.set(name, resource);
      else if (spec) {
        const pod = dig(resource.value, spec.podSpec);
        workloads.push({ resource, name, spec, containers: asArray(isRecord(pod) ? pod.containers : undefined) });
      }
    }

    const components = new Map<string, DiscoveredComponent>();
    const podLabels = new Map<string, Record<string, unknown>>();
    for (const { resource: workload, name, spec, containers } of workloads) {
      const image = asString(containers.find(isRecord)?.image);
      const classified = classifyImage(image);
      const metadata = isRecord(workload.value.metadata) ? workload.value.metadata : {};
      const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
      const labels = isRecord(metadata.labels) ? metadata.labels : {};
      const component: DiscoveredComponent = {
        name,
        kind: classified?.kind ?? spec.kind,
        infrastructure: classified?.infrastructure ?? false,
        ...(image ? { image } : {}),
        line: lineOf(workload, 'metadata', 'name') ?? lineOf(workload),
      };
      const system = asString(labels['app.kubernetes.io/part-of']);
      if (system) component.system = system;
      const description = asString(annotations.description) ?? asString(annotations['kubernetes.io/description']);
      if (description) component.description = description;
      components.set(name, component);
      const labelsOfPod = dig(workload.value, spec.labels);
      if (isRecord(labelsOfPod)) podLabels.set(name, labelsOfPod);
    }

    // Service name → the workload it selects (exactly one), or itself.
    const serviceTarget = new Map<string, string>();
    for (const [name, service] of services) {
      const spec = isRecord(service.value.spec) ? service.value.spec : {};
      if (spec.type === 'ExternalName') {
        const host = asString(spec.externalName) ?? name;
        components.set(name, {
          name,
          kind: 'external',
          infrastructure: true,
          url: `https://${host}`,
          line: lineOf(service, 'metadata', 'name'),
        });
        serviceTarget.set(name, name);
        continue;
      }
      const selector = isRecord(spec.selector) ? spec.selector : undefined;
      const selected = selector
        ? [...podLabels]
            .filter(([, labels]) => Object.entries(selector).every(([key, value]) => labels[key] === value))
            .map(([workload]) => workload)
        : [];
      serviceTarget.set(name, selected.length === 1 ? selected[0]! : name);
    }
    const known = (host: string): boolean => serviceTarget.has(host) || components.has(host);

    const edges: DiscoveredEdge[] = [];
    for (const { resource: workload, name: from, spec, containers } of workloads) {
      containers.forEach((container, containerIndex) => {
        if (!isRecord(container)) return;
        const containerPath = [...spec.podSpec, 'containers', containerIndex];
        const vars: { key: string; value: string; line?: number }[] = [];
        for (const source of asArray(container.envFrom)) {
          const ref =
            isRecord(source) && isRecord(source.configMapRef) ? asString(source.configMapRef.name) : undefined;
          const data = ref ? configMaps.get(ref) : undefined;
          for (const [key, value] of entriesOf(data)) {
            const str = asString(value);
            if (str !== undefined) vars.push({ key, value: str, line: lineOf(workload, ...containerPath, 'envFrom') });
          }
        }
        asArray(container.env).forEach((entry, index) => {
          if (!isRecord(entry)) return;
          const key = asString(entry.name);
          if (!key) return;
          let value = asString(entry.value);
          const keyRef =
            isRecord(entry.valueFrom) && isRecord(entry.valueFrom.configMapKeyRef)
              ? entry.valueFrom.configMapKeyRef
              : undefined;
          if (value === undefined && keyRef)
            value = asString(configMaps.get(asString(keyRef.name) ?? '')?.[asString(keyRef.key) ?? '']);
          if (value !== undefined) vars.push({ key, value, line: lineOf(workload, ...containerPath, 'env', index) });
        });
        for (const { key, value, line } of vars) {
          for (const address of findAddresses(key, value)) {
            const service = serviceNameOfHost(address.host, known);
            const evidence = maskedEvidence(key, value);
            const external = externalNode(address);
            if (service) {
              const to = serviceTarget.get(service) ?? service;
              if (to === from) continue;
              if (!components.has(to))
                components.set(to, {
                  name: to,
                  kind: 'service',
                  infrastructure: false,
                  line: services.has(to) ? lineOf(services.get(to)!, 'metadata', 'name') : undefined,
                });
              addEdge(edges, {
                from,
                to,
                protocol: address.protocol ?? portProtocol(services.get(service), address.port),
                line,
                evidence,
              });
            } else if (external) {
              if (!components.has(external.name)) components.set(external.name, external);
              addEdge(edges, { from, to: external.name, protocol: address.protocol, line, evidence });
            }
          }
        }
      });
    }
    addTopology(result, components, edges);
    return result;
  },
});

/** The protocol a Service port declares (`appProtocol`, or a port named `grpc`/`http`). */
function portProtocol(service: Resource | undefined, port: number | undefined): string | undefined {
  if (!service || !isRecord(service.value.spec)) return undefined;
  const ports = asArray(service.value.spec.ports).filter(isRecord);
  const match = ports.find((p) => port === undefined || p.port === port) ?? ports[0];
  if (!match) return undefined;
  const declared = asString(match.appProtocol) ?? asString(match.name);
  if (!declared) return undefined;
  const lower = declared.toLowerCase().replace(/^kubernetes\.io\//, '');
  if (lower.startsWith('http') || lower === 'h2c' || lower === 'web') return 'http';
  const known: [RegExp, string][] = [
    [/^grpc/, 'grpc'],
    [/^postgres/, 'postgres'],
    [/^(redis)/, 'redis'],
    [/^amqp/, 'amqp'],
    [/^kafka/, 'kafka'],
    [/^mysql/, 'mysql'],
    [/^mongo/, 'mongodb'],
  ];
  return normalizeProtocol(known.find(([pattern]) => pattern.test(lower))?.[1]);
}

function dig(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}
