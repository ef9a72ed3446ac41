/**
 * The lines of observed files into calls. Pure: read.ts pushes the lines of each file (after
 * gunzip and the split); this decides the format, parses each record and folds it.
 *
 * - A file whose first line is a JSON value is line-delimited: one record per line (the
 *   Collector's file exporter; a one-line file is the same case). A malformed line is a
 *   problem at its line and column, and the rest is read.
 * - A file whose first line is not a value alone is one document (pretty-printed JSON): its
 *   lines are kept, up to {@link MAX_DOCUMENT_BYTES}, and parsed as one at the end. Should a
 *   later line be a whole JSON object or list after all, the file was line-delimited with a
 *   broken first line: the kept lines are read as such. (Lines of a pretty-printed document
 *   are indented: only a record of a line-delimited file starts a line with `{` or `[`.)
 * - Prometheus text is read line by line.
 */
import { ConfigError } from '../errors.js';
import { CallTable } from './call-table.js';
import { isWholeValue, jsonFailure, lineAndCol } from './json-text.js';
import { SpanFold } from './derive.js';
import { readJaegerTraces } from './jaeger.js';
import { readDependencyLinks } from './links.js';
import type { ObservedFormat, ObservedInput } from './model.js';
import { readOtlpRequest } from './otlp.js';
import { PrometheusFold } from './prometheus.js';
import { RecordError, type RecordAt } from './record-error.js';
import { FORMATS_IN_WORDS, formatOfValue, looksLikePrometheus } from './sniff.js';
import type { LineSink } from './split-lines.js';
import { readZipkinSpans } from './zipkin.js';

/** A document that is not line-delimited is read whole, up to this size. */
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;
/** Problems kept per file; the rest are counted in one last problem. */
const MAX_PROBLEMS_PER_FILE = 100;

type Problem = ObservedInput['problems'][number];

export class ObservedReader {
  private readonly table = new CallTable();
  private readonly fold: SpanFold;
  private readonly prometheus = new PrometheusFold(this.table);
  private readonly problems: Problem[] = [];
  private readonly files: ObservedInput['files'] = [];

  constructor(pendingWindow?: number) {
    this.fold = new SpanFold(this.table, pendingWindow);
  }

  /** The sink for one file's lines; call its end() after the last line. */
  file(shown: string, format?: ObservedFormat): FileLines {
    return new FileLines(shown, format, this.fold, this.prometheus, this.table, (entry, problems) => {
      this.files.push(entry);
      this.problems.push(...problems);
    });
  }

  result(): ObservedInput {
    this.fold.finish();
    this.prometheus.finish();
    const input: ObservedInput = { calls: this.table.calls(), files: this.files, problems: this.problems };
    const window = this.table.window();
    if (window) input.window = window;
    return input;
  }
}

type State = 'start' | 'lines' | 'document' | 'prometheus';

export class FileLines implements LineSink {
  private state: State = 'start';
  private records = 0;
  /** Records read with the format's shape (a request with no spans is one). */
  private shaped = 0;
  private readonly problems: Problem[] = [];
  private dropped = 0;
  private document: string[] = [];
  private documentBytes = 0;
  private documentLine = 0;
  private lastLine = 0;
  /** The format the user named (--observed-format), if any. */
  private readonly named: ObservedFormat | undefined;

  constructor(
    private readonly shown: string,
    private format: ObservedFormat | undefined,
    private readonly fold: SpanFold,
    private readonly prometheus: PrometheusFold,
    private readonly table: CallTable,
    private readonly done: (entry: ObservedInput['files'][number], problems: Problem[]) => void,
  ) {
    this.named = format;
  }

  line(raw: string, n: number): void {
    this.lastLine = n;
    const text = n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    switch (this.state) {
      case 'start':
        return this.first(text, n);
      case 'lines':
        return this.record(text, n);
      case 'prometheus':
        return this.metric(text, n);
      case 'document':
        return this.more(text, n);
    }
  }

  tooLong(n: number, bytes: number): void {
    this.lastLine = n;
    this.problem(n, undefined, `line is over ${Math.floor(bytes / 1048576)} MB: skipped`);
  }

  /** A stream that failed midway (a truncated gzip): what was read counts, the rest is a problem. */
  broken(message: string): void {
    this.problem(this.lastLine + 1, undefined, message);
  }

  end(): void {
    if (this.state === 'document') this.endDocument();
    if (this.state === 'prometheus' && this.records === 0)
      this.problem(1, undefined, 'no service-graph metrics (traces_service_graph_request_total) in this file');
    if (this.state === 'start' && this.problems.length === 0)
      this.problem(1, undefined, 'no observations: the file is empty');
    // A file of the format the user named in which not one record has its shape is not that format.
    const first = this.problems[0];
    if (this.named !== undefined && this.shaped === 0 && first !== undefined)
      throw new ConfigError(`${this.shown} is not ${this.named}: ${first.message}`, {
        location: { file: this.shown, line: first.line, ...(first.col === undefined ? {} : { col: first.col }) },
        hint: 'name its format with --observed-format, or leave it out and let depmap tell it by content',
      });
    if (this.dropped > 0)
      this.problems.push({ file: this.shown, line: this.lastLine, message: `and ${this.dropped} more problems` });
    this.done({ file: this.shown, format: this.format ?? 'unknown', records: this.records }, this.problems);
  }

