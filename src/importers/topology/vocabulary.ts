/**
 * The words depmap.yaml accepts for protocols and kinds (PROTOCOLS, SERVICE_KINDS and
 * COMPONENT_KINDS in the manifest schema), so that what an importer discovers can be
 * written into a manifest as is. A protocol depmap does not name becomes `x-<name>`.
 */

const PROTOCOL_ALIASES: Record<string, string> = {
  https: 'http',
  http2: 'http',
  h2c: 'http',
  rest: 'http',
  openapi: 'http',
  grpcs: 'grpc',
  ws: 'websocket',
  wss: 'websocket',
  postgres: 'sql',
  postgresql: 'sql',
  mysql: 'sql',
  mariadb: 'sql',
  mssql: 'sql',
  sqlserver: 'sql',
  oracle: 'sql',
  cockroachdb: 'sql',
  cql: 'cassandra',
  mongo: 'mongodb',
  rediss: 'redis',
  amqps: 'amqp',
  ldaps: 'ldap',
};

const PROTOCOLS = new Set([
  'http',
  'grpc',
  'graphql',
  'websocket',
  'soap',
  'thrift',
  'tcp',
  'udp',
  'kafka',
  'amqp',
  'mqtt',
  'nats',
  'sqs',
  'sns',
  'pubsub',
  'sql',
  'mongodb',
  'redis',
  'memcached',
  'cassandra',
  'elasticsearch',
  's3',
  'smtp',
  'ldap',
  'oidc',
  'file',
]);

export function normalizeProtocol(protocol: string | undefined): string | undefined {
  if (!protocol) return undefined;
  const lower = protocol.trim().toLowerCase();
  const known = PROTOCOL_ALIASES[lower] ?? lower;
  if (PROTOCOLS.has(known) || /^x-[a-z0-9][a-z0-9-]*$/.test(known)) return known;
  const slug = known.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug ? `x-${slug}` : undefined;
}

export const SERVICE_KINDS = new Set([
  'service',
  'database',
  'cache',
  'queue',
  'stream',
  'storage',
  'search',
  'external',
  'identity',
  'email',
]);
export const COMPONENT_KINDS = new Set([
  'service',
  'library',
  'job',
  'frontend',
  'worker',
  'function',
  'cli',
  'mobile',
  'pipeline',
  'gateway',
]);

/** The kind of what speaks a protocol: a `postgres://` address is a database, `http://` a service. */
const PROTOCOL_KINDS: Record<string, string> = {
  sql: 'database',
  mongodb: 'database',
  cassandra: 'database',
  redis: 'cache',
  memcached: 'cache',
  amqp: 'queue',
  mqtt: 'queue',
  nats: 'queue',
  sqs: 'queue',
  sns: 'queue',
  pubsub: 'queue',
  kafka: 'stream',
  elasticsearch: 'search',
  s3: 'storage',
  smtp: 'email',
  ldap: 'identity',
  oidc: 'identity',
};

export function kindOfProtocol(protocol: string | undefined): string | undefined {
  return protocol === undefined ? undefined : PROTOCOL_KINDS[protocol];
}
