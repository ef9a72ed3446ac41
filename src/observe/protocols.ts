/**
 * OpenTelemetry's names of systems (db.system.name, messaging.system, rpc.system, url.scheme)
 * in depmap's protocol vocabulary, so an observed call reads like a declared one and `init
 * --observed` writes only what `validate` accepts. A name depmap has no word for is dropped.
 */
import { PROTOCOLS } from '../manifest/vocabulary.js';

const OTEL_NAMES: Record<string, (typeof PROTOCOLS)[number]> = {
  postgresql: 'postgres',
  'aws.redshift': 'postgres',
  mariadb: 'mysql',
  'microsoft.sql_server': 'mssql',
  'oracle.db': 'oracle',
  rabbitmq: 'amqp',
  activemq: 'amqp',
  aws_sqs: 'sqs',
  'aws.sqs': 'sqs',
  'aws.sns': 'sns',
  gcp_pubsub: 'pubsub',
  'gcp.pubsub': 'pubsub',
  opensearch: 'elasticsearch',
  https: 'http',
  connect_rpc: 'grpc',
  'gcp.spanner': 'sql',
  'azure.cosmosdb': 'sql',
  sqlite: 'sql',
  h2: 'sql',
  db2: 'sql',
  'ibm.db2': 'sql',
  other_sql: 'sql',
  cockroachdb: 'postgres',
  'aws.dynamodb': 'sql',
  rocketmq: 'amqp',
};

const KNOWN = new Set<string>(PROTOCOLS);

/** depmap's word for an observed system or scheme, or undefined when it has none. */
export function depmapProtocol(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const key = name.trim().toLowerCase();
  if (KNOWN.has(key)) return key;
  return OTEL_NAMES[key];
}