  private first(text: string, n: number): void {
    const trimmed = text.trim();
    if (trimmed === '') return;
    if (this.format === 'prometheus' || (this.format === undefined && looksLikePrometheus(trimmed))) {
      this.format = 'prometheus';
      this.state = 'prometheus';
      return this.metric(text, n);
    }
    if (trimmed[0] !== '{' && trimmed[0] !== '[') {
      if (this.format === undefined) throw unknownFormat(this.shown, n, 'it is not JSON or Prometheus text');
      this.state = 'lines';
      return this.record(text, n);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.state = 'document';
      this.documentLine = n;
      return this.more(text, n);
    }
    this.state = 'lines';
    this.value(value, n);
  }

  private record(text: string, n: number): void {
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const { message, position } = jsonFailure(error);
      return this.problem(n, position === undefined ? undefined : position + 1, message);
    }
    this.value(value, n);
  }

  /** One parsed record: the file's format is the first record's. */
  private value(value: unknown, n: number): void {
    if (this.format === undefined) {
      this.format = formatOfValue(value);
      if (this.format === undefined) throw unknownFormat(this.shown, n, 'its JSON is none of their shapes');
    }
    const at: RecordAt = { file: this.shown, line: n, problem: (message) => this.problem(n, undefined, message) };
    try {
      this.records += readValue(this.format, value, at, this.fold, this.table);
      this.shaped++;
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      this.problem(n, error.col, error.message);
    }
  }

  private metric(text: string, n: number): void {
    try {
      if (this.prometheus.line(text, { file: this.shown, line: n })) {
        this.records++;
        this.shaped++;
      }
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      this.problem(n, error.col, error.message);
    }
  }

  private more(text: string, n: number): void {
    // A line of a pretty-printed document is indented, or closes it; a record of a
    // line-delimited file starts at its first column.
    if (n !== this.documentLine && (text[0] === '{' || text[0] === '[') && isWholeValue(text)) {
      // Line-delimited after all: the first line was broken.
      const kept = this.document;
      const from = this.documentLine;
      this.document = [];
      this.documentBytes = 0;
      this.state = 'lines';
      kept.forEach((line, i) => this.record(line, from + i));
      return this.record(text, n);
    }
    this.documentBytes += text.length + 1;
    if (this.documentBytes > MAX_DOCUMENT_BYTES)
      throw new ConfigError(
        `${this.shown} is one JSON document over ${MAX_DOCUMENT_BYTES / 1048576} MB: too large to read whole`,
        {
          location: { file: this.shown, line: this.documentLine },
          hint: 'write it one record per line (the Collector file exporter does), or split it',
        },
      );
    this.document.push(text);
  }

  private endDocument(): void {
    const text = this.document.join('\n');
    this.document = [];
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const { message, position } = jsonFailure(error);
      const where: { line: number; col?: number } =
        position === undefined ? { line: this.documentLine } : lineAndCol(text, position, this.documentLine);
      if (this.format === undefined) throw unknownFormat(this.shown, where.line, `it is not JSON: ${message}`);
      this.state = 'lines';
      return this.problem(where.line, where.col, message);
    }
    this.state = 'lines';
    this.value(value, this.documentLine);
  }

  private problem(line: number, col: number | undefined, message: string): void {
    if (this.problems.length >= MAX_PROBLEMS_PER_FILE) {
      this.dropped++;
      return;
    }
    const problem: Problem = { file: this.shown, line, message };
    if (col !== undefined) problem.col = col;
    this.problems.push(problem);
  }
}

function readValue(format: ObservedFormat, value: unknown, at: RecordAt, fold: SpanFold, table: CallTable): number {
  switch (format) {
    case 'otlp':
      return readOtlpRequest(value, at, fold, table);
    case 'jaeger':
      return readJaegerTraces(value, at, fold, table);
    case 'zipkin':
      return readZipkinSpans(value, at, fold, table);
    case 'jaeger-dependencies':
    case 'zipkin-dependencies':
      return readDependencyLinks(value, at, table);
    case 'prometheus':
      throw new RecordError('a JSON line in Prometheus text');
  }
}

function unknownFormat(file: string, line: number, why: string): ConfigError {
  return new ConfigError(`${file} is in no format depmap reads (${why}); it reads ${FORMATS_IN_WORDS}`, {
    location: { file, line },
    hint: 'check the file, or name its format with --observed-format',
  });
}
