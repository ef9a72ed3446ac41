/**
 * Service-graph metrics in the Prometheus text format, as the OpenTelemetry Collector's
 * servicegraph connector and Tempo's metrics generator expose them:
 * `traces_service_graph_request_total{client="web",server="orders",connection_type=""} 42`,
 * `…_request_failed_total` for errors and the `…_request_server_seconds` (or `_client_`)
 * histogram for latency. A prefix before `traces_` (an exporter's namespace) is allowed.
 *
 * A file may hold several scrapes: each series counts with its last value (the latest
 * timestamp, else the last line), and the series of one edge (other labels: instance, job)
 * are summed. Other metrics are skipped.
 */
import type { CallSighting, CallTable } from './call-table.js';
import type { CalleeKind } from './model.js';
import { RecordError, type RecordAt } from './record-error.js';

const METRIC = /(?:^|_)traces_service_graph_request_(total|failed_total|server_seconds_bucket|client_seconds_bucket)$/;
const NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL = /[a-zA-Z_][a-zA-Z0-9_]*/y;

type Part = 'total' | 'failed_total' | 'server_seconds_bucket' | 'client_seconds_bucket';

interface Series {
  edge: string;
  sighting: CallSighting;
  part: Part;
  /** Bucket bound in ms (histograms). */
  le: number;
  value: number;
  ts: number;
}

export class PrometheusFold {
  private readonly series = new Map<string, Series>();

  constructor(private readonly table: CallTable) {}

  /** Reads one line; returns true when it was a service-graph sample. Throws a RecordError with the column. */
  line(text: string, at: RecordAt): boolean {
    const line = text.trim();
    if (line === '' || line.startsWith('#')) return false;
    const sample = parseSample(text);
    const match = METRIC.exec(sample.name);
    if (match === null) return false;
    const part = match[1] as Part;
    const { labels } = sample;
    const client = labels.get('client');
    const server = labels.get('server');
    if (!client || !server) throw new RecordError(`${sample.name} has no "client" and "server" labels`);
    let le = 0;
    if (part.endsWith('_bucket')) {
      const bound = labels.get('le');
      le = bound === undefined ? NaN : parseValue(bound) * 1000;
      if (Number.isNaN(le)) throw new RecordError(`${sample.name} has no numeric "le" label`);
    }
    if (sample.ts !== undefined) this.table.seen(sample.ts);
    const connection = labels.get('connection_type') ?? '';
    const callerNamespace = labels.get('client_service_namespace') || undefined;
    const calleeNamespace = labels.get('server_service_namespace') || undefined;
    const edge = `${callerNamespace ?? ''}/${client}\0${calleeNamespace ?? ''}/${server}\0${connection}`;
    const key = `${sample.name}\0${sample.labelText}`;
    const old = this.series.get(key);
    const ts = sample.ts ?? -Infinity;
    if (old !== undefined && old.ts > ts) return true;
    this.series.set(key, {
      edge,
      part,
      le,
      value: sample.value,
      ts,
      sighting: {
        caller: client,
        callerNamespace,
        callee: server,
        calleeNamespace,
        calleeKind: kindOf(connection),
        protocol: undefined,
        calls: 0,
        errors: 0,
        start: undefined,
        durationMs: undefined,
        file: at.file,
        line: old?.sighting.line ?? at.line,
      },
    });
    return true;
  }

  /** Sums each edge's series into the table. */
  finish(): void {
    const buckets = new Map<string, Series[]>();
    for (const s of this.series.values()) {
      if (s.sighting.caller === s.sighting.callee) continue;
      if (s.part === 'total') this.table.add({ ...s.sighting, calls: Math.max(0, Math.round(s.value)) });
      else if (s.part === 'failed_total')
        this.table.add({ ...s.sighting, calls: 0, errors: Math.max(0, Math.round(s.value)) });
      else {
        const list = buckets.get(`${s.edge}\0${s.part}`) ?? [];
        list.push(s);
        buckets.set(`${s.edge}\0${s.part}`, list);
      }
    }
    for (const [key, list] of buckets) {
      // The client side's histogram only when the server side has none.
      if (
        key.endsWith('client_seconds_bucket') &&
        buckets.has(key.replace(/client_seconds_bucket$/, 'server_seconds_bucket'))
      )
        continue;
      addHistogram(this.table, list);
    }
    this.series.clear();
  }
}

