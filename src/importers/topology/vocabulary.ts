/**
 * The words depmap.yaml accepts for protocols and kinds (PROTOCOLS, SERVICE_KINDS and
 * COMPONENT_KINDS in the manifest schema), so that what an importer discovers can be
 * written into a manifest as is. A protocol depmap does not name becomes `x-<name>`.
 */
import {
  COMPONENT_KINDS as SPEC_COMPONENT_KINDS,
  PROTOCOLS as SPEC_PROTOCOLS,
  SERVICE_KINDS as SPEC_SERVICE_KINDS,
} from '../../manifest/vocabulary.js';

const PROTOCOL_ALIASES: Record<string, string> = {
  https: 'http',
  http2: 'http',
  h2c: 'http',
  rest: 'http',
  openapi: 'http',
  grpcs: 'grpc',
  ws: 'websocket',
  wss: 'websocket',
  postgresql: 'postgres',
  cockroachdb: 'postgres',
  mariadb: 'mysql',
  sqlserver: 'mssql',
  cql: 'cassandra',
  mongo: 'mongodb',
  rediss: 'redis',
  amqps: 'amqp',
  ldaps: 'ldap',
};

const PROTOCOLS: ReadonlySet<string> = new Set(SPEC_PROTOCOLS);

export function normalizeProtocol(protocol: string | undefined): string | undefined {
  if (!protocol) return undefined;
  const lower = protocol.trim().toLowerCase();
  const known = PROTOCOL_ALIASES[lower] ?? lower;
  if (PROTOCOLS.has(known) || /^x-[a-z0-9][a-z0-9-]*$/.test(known)) return known;
  const slug = known.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug ? `x-${slug}` : undefined;
}

export const SERVICE_KINDS: ReadonlySet<string> = new Set(SPEC_SERVICE_KINDS);
export const COMPONENT_KINDS: ReadonlySet<string> = new Set(SPEC_COMPONENT_KINDS);

/** The kind of what speaks a protocol: a `postgres://` address is a database, `http://` a service. */
const PROTOCOL_KINDS: Record<string, string> = {
  sql: 'database',
  postgres: 'database',
  mysql: 'database',
  mssql: 'database',
  oracle: 'database',
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
