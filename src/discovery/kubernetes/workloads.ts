/**
 * A Kubernetes workload or Service as the deployment model holds it. A workload is named by its
 * metadata.name, never its file; its image and settings are its app container's: the
 * container named like the workload, else the first that is not a known sidecar (a mesh
 * proxy, a Cloud SQL proxy, a log shipper), since the sidecar's image says nothing of the
 * service. A Service is an endpoint with its selector and named ports.
 */
import type { Endpoint, Port, SourceRef, Workload } from '../model.js';
import { asArray, asString, isRecord } from '../../importers/util/located.js';
import {
  containersOf,
  dig,
  metadataOf,
  protocolOfPortName,
  workloadKind,
} from '../../importers/kubernetes/resources.js';
import type { KubeResource } from './manifest-files.js';
import { containerSettings, type ConfigLookup } from './container-settings.js';
import { labelsOf } from './label-selectors.js';
import type { ValueOrigins } from './value-origins.js';

const SIDECAR_NAME =
  /^(istio-(proxy|init|validation)|linkerd-(proxy|init)|envoy(-sidecar|-proxy)?|cloud-?sql-(auth-)?proxy|vault-agent(-init)?|consul-(connect-)?(envoy|dataplane)(-sidecar)?|datadog-agent|dd-agent|fluent-?bit|fluentd|filebeat|promtail|(aws-)?otel-collector|opentelemetry-collector|jaeger-agent|oauth2-proxy|kube-rbac-proxy|(prometheus-)?config-reloader|cloudflared|daprd)$/;
const SIDECAR_IMAGE =
  /(^|\/)(proxyv2|proxy-init|linkerd2?-proxy(-init)?|envoy(-alpine)?|gce-proxy|cloud-sql-proxy|cloudsql-proxy|vault|(aws-)?otel-collector(-contrib)?|opentelemetry-collector(-contrib)?|jaeger-agent|oauth2-proxy|kube-rbac-proxy|fluent-bit|fluentd|daprd)(:|@|$)/;

function isSidecar(container: Record<string, unknown>): boolean {
  return SIDECAR_NAME.test(asString(container.name) ?? '') || SIDECAR_IMAGE.test(asString(container.image) ?? '');
}

function appContainer(
  containers: readonly Record<string, unknown>[],
  workload: string,
): Record<string, unknown> | undefined {
  return containers.find((c) => c.name === workload) ?? containers.find((c) => !isSidecar(c)) ?? containers[0];
}

export interface WorkloadContext {
  origins: ValueOrigins;
  lookup: ConfigLookup;
  writtenImages: WeakMap<object, string>;
}

export function workloadOf(resource: KubeResource, ctx: WorkloadContext): Workload | undefined {
  const kind = workloadKind(resource.kind);
  if (!kind) return undefined;
  const spec = isRecord(resource.value.spec) ? resource.value.spec : {};
  // A Rollout that points at a Deployment runs that Deployment's pods: the Deployment is the workload.
  if (resource.kind === 'Rollout' && spec.workloadRef !== undefined) return undefined;
  const { origins } = ctx;
  const metadata = metadataOf(resource.value);
  const declared = origins.at(metadata, 'name') ?? origins.of(resource.value) ?? { file: resource.file };
  const containers = containersOf(dig(resource.value, kind.podSpec)).filter(isRecord);
  const app = appContainer(containers, resource.name);
  const image = asString(app?.image);
  const namespace = asString(metadata.namespace);
  return {
    name: resource.name,
    aliases: [],
    labels: labelsOf(dig(resource.value, kind.labels)) ?? {},
    declared,
    alsoDeclared: [...resource.alsoDeclared],
    runs: kind.runs,
    ...(app && image !== undefined
      ? {
          image: {
            written: ctx.writtenImages.get(app) ?? image,
            ref: image,
            ...(origins.at(app, 'image') ?? declared),
          },
        }
      : {}),
    settings: app ? containerSettings(app, origins, ctx.lookup, declared) : [],
    dependsOn: [],
    ports: app ? containerPorts(app) : [],
    ...(namespace ? { namespace } : {}),
  };
}

function portNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : Number(asString(value));
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined;
}

function containerPorts(container: Record<string, unknown>): Port[] {
  const ports: Port[] = [];
  for (const entry of asArray(container.ports).filter(isRecord)) {
    const port = portNumber(entry.containerPort);
    if (port === undefined) continue;
    const name = asString(entry.name);
    const protocol = protocolOfPortName(name);
    ports.push({ port, ...(name ? { name } : {}), ...(protocol ? { protocol } : {}) });
  }
  return ports;
}

export function endpointOf(resource: KubeResource, origins: ValueOrigins): Endpoint | undefined {
  if (resource.kind !== 'Service') return undefined;
  const spec = isRecord(resource.value.spec) ? resource.value.spec : {};
  const selector = labelsOf(spec.selector);
  const ports: Port[] = [];
  for (const entry of asArray(spec.ports).filter(isRecord)) {
    const port = portNumber(entry.port);
    if (port === undefined) continue;
    const name = asString(entry.name);
    const protocol = protocolOfPortName(asString(entry.appProtocol) ?? name);
    const targetPort = portNumber(entry.targetPort) ?? asString(entry.targetPort);
    ports.push({
      port,
      ...(name ? { name } : {}),
      ...(protocol ? { protocol } : {}),
      ...(targetPort !== undefined ? { targetPort } : {}),
    });
  }
  const externalName = spec.type === 'ExternalName' ? asString(spec.externalName) : undefined;
  const namespace = asString(metadataOf(resource.value).namespace);
  const declared: SourceRef = origins.at(metadataOf(resource.value), 'name') ?? { file: resource.file };
  return {
    name: resource.name,
    ...declared,
    ...(selector && Object.keys(selector).length > 0 ? { selector } : {}),
    ports,
    ...(externalName ? { externalName } : {}),
    ...(namespace ? { namespace } : {}),
  };
}

/** Two namespaces that may be the same: equal, or one left to `kubectl -n`. */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}
