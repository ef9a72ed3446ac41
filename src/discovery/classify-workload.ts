/**
 * What a workload is: an application the team writes, infrastructure it runs (a database, a
 * cache, a queue, search…), or a telemetry backend (tracing, metrics, logs). The image says it
 * most often (`postgres:16`, `bitnami/redis`); a workload built from the repo says it through
 * its Dockerfile's base image (`FROM mongo:5`); failing both, the ports it listens on (an
 * engine's port and no other), or, listening on none that is known and calling no other
 * workload, the server settings only that engine reads (`POSTGRES_DB`): its clients are often
 * handed the same settings, beside the address they connect to.
 */
import { classifyImage, isInfrastructureKind, protocolOfImage } from '../importers/topology/classify-image.js';
import { parseImageReference } from '../manifest/image-reference.js';
import type { Workload } from './model.js';

type WorkloadRole = 'app' | 'infra' | 'telemetry';

export interface WorkloadClass {
  role: WorkloadRole;
  /** A component kind for an app (`service`, `job`), a service kind for the rest (`database`, `telemetry`). */
  kind: string;
  /** The protocol it serves, when its engine says it (`postgres`, `redis`, `amqp`). */
  protocol?: string;
}

/** Tracing, metrics and log backends and collectors: part of the platform, scored apart from calls. */
const TELEMETRY =
  /^(jaeger|all-in-one|zipkin|otel|opentelemetry-collector(-contrib)?|otelcol(-contrib)?|prometheus|grafana|loki|tempo|mimir|promtail|fluentd|fluent-bit|filebeat|logstash|vector|datadog|agent|dd-agent|newrelic|elastic-agent|apm-server|signoz|victoria-metrics|alertmanager|pushgateway|node-exporter|cadvisor|kibana)(-.*)?$/;

/** Settings only a server of that engine reads. */
const ENGINE_SETTINGS: [RegExp, string, string][] = [
  [/^POSTGRES(QL)?_(DB|USER|PASSWORD|INITDB_ARGS)$/, 'database', 'postgres'],
  [/^(MYSQL|MARIADB)_(ROOT_PASSWORD|DATABASE|USER|ALLOW_EMPTY_PASSWORD|RANDOM_ROOT_PASSWORD)$/, 'database', 'mysql'],
  [/^MONGO_INITDB_/, 'database', 'mongodb'],
  [/^RABBITMQ_(DEFAULT_USER|DEFAULT_PASS|ERLANG_COOKIE)$/, 'queue', 'amqp'],
  [/^(KAFKA_(BROKER_ID|ADVERTISED_LISTENERS|ZOOKEEPER_CONNECT)|KAFKA_CFG_)/, 'stream', 'kafka'],
  [/^(ELASTIC_PASSWORD|discovery\.type|OPENSEARCH_JAVA_OPTS|cluster\.name)$/, 'search', 'http'],
];

/** A port only one engine listens on by default. */
const ENGINE_PORTS: Record<number, [string, string]> = {
  5432: ['database', 'postgres'],
  3306: ['database', 'mysql'],
  27017: ['database', 'mongodb'],
  6379: ['cache', 'redis'],
  11211: ['cache', 'memcached'],
  5672: ['queue', 'amqp'],
  9092: ['stream', 'kafka'],
  9042: ['database', 'cassandra'],
};

function repositoryName(image: string): string {
  const { repository } = parseImageReference(image);
  return (repository.split('/').pop() ?? repository).toLowerCase();
}

/**
 * `baseImage`: the Dockerfile's `FROM` for a workload the repo builds. `runs`: a job stays a
 * job whatever it runs.
 */
export function classifyWorkload(
  workload: Workload,
  baseImage?: string,
  /** True when its settings address another workload: a client of an engine, not the engine. */
  callsOthers = false,
): WorkloadClass {
  const images = [workload.image?.ref, baseImage].filter((i): i is string => i !== undefined);
  for (const image of images) {
    if (TELEMETRY.test(repositoryName(image))) return { role: 'telemetry', kind: 'telemetry' };
    const found = classifyImage(image);
    // A proxy or a mock (`nginx`, `envoy`, `wiremock`) is not an engine: built from the repo it
    // is the team's application, run as it is it is their gateway.
    if (found && !isInfrastructureKind(found.kind)) {
      return { role: 'app', kind: workload.build ? (workload.runs === 'job' ? 'job' : 'service') : 'gateway' };
    }
    if (found) {
      const protocol = protocolOfImage(image);
      return { role: 'infra', kind: found.kind, ...(protocol ? { protocol } : {}) };
    }
  }
  // A workload built from the team's own source with an application base image is theirs.
  if (workload.build !== undefined && images.length > 0)
    return { role: 'app', kind: workload.runs === 'job' ? 'job' : 'service' };
  // What it listens on says what it serves: an engine's port only, that engine; any other port,
  // an application (a client handed the database's settings listens on its own port).
  const ports = workload.ports.map((p) => p.port);
  const engine = ports.map((p) => ENGINE_PORTS[p]).find((e) => e !== undefined);
  if (engine && ports.every((p) => ENGINE_PORTS[p] !== undefined)) {
    return { role: 'infra', kind: engine[0], protocol: engine[1] };
  }
  if (ports.length === 0 && !callsOthers) {
    for (const setting of workload.settings) {
      if (setting.via === 'dockerfile' || setting.via === 'properties') continue;
      const found = ENGINE_SETTINGS.find(([pattern]) => pattern.test(setting.key));
      if (found) return { role: 'infra', kind: found[1], protocol: found[2] };
    }
  }
  return { role: 'app', kind: workload.runs === 'job' ? 'job' : 'service' };
}
