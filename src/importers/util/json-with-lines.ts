/**
 * JSON with the line of every key, because JSON.parse does not give positions and every
 * imported dependency must point back at its line. Valid JSON (the norm) is read by
 * JSON.parse plus a structural scanner for the lines; invalid JSON by a small strict RFC 8259
 * parser whose first syntax error comes back with its line and column instead of a throw.
 */
import type { ImportProblem } from '../types.js';
import { LineMap, childKey, isRecord, type Located, type PathSegment } from './located.js';
import { scanJsonLines } from './json-line-scanner.js';

export type JsonParse = { ok: true; doc: Located } | { ok: false; line: number; col: number; message: string };

export type LocatedObject = Located & { value: Record<string, unknown> };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * `maxLineDepth` bounds how deep lines are recorded (path length): a lockfile importer that
 * only needs `packages.<key>` passes 2 and parses several times faster; deeper paths then
 * answer with their nearest recorded ancestor's line.
 */
export function parseJsonWithLines(text: string, options: { maxLineDepth?: number } = {}): JsonParse {
  const maxLineDepth = options.maxLineDepth ?? Number.POSITIVE_INFINITY;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  let valid = true;
  try {
    value = JSON.parse(body);
  } catch {
    valid = false;
  }
  if (valid) {
    // JSON.parse for the values, a scanner for the lines: the fast path for the valid files that are the norm.
    const lines = scanJsonLines(body, maxLineDepth);
    return { ok: true, doc: { value, lineOf: (...path: PathSegment[]) => lines.lineOf(path), exactLineOf: (...path: PathSegment[]) => lines.exactLineOf(path) } };
  }
  // Invalid: the parser below finds the first error and where it is.
  return parseJsonStrict(text, maxLineDepth);
}

/**
 * An importer's own JSON file, whose top level must be an object: its document, or undefined
 * once the problem is in `problems` (the syntax error where it is, or `notObject` on line 1).
 */
export function jsonObjectWithLines(text: string, problems: ImportProblem[], notObject: string, options: { maxLineDepth?: number } = {}): LocatedObject | undefined {
  const parsed = parseJsonWithLines(text, options);
  if (!parsed.ok) {
    problems.push({ line: parsed.line, message: `JSON syntax: ${parsed.message} (column ${parsed.col})` });
    return undefined;
  }
  if (!isRecord(parsed.doc.value)) {
    problems.push({ line: 1, message: notObject });
    return undefined;
  }
  return parsed.doc as LocatedObject;
}

/**
 * The values of a JSON object read beside an importer's file (the package.json next to a
 * lockfile), without lines: undefined when there is no text, it does not parse, or it is not
 * an object. Nothing is reported: the caller says what it does without it.
 */
export function jsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The recursive-descent parser alone: values, lines and the first error. Also a reference for the scanner's tests. */
export function parseJsonStrict(text: string, maxLineDepth = Number.POSITIVE_INFINITY): JsonParse {
  const parser = new Parser(text, maxLineDepth);
  try {
    const value = parser.parseDocument();
    const lines = parser.lines;
    return { ok: true, doc: { value, lineOf: (...path: PathSegment[]) => lines.lineOf(path), exactLineOf: (...path: PathSegment[]) => lines.exactLineOf(path) } };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const { line, col } = parser.position(error.offset);
    return { ok: false, line, col, message: error.message };
  }
}

