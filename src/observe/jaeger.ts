/**
 * Jaeger's trace JSON, as its UI downloads it and its `/api/traces` answers:
 * `{"data": [{traceID, spans, processes}]}`. A span names its process (the service) by
 * `processID`, its parent by a CHILD_OF reference (or the older `parentSpanID`), its kind by
 * the `span.kind` tag; times are microseconds.
 */
import type { CallTable } from './call-table.js';
import type { SpanFold } from './derive.js';
import { RecordError, type RecordAt } from './record-error.js';
import { callKindOf, spanFact, type SpanFacts } from './span.js';

interface Tag {
  key: string;
  value?: unknown;
}
interface Process {
  serviceName?: string;
  tags?: Tag[];
}

/** Reads a trace export (`{"data": [...]}`, or one trace object); returns how many spans it held. */
export function readJaegerTraces(value: unknown, at: RecordAt, fold: SpanFold, table: CallTable): number {
  const v = value as { data?: unknown; spans?: unknown } | null;
  const traces = Array.isArray(v?.data) ? v.data : Array.isArray(v?.spans) ? [v] : undefined;
  if (traces === undefined) throw new RecordError('not a Jaeger trace export: no "data" list of traces');
  let count = 0;
  for (const trace of traces) {
    if (trace === null || typeof trace !== 'object' || !Array.isArray(trace.spans)) continue;
    const processes = (trace.processes ?? {}) as Record<string, Process>;
    for (const span of trace.spans) {
      if (span === null || typeof span !== 'object') continue;
      count++;
      const start = typeof span.startTime === 'number' ? span.startTime / 1000 : undefined;
      const durationMs = typeof span.duration === 'number' ? span.duration / 1000 : undefined;
      if (start !== undefined) table.seen(start);
      if (start !== undefined && durationMs !== undefined) table.seen(start + durationMs);
      const facts: SpanFacts = {};
      let kind;
      if (Array.isArray(span.tags))
        for (const tag of span.tags as Tag[]) {
          if (tag?.key === 'span.kind') kind = callKindOf(String(tag.value));
          else if (tag) spanFact(facts, tag.key, tag.value);
        }
      if (kind === undefined || typeof span.spanID !== 'string') {
        fold.tick();
        continue;
      }
      const process: Process | undefined = span.process ?? processes[span.processID];
      let namespace: string | undefined;
      for (const tag of process?.tags ?? [])
        if (tag?.key === 'service.namespace' && typeof tag.value === 'string') namespace = tag.value;
      fold.add({
        spanId: span.spanID,
        parentId: parentOf(span),
        kind,
        service: process?.serviceName || 'unknown_service',
        namespace,
        start,
        durationMs,
        error: facts.errorTag === true,
        facts,
        file: at.file,
        line: at.line,
      });
    }
  }
  return count;
}

function parentOf(span: { references?: unknown; parentSpanID?: unknown }): string | undefined {
  if (Array.isArray(span.references)) {
    const refs = span.references as { refType?: string; spanID?: string }[];
    const ref = refs.find((r) => r?.refType === 'CHILD_OF') ?? refs[0];
    if (typeof ref?.spanID === 'string') return ref.spanID;
  }
  return typeof span.parentSpanID === 'string' && span.parentSpanID !== '' ? span.parentSpanID : undefined;
}