/** Cumulative buckets (one or more series per bound) into counts at each bucket's middle. */
function addHistogram(table: CallTable, list: Series[]): void {
  const byBound = new Map<number, number>();
  for (const s of list) byBound.set(s.le, (byBound.get(s.le) ?? 0) + s.value);
  const bounds = [...byBound.keys()].sort((a, b) => a - b);
  let previousBound = 0;
  let previousCount = 0;
  for (const bound of bounds) {
    const cumulative = byBound.get(bound) as number;
    const count = Math.round(cumulative - previousCount);
    const middle = Number.isFinite(bound) ? (previousBound + bound) / 2 : previousBound;
    if (count > 0) table.addLatency((list[0] as Series).sighting, middle, count);
    previousCount = Math.max(previousCount, cumulative);
    if (Number.isFinite(bound)) previousBound = bound;
  }
}

function kindOf(connection: string): CalleeKind {
  if (connection === 'database') return 'database';
  if (connection === 'messaging_system') return 'queue';
  return 'service';
}

interface Sample {
  name: string;
  labels: Map<string, string>;
  /** The label set as written, the series' identity with the name. */
  labelText: string;
  value: number;
  ts: number | undefined;
}

function parseSample(text: string): Sample {
  let i = skipSpaces(text, 0);
  NAME.lastIndex = i;
  const name = NAME.exec(text)?.[0];
  if (name === undefined) throw new RecordError('expected a metric name', i + 1);
  i += name.length;
  const labels = new Map<string, string>();
  const labelsFrom = i;
  if (text[i] === '{') {
    i = skipSpaces(text, i + 1);
    while (text[i] !== '}') {
      LABEL.lastIndex = i;
      const label = LABEL.exec(text)?.[0];
      if (label === undefined) throw new RecordError('expected a label name or "}"', i + 1);
      i = skipSpaces(text, i + label.length);
      if (text[i] !== '=') throw new RecordError(`expected "=" after label ${label}`, i + 1);
      i = skipSpaces(text, i + 1);
      if (text[i] !== '"') throw new RecordError(`expected a quoted value for label ${label}`, i + 1);
      let value = '';
      for (i++; ; i++) {
        const c = text[i];
        if (c === undefined) throw new RecordError(`unterminated value of label ${label}`, i + 1);
        if (c === '"') break;
        if (c === '\\') {
          const next = text[++i];
          value += next === 'n' ? '\n' : (next ?? '');
        } else value += c;
      }
      labels.set(label, value);
      i = skipSpaces(text, i + 1);
      if (text[i] === ',') i = skipSpaces(text, i + 1);
      else if (text[i] !== '}') throw new RecordError('expected "," or "}" in the labels', i + 1);
    }
    i++;
  }
  const labelText = text.slice(labelsFrom, i);
  const rest = text.slice(i).trim().split(/\s+/);
  const value = rest[0] === undefined || rest[0] === '' ? NaN : parseValue(rest[0]);
  if (Number.isNaN(value) && rest[0] !== 'NaN') throw new RecordError(`expected a number after ${name}`, i + 2);
  const ts = rest[1] === undefined ? undefined : Number(rest[1]);
  if (ts !== undefined && !Number.isFinite(ts)) throw new RecordError(`expected a timestamp in ms after the value`);
  return { name, labels, labelText, value, ts };
}

function parseValue(word: string): number {
  if (word === '+Inf' || word === 'Inf') return Infinity;
  if (word === '-Inf') return -Infinity;
  return Number(word);
}

function skipSpaces(text: string, i: number): number {
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}