class Parser {
  readonly lines = new LineMap();
  private pos = 0;
  private line = 1;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly maxLineDepth: number,
  ) {}

  position(offset: number): { line: number; col: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset && i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, col: offset - lineStart + 1 };
  }

  parseDocument(): unknown {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    const value = this.parseValue(undefined);
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail('unexpected content after the JSON value');
    return value;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.pos);
  }

  private skipWhitespace(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === 10) {
        this.line++;
        this.pos++;
      } else if (c === 32 || c === 9 || c === 13) {
        this.pos++;
      } else {
        return;
      }
    }
  }

  /** `path` is the joined key of the value's path; undefined for the document itself. */
  private parseValue(path: string | undefined): unknown {
    this.skipWhitespace();
    if (this.depth <= this.maxLineDepth) this.lines.setKey(path ?? '', this.line);
    const c = this.text[this.pos];
    switch (c) {
      case '{':
        return this.parseObject(path);
      case '[':
        return this.parseArray(path);
      case '"':
        return this.parseString();
      case 't':
        return this.parseLiteral('true', true);
      case 'f':
        return this.parseLiteral('false', false);
      case 'n':
        return this.parseLiteral('null', null);
      case undefined:
        return this.fail('unexpected end of file');
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.parseNumber();
        return this.fail(`unexpected character ${JSON.stringify(c)}`);
    }
  }

  private enter(): void {
    // Deeply nested input would otherwise overflow the stack: a hostile repo must not crash depmap.
    if (++this.depth > 512) this.fail('nesting deeper than 512 levels');
  }

  private parseObject(path: string | undefined): Record<string, unknown> {
    this.enter();
    this.pos++;
    const result: Record<string, unknown> = {};
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      this.depth--;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') this.fail('expected a property name in double quotes');
      const keyLine = this.line;
      const key = this.parseString();
      const record = this.depth <= this.maxLineDepth;
      const childPath = record ? childKey(path, key) : undefined;
      if (record) this.lines.setKey(childPath!, keyLine);
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail(`expected ':' after property name ${JSON.stringify(key)}`);
      this.pos++;
      const value = this.parseValue(childPath);
      // A "__proto__" key is data, not a prototype change.
      if (key === '__proto__') Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      else result[key] = value;
      this.skipWhitespace();
      const c = this.text[this.pos];
      this.pos++;
      if (c === '}') break;
      if (c !== ',') {
        this.pos--;
        this.fail("expected ',' or '}' after a property value");
      }
    }
    this.depth--;
    return result;
  }

  private parseArray(path: string | undefined): unknown[] {
    this.enter();
    this.pos++;
    const result: unknown[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      this.depth--;
      return result;
    }
    for (;;) {
      result.push(this.parseValue(this.depth <= this.maxLineDepth ? childKey(path, result.length) : undefined));
      this.skipWhitespace();
      const c = this.text[this.pos];
      this.pos++;
      if (c === ']') break;
      if (c !== ',') {
        this.pos--;
        this.fail("expected ',' or ']' after an array element");
      }
    }
    this.depth--;
    return result;
  }

  private parseString(): string {
    const text = this.text;
    const start = ++this.pos;
    // Fast path: no escapes.
    let end = start;
    for (;;) {
      const c = text.charCodeAt(end);
      if (Number.isNaN(c)) {
        this.pos = end;
        this.fail('unterminated string');
      }
      if (c === 34) {
        this.pos = end + 1;
        return text.slice(start, end);
      }
      if (c === 92) break;
      if (c < 32) {
        this.pos = end;
        this.fail('control character in string');
      }
      end++;
    }
    let out = text.slice(start, end);
    this.pos = end;
    for (;;) {
      const c = text[this.pos];
      if (c === undefined) this.fail('unterminated string');
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        const e = text[this.pos + 1];
        this.pos += 2;
        switch (e) {
          case '"':
          case '\\':
          case '/':
            out += e;
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            const hex = text.slice(this.pos, this.pos + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape');
            out += String.fromCharCode(parseInt(hex, 16));
            this.pos += 4;
            break;
          }
          default:
            this.pos -= 2;
            this.fail('invalid escape in string');
        }
        continue;
      }
      if (c.charCodeAt(0) < 32) this.fail('control character in string');
      out += c;
      this.pos++;
    }
  }

  private parseNumber(): number {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 64));
    if (!match) this.fail('invalid number');
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private parseLiteral<T>(word: string, value: T): T {
    if (this.text.startsWith(word, this.pos)) {
      this.pos += word.length;
      return value;
    }
    return this.fail('unexpected token');
  }
}
