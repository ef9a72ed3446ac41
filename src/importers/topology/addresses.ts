/**
 * Finds the hosts an environment variable points at: URLs (`http://orders:8080/x`,
 * `postgres://u:p@orders-db/app`, `jdbc:postgresql://db:5432/x`, multi-host
 * `mongodb://a:27017,b:27017`), `host:port` lists (`kafka-1:9092,kafka-2:9092`), connection
 * strings (`Host=db;Port=5432`), and a bare host name in a variable whose name says it is an
 * address (`ORDERS_HOST=orders`). Evidence is the variable with every secret masked.
 */
import type { DiscoveredComponent } from '../types.js';
import { normalizeProtocol } from './vocabulary.js';

export interface Address {
  host: string;
  port?: number;
  /** Protocol from the URL scheme or the well-known port. */
  protocol?: string;
  /** The URL, for an address written with a scheme (http, grpc, …): only those may name an external API. */
  url?: string;
}

const SCHEME_PROTOCOLS: Record<string, string> = {
  http: 'http',
  https: 'http',
  grpc: 'grpc',
  grpcs: 'grpc',
  dns: 'grpc',
  ws: 'websocket',
  wss: 'websocket',
  postgres: 'postgres',
  postgresql: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
  mongodb: 'mongodb',
  'mongodb+srv': 'mongodb',
  redis: 'redis',
  rediss: 'redis',
  amqp: 'amqp',
  amqps: 'amqp',
  kafka: 'kafka',
  nats: 'nats',
  tcp: 'tcp',
  sqlserver: 'mssql',
  mssql: 'mssql',
  memcached: 'memcached',
  smtp: 'smtp',
  ldap: 'ldap',
  ldaps: 'ldap',
  s3: 's3',
};

const PORT_PROTOCOLS: Record<number, string> = {
  5432: 'postgres',
  26257: 'postgres',
  3306: 'mysql',
  27017: 'mongodb',
  6379: 'redis',
  11211: 'memcached',
  5672: 'amqp',
  9092: 'kafka',
  4222: 'nats',
  9200: 'http',
  1433: 'mssql',
  9042: 'cql',
  50051: 'grpc',
  80: 'http',
  443: 'http',
  8080: 'http',
  1025: 'smtp',
  25: 'smtp',
};

const ADDRESS_KEY =
  /(HOST|HOSTNAME|HOSTS|ADDR|ADDRESS|SERVER|SERVERS|ENDPOINT|URL|URI|DSN|BROKER|BROKERS|SERVICE|TARGET|UPSTREAM)$/i;
/** A word of the key that says its value is a secret: `DB_PASSWORD`, `RABBITMQ_DEFAULT_PASS`, `AWS_SECRET_ACCESS_KEY`. */
const SECRET_WORD = /^(PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|CREDENTIALS?|APIKEY)$/;
const SECRET_PAIR = /(API|PRIVATE|ACCESS|SECRET|AUTH|SIGNING|ENCRYPTION|MASTER)_KEY/;
/** A key that ends in a secret word, even run together: `DBPASSWORD`, `CLIENTSECRET`. */
const SECRET_END = /(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)$/i;
/** A last word that makes any key a secret: `INSTANA_AGENT_KEY`, `BASIC_AUTH`. */
const SECRET_LAST = /^(KEY|AUTH|PASSPHRASE)$/;
/** A last word that says the value is about the secret, not the secret: `TOKEN_URL`, `PASSWORD_FILE`. */
const NOT_SECRET_LAST =
  /^(URL|URI|HOST|HOSTNAME|ENDPOINT|ADDR|ADDRESS|PORT|FILE|PATH|DIR|ENABLED|ENABLE|NAME|USER|USERNAME|ID|TTL|TIMEOUT|LENGTH|EXPIRY|EXPIRATION|REF)$/;
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)*$/;

function protocolOf(scheme: string | undefined, port: number | undefined): string | undefined {
  if (scheme) {
    const lower = scheme.toLowerCase().replace(/^jdbc:/, '');
    const known = SCHEME_PROTOCOLS[lower];
    if (known) return normalizeProtocol(known);
  }
  return port === undefined ? undefined : normalizeProtocol(PORT_PROTOCOLS[port]);
}

function hostPort(text: string): { host: string; port?: number } | undefined {
  if (text.startsWith('[')) return undefined;
  const [host, port] = text.split(':');
  if (!host || !HOST.test(host)) return undefined;
  const portNumber = port === undefined ? undefined : Number(port);
  if (portNumber !== undefined && !(Number.isInteger(portNumber) && portNumber > 0 && portNumber < 65536))
    return undefined;
  return { host: host.toLowerCase(), ...(portNumber !== undefined ? { port: portNumber } : {}) };
}

