/**
 * What a container image most likely is, from its repository name: a database, a cache, a
 * queue… Anything not recognised is an application service. Only the last path segment
 * counts (`bitnami/postgresql`, `docker.io/library/postgres`, `ghcr.io/x/redis-stack`).
 */

import { parseImageReference } from '../../manifest/image-reference.js';
import { SERVICE_KINDS } from '../../manifest/vocabulary.js';
import { normalizeProtocol } from './vocabulary.js';

/** Image names by the service kind (SERVICE_KINDS of the spec) of what they run. */
const KINDS: [RegExp, string][] = [
  [
    /^(postgres|postgresql|postgis|timescaledb|mysql|mariadb|percona|mongo|mongodb|cockroach|cockroachdb|cassandra|scylla|couchdb|couchbase|neo4j|clickhouse(-server)?|mssql|mssql-server|oracle|oracle-database|yugabyte|surrealdb|influxdb|dynamodb-local|spanner-emulator|firestore-emulator|questdb|arangodb|dgraph|etcd)(-.*)?$/,
    'database',
  ],
  [/^(redis|redis-stack|valkey|keydb|dragonfly|memcached|hazelcast|varnish)(-.*)?$/, 'cache'],
  [
    /^(rabbitmq|activemq|artemis|nats|nats-streaming|mosquitto|emqx|sqs|elasticmq|pubsub-emulator|beanstalkd)(-.*)?$/,
    'queue',
  ],
  [/^(kafka|cp-kafka|redpanda|pulsar|zookeeper|cp-zookeeper|kinesis|kinesalite)(-.*)?$/, 'stream'],
  [/^(minio|localstack|azurite|fake-gcs-server|s3mock|seaweedfs)(-.*)?$/, 'storage'],
  [
    /^(elasticsearch|opensearch|meilisearch|solr|typesense|manticore|zincsearch|qdrant|weaviate|milvus)(-.*)?$/,
    'search',
  ],
  [/^(keycloak|dex|hydra|authentik|zitadel|oauth2-proxy)(-.*)?$/, 'identity'],
  [/^(mailhog|mailpit|smtp4dev|maildev|greenmail|postfix)(-.*)?$/, 'email'],
  // Run, not written, by the team, but none of the kinds above: proxies, telemetry, secrets, mocks.
  [
    /^(nginx|traefik|envoy|haproxy|caddy|kong|apisix|jaeger|all-in-one|otel|opentelemetry-collector(-contrib)?|zipkin|prometheus|grafana|loki|tempo|datadog|vault|consul|wiremock|mockserver|prism|adminer|pgadmin4?|redis-commander|kafka-ui|mongo-express)(-.*)?$/,
    'service',
  ],
];

/** Every service kind but `service` is infrastructure or a third party: what a team runs, not writes. */
const INFRASTRUCTURE: ReadonlySet<string> = new Set(SERVICE_KINDS.filter((k) => k !== 'service'));

/** `registry:5000/team/postgres:16.3@sha256:…` → `postgres`. */
function imageRepositoryName(image: string): string {
  const { repository } = parseImageReference(image);
  const last = repository.slice(repository.lastIndexOf('/') + 1);
  // A variable in the tag (`redis:${TAG:-7}`, common in compose files) leaves a colon in the
  // name: the image is what comes before it.
  return (last.split(':')[0] ?? last).toLowerCase();
}

export function classifyImage(image: string | undefined): { kind: string; infrastructure: boolean } | undefined {
  if (!image) return undefined;
  const name = imageRepositoryName(image);
  for (const [pattern, kind] of KINDS) if (pattern.test(name)) return { kind, infrastructure: true };
  return undefined;
}

export function isInfrastructureKind(kind: string): boolean {
  return INFRASTRUCTURE.has(kind);
}

/** Protocol a well-known infrastructure image speaks, when an edge has no URL to say it. */
export function protocolOfImage(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const name = imageRepositoryName(image);
  const table: [RegExp, string][] = [
    [/^(postgres|postgresql|postgis|timescaledb|cockroach|yugabyte)/, 'postgres'],
    [/^(mysql|mariadb|percona)/, 'mysql'],
    [/^mongo/, 'mongodb'],
    [/^(redis|valkey|keydb|dragonfly)/, 'redis'],
    [/^memcached/, 'memcached'],
    [/^(rabbitmq|activemq|artemis)/, 'amqp'],
    [/^(kafka|cp-kafka|redpanda)/, 'kafka'],
    [/^nats/, 'nats'],
    [/^(elasticsearch|opensearch|meilisearch|solr|typesense|minio|localstack|azurite)/, 'http'],
  ];
  for (const [pattern, protocol] of table) if (pattern.test(name)) return normalizeProtocol(protocol);
  return undefined;
}
