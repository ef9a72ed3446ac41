/**
 * Kubernetes manifests (one or many documents, `kind: List` included). Workloads (Deployment,
 * StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Argo Rollout, Job, CronJob, Pod)
 * become components named after the workload, with their first container's image;
 * infrastructure images become infrastructure nodes. A container env var (inline, or from a
 * ConfigMap in the same file through `envFrom`/`configMapKeyRef`) that addresses a Service
 * (`orders`, `orders.shop.svc.cluster.local:8080`, a URL) is an edge to the workload that
 * Service selects, or to the Service itself when no workload here matches its selector.
 * ExternalName Services are external nodes. Helm templates are not rendered.
 */
import { asArray, asString, entriesOf, isRecord, lineAtOffset } from '../util/located.js';
import { parseYamlWithLines } from '../util/yaml-with-lines.js';
import { emptyResult, type DiscoveredComponent, type DiscoveredEdge } from '../types.js';
import { defineImporter } from '../define-importer.js';
import { externalNode, findAddresses, maskedEvidence, serviceNameOfHost } from '../topology/addresses.js';
import { classifyImage } from '../topology/classify-image.js';
import { addEdge, addTopology } from '../topology/edges.js';
import {
  containersOf,
  dig,
  isGoTemplate,
  lineOfResource,
  nameOf,
  protocolOfPortName,
  resourcesOf,
  workloadKind,
  type Resource,
  type WorkloadKind,
} from './resources.js';

interface Workload {
  resource: Resource;
  name: string;
  spec: WorkloadKind;
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
    if (isGoTemplate(text)) {
      result.problems.push({
        line: lineAtOffset(text, text.indexOf('{{')),
        message: 'this is a Helm/Go template, not a manifest',
        hint: 'render it first (helm template … > rendered.yaml) and import the output',
      });
      return result;
    }
    const { docs, problems } = parseYamlWithLines(text);
    result.problems.push(...problems);
    const resources = resourcesOf(docs);
    const lineOf = lineOfResource;

    const configMaps = new Map<string, Record<string, unknown>>();
    const services = new Map<string, Resource>();
    const workloads: Workload[] = [];
    for (const resource of resources) {
      const kind = asString(resource.value.kind);
      const name = nameOf(resource.value);
      if (!kind || !name) {
        if (kind !== undefined || resource.value.apiVersion !== undefined)
          result.problems.push({ line: lineOf(resource), message: 'a resource needs kind and metadata.name' });
        continue;
      }
      const spec = workloadKind(kind);
      if (kind === 'ConfigMap' && isRecord(resource.value.data)) configMaps.set(name, resource.value.data);
      else if (kind === 'Service') services.set(name, resource);
      else if (spec) {
        const pod = dig(resource.value, spec.podSpec);
        workloads.push({ resource, name, spec, containers: containersOf(pod) });
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
        kind: classified?.kind ?? spec.runs,
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
  return protocolOfPortName(asString(match.appProtocol) ?? asString(match.name));
}
