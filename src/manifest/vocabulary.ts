/**
 * The words of the spec: kinds, protocols and scopes. Kept apart from the zod schema so that
 * modules that only need the lists (the graph build, the CLI) do not load zod.
 */

/** Component kinds: what a manifest describes. */
export const COMPONENT_KINDS = [
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
] as const;

/** Kinds of what a component calls: another service, or infrastructure and third parties. */
export const SERVICE_KINDS = [
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
  'telemetry',
] as const;

/** Protocols depmap knows; anything else is written `x-<name>`. */
export const PROTOCOLS = [
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
  'postgres',
  'mysql',
  'mssql',
  'oracle',
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
] as const;

/** Scopes of a library: where it is used. */
export const SCOPES = ['runtime', 'dev', 'test', 'build', 'optional', 'peer', 'provided'] as const;
