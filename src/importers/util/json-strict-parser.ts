/**
 * A strict RFC 8259 parser that records the line of every key and stops at the first syntax
 * error with its line and column: the slow path of json-with-lines.ts, for invalid files.
 */
import { LineMap, childKey, type PathSegment } from './located.js';
import type { JsonParse } from './json-with-lines.js';

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** The recursive-descent parser alone: values, lines and the first error. Also a reference for the scanner's tests. */
export function parseJsonStrict(text: string, maxLineDepth = Number.POSITIVE_INFINITY): JsonParse {
  const parser = new Parser(text, maxLineDepth);
  try {
    const value = parser.parseDocument();
    const lines = parser.lines;
    return {
      ok: true,
      doc: {
        value,
        lineOf: (...path: PathSegment[]) => lines.lineOf(path),
        exactLineOf: (...path: PathSegment[]) => lines.exactLineOf(path),
      },
    };
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
      if (key === '__proto__')
        Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
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
