/**
 * Which format a file is, from its content: the first JSON value's shape, or Prometheus text
 * exposition. Pure.
 */
import type { ObservedFormat } from './model.js';

/** The formats in words, for messages. */
export const FORMATS_IN_WORDS =
  'OTLP JSON (the Collector file exporter), Jaeger trace JSON or /api/dependencies, Zipkin v2 spans or dependency links, Prometheus service-graph metrics';

export function formatOfValue(value: unknown): ObservedFormat | undefined {
  if (Array.isArray(value)) {
    const first: unknown = value.find((item) => item !== null && typeof item === 'object');
    if (first === undefined) return value.length === 0 ? 'zipkin' : undefined;
    if (Array.isArray(first)) return 'zipkin';
    const f = first as Record<string, unknown>;
    if ('parent' in f && 'child' in f) return 'source' in f ? 'jaeger-dependencies' : 'zipkin-dependencies';
    if ('traceId' in f && 'id' in f) return 'zipkin';
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.resourceSpans)) return 'otlp';
  if (Array.isArray(v.spans) && 'traceID' in v) return 'jaeger';
  if (Array.isArray(v.data)) {
    const first = v.data.find((item) => item !== null && typeof item === 'object') as
      Record<string, unknown> | undefined;
    if (first === undefined) return 'jaeger';
    if ('parent' in first && 'child' in first) return 'jaeger-dependencies';
    if ('spans' in first || 'traceID' in first) return 'jaeger';
  }
  return undefined;
}

const COMMENT = /^#\s*(HELP|TYPE|UNIT|EOF)\b/;
/** A sample line: a name (never ending in `:`, unlike a YAML key), labels, a number, a timestamp. */
const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*[a-zA-Z0-9_](\{.*\})?\s+([-+]?[0-9.eE+-]+|[-+]?Inf|NaN)(\s+-?\d+)?\s*$/;

/** A first line of Prometheus text: `# HELP`/`# TYPE`, or a sample. */
export function looksLikePrometheus(line: string): boolean {
  return COMMENT.test(line) || SAMPLE.test(line);
}
