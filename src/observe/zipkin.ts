/**
 * Zipkin v2 spans: a JSON list of spans (what `POST /api/v2/spans` takes), or a list of traces
 * (what `GET /api/v2/traces` answers). The service is `localEndpoint.serviceName`, a peer
 * `remoteEndpoint.serviceName`; tags hold the OpenTelemetry attributes when an OpenTelemetry
 * exporter wrote them, and `error` marks a failed call; times are microseconds. A server span
 * with `shared: true` has its client's id.
 */
import type { CallTable } from './call-table.js';
import type { SpanFold } from './derive.js';
import { RecordError, type RecordAt } from './record-error.js';
import { callKindOf, spanFact, type SpanFacts } from './span.js';

/** Reads a list of spans, or of traces; returns how many spans it held. */
export function readZipkinSpans(value: unknown, at: RecordAt, fold: SpanFold, table: CallTable): number {
  if (!Array.isArray(value)) throw new RecordError('not Zipkin v2 spans: expected a JSON list of spans');
  let count = 0;
  for (const item of value) {
    if (Array.isArray(item)) for (const span of item) count += readSpan(span, at, fold, table);
    else count += readSpan(item, at, fold, table);
  }
  return count;
}

function readSpan(span: unknown, at: RecordAt, fold: SpanFold, table: CallTable): number {
  if (span === null || typeof span !== 'object') return 0;
  const s = span as Record<string, any>;
  const start = typeof s.timestamp === 'number' ? s.timestamp / 1000 : undefined;
  const durationMs = typeof s.duration === 'number' ? s.duration / 1000 : undefined;
  if (start !== undefined) table.seen(start);
  if (start !== undefined && durationMs !== undefined) table.seen(start + durationMs);
  const kind = typeof s.kind === 'string' ? callKindOf(s.kind) : undefined;
  if (kind === undefined || typeof s.id !== 'string') {
    fold.tick();
    return 1;
  }
  const facts: SpanFacts = {};
  if (s.tags !== null && typeof s.tags === 'object')
    for (const [key, value] of Object.entries(s.tags as Record<string, unknown>)) spanFact(facts, key, value);
  const remote = s.remoteEndpoint?.serviceName;
  if (typeof remote === 'string' && remote !== '' && kind !== 'server' && kind !== 'consumer')
    facts.peerService ??= remote;
  fold.add({
    spanId: s.id,
    parentId: s.shared === true ? s.id : typeof s.parentId === 'string' ? s.parentId : undefined,
    kind,
    service: (s.localEndpoint?.serviceName as string | undefined) || 'unknown',
    namespace: undefined,
    start,
    durationMs,
    error: facts.errorTag === true,
    facts,
    file: at.file,
    line: at.line,
  });
  return 1;
}