export function findAddresses(key: string, value: string): Address[] {
  const found: Address[] = [];
  // `dns:///host:port` is gRPC's name-resolver syntax: an empty authority, then the host.
  const urls = /((?:jdbc:)?[A-Za-z][A-Za-z0-9+.-]*):\/\/\/?(?:[^@/\s]*@)?([^/\s?#;"']+)/g;
  let matched = false;
  for (const match of value.matchAll(urls)) {
    matched = true;
    const scheme = match[1]!;
    for (const part of match[2]!.split(',')) {
      const hp = hostPort(part);
      if (!hp) continue;
      found.push({
        ...hp,
        protocol: protocolOf(scheme, hp.port),
        url: `${scheme.toLowerCase().replace(/^jdbc:/, '')}://${part}`,
      });
    }
  }
  if (matched) return found;
  for (const match of value.matchAll(
    /(?:^|[;\s])(?:host|server|data source|address|addr|hostname)\s*=\s*(?:tcp:)?([^;\s,]+)/gi,
  )) {
    const hp = hostPort(match[1]!.replace(/,(\d+)$/, ':$1'));
    if (hp) found.push({ ...hp, protocol: protocolOf(undefined, hp.port) });
  }
  if (found.length > 0) return found;
  const parts = value.split(/[,\s]+/).filter(Boolean);
  const allHostPorts = parts.length > 0 && parts.every((part) => /^[A-Za-z0-9._-]+:\d{1,5}$/.test(part));
  if (allHostPorts) {
    for (const part of parts) {
      const hp = hostPort(part);
      if (hp) found.push({ ...hp, protocol: protocolOf(undefined, hp.port) });
    }
    return found;
  }
  if (ADDRESS_KEY.test(key) && parts.length === 1 && HOST.test(value)) found.push({ host: value.toLowerCase() });
  return found;
}

/** Whether a variable or property named so holds a secret, whose value is never kept. */
export function isSecretKey(key: string): boolean {
  if (SECRET_END.test(key)) return true;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  if (words.length === 0 || NOT_SECRET_LAST.test(words[words.length - 1]!)) return false;
  return (
    SECRET_LAST.test(words[words.length - 1]!) ||
    words.some((word) => SECRET_WORD.test(word)) ||
    SECRET_PAIR.test(words.join('_'))
  );
}

/** A value with the password of a URL (`//user:***@host`) and of a connection string (`Password=***`) masked. */
export function maskCredentials(value: string): string {
  return value
    .replace(/(\/\/[^:/@\s]*):[^@/\s]*@/g, '$1:***@')
    .replace(/((?:password|pwd|passwd|secret|token)\s*=\s*)[^;&\s]*/gi, '$1***');
}

/** The value of `key` as it may be kept: `***` for a secret-looking key, else with the passwords of URLs and connection strings masked. */
export function maskedValue(key: string, value: string): string {
  return isSecretKey(key) ? '***' : maskCredentials(value);
}

/** `KEY=value`, masked, on one line of at most 120 characters of value: evidence as people read it. */
export function evidenceText(key: string, value: string): string {
  const masked = maskedValue(key, value).replace(/\s+/g, ' ');
  return `${key}=${masked.length > 120 ? `${masked.slice(0, 117)}...` : masked}`;
}

/** `env KEY=value` with passwords in URLs and connection strings, and whole secret values, masked. */
export function maskedEvidence(key: string, value: string): string {
  return `env ${evidenceText(key, value)}`;
}

/**
 * Kubernetes cluster DNS: `orders`, `orders.shop`, `orders.shop.svc`,
 * `orders.shop.svc.cluster.local` all name the Service `orders`.
 */
export function serviceNameOfHost(host: string, known: (name: string) => boolean): string | undefined {
  if (known(host)) return host;
  const stripped = host.replace(/\.svc(\.cluster\.local)?$/, '');
  const first = stripped.split('.')[0]!;
  if (stripped !== host || stripped.split('.').length === 2) {
    if (known(first)) return first;
  }
  return undefined;
}

/** Variables whose bare value (no scheme, no port) is a host: `ORDERS_HOST=orders`, not `DD_SERVICE=shop`. */
const BARE_HOST_KEY = /(HOST|HOSTNAME|ADDR|ADDRESS|URL|URI|ENDPOINT)$/i;

/**
 * The service of the organisation an address most likely names when the file itself does
 * not define it: a single-label host (`http://payments:8080`) or a Kubernetes cluster name
 * (`payments.shop.svc.cluster.local`) resolves inside a network the team runs, so it is
 * another team's service, deployed from another repo. Loopback, IPs, the Docker host and
 * dotted names (public or not) are not taken for one; nor is a bare word in a variable
 * that only may hold a host (`DD_SERVICE=shop`, `BUILD_TARGET=release`).
 */
export function internalServiceName(key: string, address: Address): string | undefined {
  if (address.url === undefined && address.port === undefined && !BARE_HOST_KEY.test(key)) return undefined;
  const host = address.host;
  if (/^(localhost|host\.docker\.internal|gateway\.docker\.internal|\d+(\.\d+){3})$/.test(host)) return undefined;
  const cluster = /^([a-z0-9][a-z0-9-]*)(\.[a-z0-9-]+)?\.svc(\.cluster\.local)?$/.exec(host);
  if (cluster) return cluster[1];
  return host.includes('.') ? undefined : host;
}

/** A public host name (not localhost, an IP, or an internal domain): a third-party API. */
function isExternalHost(host: string): boolean {
  if (!host.includes('.')) return false;
  if (/^\d+(\.\d+){3}$/.test(host)) return false;
  if (
    /(^|\.)(localhost|local|internal|lan|svc|cluster\.local|home|corp|intranet|test|example|invalid|docker)$/.test(host)
  )
    return false;
  if (host === 'host.docker.internal') return false;
  return /\.[a-z]{2,}$/.test(host);
}

/** The external node a URL to a public host stands for (`https://api.stripe.com/v1` → `api.stripe.com`), if it is one. */
export function externalNode(address: Address): DiscoveredComponent | undefined {
  if (!address.url || !isExternalHost(address.host) || !/^(https?|grpcs?|wss?):/.test(address.url)) return undefined;
  return {
    name: address.host,
    kind: 'external',
    infrastructure: true,
    url: `${address.url.split('://')[0]}://${address.host}`,
  };
}
