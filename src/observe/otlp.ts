/**
 * OTLP JSON: one ExportTraceServiceRequest (what the Collector's file exporter writes per
 * line, and what OTLP/HTTP JSON carries): resourceSpans → scopeSpans → spans. Ids are hex,
 * times nanosecond strings or numbers, enums numbers or their names; older files say
 * `instrumentationLibrarySpans`.
 */
import type { SpanFold } from './derive.js';
import type { CallTable } from './call-table.js';
import { RecordError, type RecordAt } from './record-error.js';
import { callKindOf, spanFact, type CallKind, type SpanFacts } from './span.js';

/** OTLP's SpanKind numbers: 2 SERVER, 3 CLIENT, 4 PRODUCER, 5 CONSUMER. */
const KINDS: (CallKind | undefined)[] = [undefined, undefined, 'server', 'client', 'producer', 'consumer'];

interface AnyValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface KeyValue {
  key: string;
  value?: AnyValue;
}

/** Reads one request's spans into `fold`; returns how many spans it held. */
export function readOtlpRequest(value: unknown, at: RecordAt, fold: SpanFold, table: CallTable): number {
  const resourceSpans = (value as { resourceSpans?: unknown } | null)?.resourceSpans;
  if (!Array.isArray(resourceSpans)) throw new RecordError('not an OTLP trace request: no "resourceSpans" list');
  let count = 0;
  for (const rs of resourceSpans) {
    if (rs === null || typeof rs !== 'object') continue;
    let service = 'unknown_service';
    let namespace: string | undefined;
    const attributes = (rs.resource as { attributes?: KeyValue[] } | undefined)?.attributes;
    if (Array.isArray(attributes)) {
      for (const a of attributes) {
        if (a?.key === 'service.name' && a.value?.stringValue) service = a.value.stringValue;
        else if (a?.key === 'service.namespace' && a.value?.stringValue) namespace = a.value.stringValue;
      }
    }
    const scopes = rs.scopeSpans ?? rs.instrumentationLibrarySpans;
    if (!Array.isArray(scopes)) continue;
    for (const scope of scopes) {
      const spans = scope?.spans;
      if (!Array.isArray(spans)) continue;
      for (const span of spans) {
        if (span === null || typeof span !== 'object') continue;
        count++;
        const start = nanosToMs(span.startTimeUnixNano);
        const end = nanosToMs(span.endTimeUnixNano);
        if (start !== undefined) table.seen(start);
        if (end !== undefined) table.seen(end);
        const kind = typeof span.kind === 'number' ? KINDS[span.kind] : callKindOf(String(span.kind));
        if (kind === undefined || typeof span.spanId !== 'string') {
          fold.tick();
          continue;
        }
        const facts: SpanFacts = {};
        if (Array.isArray(span.attributes)) for (const a of span.attributes as KeyValue[]) factOf(facts, a);
        const code = span.status?.code;
        fold.add({
          spanId: span.spanId,
          parentId: typeof span.parentSpanId === 'string' && span.parentSpanId !== '' ? span.parentSpanId : undefined,
          kind,
          service,
          namespace,
          start,
          durationMs: start !== undefined && end !== undefined ? end - start : undefined,
          error: code === 2 || code === 'STATUS_CODE_ERROR' || facts.errorTag === true,
          facts,
          file: at.file,
          line: at.line,
        });
      }
    }
  }
  return count;
}

function factOf(facts: SpanFacts, a: KeyValue): void {
  const v = a?.value;
  if (v === undefined || v === null) return;
  spanFact(facts, a.key, v.stringValue ?? v.intValue ?? v.boolValue ?? v.doubleValue);
}

/** Nanoseconds since the epoch (a decimal string, or a number) as milliseconds; 0 is no time. */
function nanosToMs(nanos: unknown): number | undefined {
  const n = typeof nanos === 'string' ? Number(nanos) : typeof nanos === 'number' ? nanos : NaN;
  return n > 0 ? n / 1e6 : undefined;
}
