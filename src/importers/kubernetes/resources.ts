/**
 * What any reader of Kubernetes manifests needs, whether it reads one file (the importer) or
 * every manifest of a repo with what Kustomize pulls in (discovery): the workload kinds and
 * where their pod spec and pod labels sit, the resources of a file (`kind: List` flattened),
 * and what a port's name or `appProtocol` says of its protocol.
 */
import { asArray, asString, isRecord, type Located, type PathSegment } from '../util/located.js';
import { normalizeProtocol } from '../topology/vocabulary.js';

export interface WorkloadKind {
  /** A long-running service, or a job that runs and ends. */
  runs: 'service' | 'job';
  podSpec: string[];
  labels: string[];
}

const TEMPLATED: WorkloadKind = {
  runs: 'service',
  podSpec: ['spec', 'template', 'spec'],
  labels: ['spec', 'template', 'metadata', 'labels'],
};

const WORKLOAD_KINDS: Record<string, WorkloadKind> = {
  Deployment: TEMPLATED,
  StatefulSet: TEMPLATED,
  DaemonSet: TEMPLATED,
  ReplicaSet: TEMPLATED,
  ReplicationController: TEMPLATED,
  // Argo Rollouts: a Deployment with a rollout strategy (one with `workloadRef` has no template).
  Rollout: TEMPLATED,
  Job: { ...TEMPLATED, runs: 'job' },
  CronJob: {
    runs: 'job',
    podSpec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    labels: ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'],
  },
  Pod: { runs: 'service', podSpec: ['spec'], labels: ['metadata', 'labels'] },
};

/** The workload kind of `kind`, own keys only: `kind: constructor` must not find Object.prototype's. */
export function workloadKind(kind: string | undefined): WorkloadKind | undefined {
  return kind !== undefined && Object.hasOwn(WORKLOAD_KINDS, kind) ? WORKLOAD_KINDS[kind] : undefined;
}

export interface Resource {
  value: Record<string, unknown>;
  /** Path of this resource inside its document (`items[3]` for a List). */
  base: PathSegment[];
  doc: Located;
}

/** Every resource of the documents, the items of a `kind: List` each on its own. */
export function resourcesOf(docs: readonly Located[]): Resource[] {
  const resources: Resource[] = [];
  for (const doc of docs) {
    if (!isRecord(doc.value)) continue;
    if (doc.value.kind === 'List')
      asArray(doc.value.items).forEach(
        (item, index) => isRecord(item) && resources.push({ value: item, base: ['items', index], doc }),
      );
    else resources.push({ value: doc.value, base: [], doc });
  }
  return resources;
}

export function lineOfResource(resource: Resource, ...path: PathSegment[]): number | undefined {
  return resource.doc.lineOf(...resource.base, ...path);
}

export function metadataOf(value: Record<string, unknown>): Record<string, unknown> {
  return isRecord(value.metadata) ? value.metadata : {};
}

export function nameOf(value: Record<string, unknown>): string | undefined {
  return asString(metadataOf(value).name);
}

export function dig(value: unknown, path: readonly PathSegment[]): unknown {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isRecord(current) && Object.hasOwn(current, key)) current = current[key];
    else return undefined;
  }
  return current;
}

/** Helm and other Go templates: text to render, not YAML to read. */
export function isGoTemplate(text: string): boolean {
  return /\{\{[\s\S]*?\}\}/.test(text);
}

const PORT_NAME_PROTOCOLS: [RegExp, string][] = [
  [/^grpc/, 'grpc'],
  [/^postgres/, 'postgres'],
  [/^redis/, 'redis'],
  [/^amqp/, 'amqp'],
  [/^kafka/, 'kafka'],
  [/^mysql/, 'mysql'],
  [/^mongo/, 'mongodb'],
];

/**
 * What a port's `appProtocol` or name says (`grpc`, `http-metrics`, `kubernetes.io/h2c`),
 * as depmap's protocol words; undefined when it says nothing known.
 */
export function protocolOfPortName(declared: string | undefined): string | undefined {
  if (!declared) return undefined;
  const lower = declared.toLowerCase().replace(/^kubernetes\.io\//, '');
  if (lower.startsWith('http') || lower === 'h2c' || lower === 'web' || lower === 'ws' || lower === 'wss')
    return lower.startsWith('ws') ? 'websocket' : 'http';
  const known = PORT_NAME_PROTOCOLS.find(([pattern]) => pattern.test(lower))?.[1];
  return known ? normalizeProtocol(known) : undefined;
}

/** The containers of a pod spec, as written (their indexes are their paths'). */
export function containersOf(podSpec: unknown): unknown[] {
  return asArray(isRecord(podSpec) ? podSpec.containers : undefined);
}
