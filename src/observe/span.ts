/**
 * One span as every trace format reads into it (OTLP, Jaeger, Zipkin): only what deriving
 * calls needs, by the OpenTelemetry semantic conventions. Formats set facts through
 * {@link spanFact} with each attribute's key and value, so the conventions live here once.
 */

/** Span kinds that take part in a call; INTERNAL and unspecified spans never do. */
export type CallKind = 'client' | 'server' | 'producer' | 'consumer';

/** What a span's attributes say about the other side of a call. */
export interface SpanFacts {
  /** `service.peer.name`, or the deprecated `peer.service`: the logical name of the peer. */
  peerService?: string;
  /** `server.address` (or the older `net.peer.name`): a host name, for an uninstrumented peer. */
  serverAddress?: string;
  /** `db.system.name` or the older `db.system`. */
  dbSystem?: string;
  /** `db.namespace` or the older `db.name`. */
  dbNamespace?: string;
  messagingSystem?: string;
  /** `messaging.destination.name` (or the older `messaging.destination`). */
  destination?: string;
  rpcSystem?: string;
  /** `http.request.method` or `http.method` was set. */
  http?: boolean;
  /** `http.response.status_code` or `http.status_code`. */
  httpStatus?: number;
  /** The instrumentation marked an error outside the span status (Jaeger's and Zipkin's `error` tag). */
  errorTag?: boolean;
}

export interface SpanRecord {
  spanId: string;
  /**
   * The span this one answers: its parent, or, for a Zipkin server span that shares its
   * client's id (`shared: true`), its own id.
   */
  parentId: string | undefined;
  kind: CallKind;
  service: string;
  namespace: string | undefined;
  /** Ms since the epoch. */
  start: number | undefined;
  durationMs: number | undefined;
  /** Status ERROR, or an error tag. */
  error: boolean;
  facts: SpanFacts;
  file: string;
  line: number;
}

/** Records one attribute (or tag) into `facts` when the conventions give it a meaning here. */
export function spanFact(facts: SpanFacts, key: string, value: unknown): void {
  switch (key) {
    case 'service.peer.name':
      if (typeof value === 'string' && value) facts.peerService = value;
      break;
    case 'peer.service':
      if (typeof value === 'string' && value) facts.peerService ??= value;
      break;
    case 'server.address':
      if (typeof value === 'string' && value) facts.serverAddress = value;
      break;
    case 'net.peer.name':
      if (typeof value === 'string' && value) facts.serverAddress ??= value;
      break;
    case 'db.system.name':
      if (typeof value === 'string' && value) facts.dbSystem = value;
      break;
    case 'db.system':
      if (typeof value === 'string' && value) facts.dbSystem ??= value;
      break;
    case 'db.namespace':
      if (typeof value === 'string' && value) facts.dbNamespace = value;
      break;
    case 'db.name':
      if (typeof value === 'string' && value) facts.dbNamespace ??= value;
      break;
    case 'messaging.system':
      if (typeof value === 'string' && value) facts.messagingSystem = value;
      break;
    case 'messaging.destination.name':
      if (typeof value === 'string' && value) facts.destination = value;
      break;
    case 'messaging.destination':
      if (typeof value === 'string' && value) facts.destination ??= value;
      break;
    case 'rpc.system':
      if (typeof value === 'string' && value) facts.rpcSystem = value;
      break;
    case 'http.request.method':
    case 'http.method':
      facts.http = true;
      break;
    case 'http.response.status_code':
    case 'http.status_code': {
      const status = typeof value === 'number' ? value : Number(value);
      if (Number.isFinite(status)) facts.httpStatus = status;
      break;
    }
    case 'error':
      facts.errorTag = value === true || (typeof value === 'string' && value !== 'false');
      break;
    case 'otel.status_code':
      if (value === 'ERROR') facts.errorTag = true;
      break;
  }
}

/** The protocol a span's attributes name: rpc.system, then messaging.system, db.system, http. */
export function protocolOf(facts: SpanFacts): string | undefined {
  return facts.rpcSystem ?? facts.messagingSystem ?? facts.dbSystem ?? (facts.http ? 'http' : undefined);
}

/** Span kind from the words formats use: `client`, `SPAN_KIND_CLIENT`, `CLIENT`. */
export function callKindOf(word: string): CallKind | undefined {
  switch (word) {
    case 'client':
    case 'CLIENT':
    case 'SPAN_KIND_CLIENT':
      return 'client';
    case 'server':
    case 'SERVER':
    case 'SPAN_KIND_SERVER':
      return 'server';
    case 'producer':
    case 'PRODUCER':
    case 'SPAN_KIND_PRODUCER':
      return 'producer';
    case 'consumer':
    case 'CONSUMER':
    case 'SPAN_KIND_CONSUMER':
      return 'consumer';
    default:
      return undefined;
  }
}
