/**
 * A fast reader for the YAML that manifests are written in: block mappings and sequences,
 * one-line scalars (plain, 'single' and "double" quoted) and one-line flow collections of
 * scalars (`- { name: x, version: 1.2.0 }`, `tags: [a, b]`). It reads the values and, in the
 * same pass, where each one starts, in `yaml`'s terms (the offset its node's range starts at),
 * so that a position is the same whichever reader found it.
 *
 * It is not a YAML parser: anything outside that shape (anchors, aliases, tags, block scalars,
 * a value over several lines, nested flow, several documents, tabs, CRLF, a key that is not a
 * string, a duplicate key, odd indentation, …) makes it give up (undefined), and the caller
 * reads the file with `yaml` instead (load-yaml.ts), which also explains every mistake. Values
 * follow `yaml`'s core schema as load-yaml.ts reads it (numbersAsText): null, booleans, and
 * the rest as written; the top-level `depmap` stays a number. fast-yaml.test.ts holds it
 * against `yaml` on every fixture and on generated and mutated manifests.
 */
import { FastYaml, PosNode } from './fast-yaml-positions.js';
import { MAX_YAML_BYTES } from './load-yaml.js';

const SP = 32;
const DQ = 34;
const HASH = 35;
const SQ = 39;
const COMMA = 44;
const DASH = 45;
const COLON = 58;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

/** Characters the reader leaves to `yaml`: tabs, CR, controls, NEL, line separators, BOM and non-characters. */
// eslint-disable-next-line no-control-regex
const UNSURE = /[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
/** Plain scalars that are not text in the core schema (load-yaml.ts keeps numbers as written, but not in keys). */
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const NUMBER =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const SMALL_INT = /^[0-9]{1,9}$/;
/** Escapes of double-quoted YAML that JSON writes the same way (after the backslash). */
const JSON_ESCAPE = /["\\/bfnrt]|u[0-9a-fA-F]{4}/y;
/** Below load-yaml.ts's limits (64 levels, 1,000,000 values): past these, `yaml` reads and refuses. */
const MAX_DEPTH = 32;
const MAX_VALUES = 500_000;
/** `yaml` refuses an implicit key longer than 1024 characters. */
const MAX_KEY = 1000;

/** Thrown when the text is not of the shape this reader is sure of. */
const NOT_SURE = new Error('not sure');

/** The values and positions of `text`, or undefined when `yaml` must read it. */
export function readFastYaml(text: string): FastYaml | undefined {
  if (text.length > MAX_YAML_BYTES || UNSURE.test(text)) return undefined;
  const reader = new Reader(text);
  try {
    return reader.document();
  } catch (error) {
    if (error === NOT_SURE || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** A plain scalar's value, as load-yaml.ts gives it with numbersAsText. */
function plainValue(text: string): unknown {
  if (text.length <= 5) {
    if (NULL.test(text)) return null;
    if (BOOL.test(text)) return text.charCodeAt(0) === 116 || text.charCodeAt(0) === 84;
  }
  return text;
}

/** A plain key is text unless the core schema reads it as something else. */
function plainKey(text: string): string {
  if (text.length > MAX_KEY || NULL.test(text) || BOOL.test(text) || NUMBER.test(text) || text === '<<') throw NOT_SURE;
  return text;
}

/** A character that cannot start a plain scalar (YAML's c-indicators), `-` aside. */
function indicator(c: number): boolean {
  switch (c) {
    case COMMA:
    case LBRACKET:
    case RBRACKET:
    case LBRACE:
    case RBRACE:
    case HASH:
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case SQ:
    case DQ:
    case 37: // %
    case 64: // @
    case 96: // `
    case 63: // ?
    case COLON:
      return true;
    default:
      return false;
  }
}

function set(out: Record<string, unknown>, key: string, value: unknown): void {
  if (Object.prototype.hasOwnProperty.call(out, key)) throw NOT_SURE;
  // A "__proto__" key must become a plain field, never the object's prototype.
  if (key === '__proto__')
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

class Reader {
  private readonly text: string;
  /** The current line: its start, its end (the "\n" or the end of the text), its indentation. */
  private start = 0;
  private end = -1;
  private indent = 0;
  private eof = false;
  private readonly lineStarts: number[] = [];
  /** Past the document's start: a "---" or "..." line now ends it, which is `yaml`'s to read. */
  private body = false;
  private values = 0;
  /** Where the last scalar or flow collection read ended. */
  private after = 0;
  /** Set by scanPlain: where the scalar's text ends, and the ": " after it that makes it a key (-1 if none). */
  private plainEnd = 0;
  private colon = -1;

  constructor(text: string) {
    this.text = text;
  }

  document(): FastYaml | undefined {
    this.nextContent();
    // A leading "---" alone on its line starts the one document.
    if (!this.eof && this.indent === 0 && this.marker()) {
      const after = this.skipSpaces(this.start + 3);
      if (after < this.end && this.text.charCodeAt(after) !== HASH) return undefined;
      this.body = true;
      this.nextContent();
    }
    this.body = true;
    if (this.eof || this.indent !== 0 || this.marker() || this.isSeqEntry(this.start)) return undefined;
    if (this.text.startsWith('...', this.start)) return undefined;
    const holder = new PosNode(0, false);
    const value = this.blockMapping(0, this.start, holder, 1, true);
    const root = holder.kids[0];
    if (!this.eof || !root) return undefined;
    return new FastYaml(value, root, this.lineStarts, this.text);
  }

  /** Moves to the next line that holds more than spaces or a comment. */
  private nextContent(): void {
    const text = this.text;
    for (;;) {
      const start = this.end + 1;
      if (start > text.length || (start === text.length && this.end >= 0)) {
        this.eof = true;
        this.indent = -1;
        this.start = this.end = text.length;
        return;
      }
      this.lineStarts.push(start);
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      this.start = start;
      this.end = end;
      let i = start;
      while (i < end && text.charCodeAt(i) === SP) i++;
      if (i === end || text.charCodeAt(i) === HASH) continue;
      this.indent = i - start;
      if (this.body && this.indent === 0 && (this.marker() || text.startsWith('...', i))) throw NOT_SURE;
      return;
    }
  }

  /** "---" at the start of the line, then a space or the end of the line. */
  private marker(): boolean {
    const text = this.text;
    const s = this.start;
    if (!text.startsWith('---', s)) return false;
    return s + 3 === this.end || text.charCodeAt(s + 3) === SP;
  }

  private skipSpaces(i: number): number {
    while (i < this.end && this.text.charCodeAt(i) === SP) i++;
    return i;
  }

  private isSeqEntry(i: number): boolean {
    return this.text.charCodeAt(i) === DASH && (i + 1 === this.end || this.text.charCodeAt(i + 1) === SP);
  }

  private count(depth: number): void {
    if (++this.values > MAX_VALUES || depth > MAX_DEPTH) throw NOT_SURE;
  }

  /** The block node that starts on the current line at `col`: a mapping or a sequence. */
  private blockNode(col: number, parent: PosNode, depth: number): unknown {
    const at = this.start + col;
    if (this.isSeqEntry(at)) return this.blockSequence(col, parent, depth);
    return this.blockMapping(col, at, parent, depth, false);
  }

  /**
   * A block mapping whose keys are at column `col`; its first key is at `first` of the current
   * line (after "- " for a mapping inside a sequence entry). Returns on the first line
   * indented less; a line indented more, or not a key, is not for this reader.
   */
  private blockMapping(
    col: number,
    first: number,
    parent: PosNode,
    depth: number,
    root: boolean,
  ): Record<string, unknown> {
    this.count(depth);
    const text = this.text;
    const out: Record<string, unknown> = {};
    const node = new PosNode(first, true);
    parent.add(first, node);
    let p = first;
    for (;;) {
      const key = this.key(p);
      const keys = node.keys as string[];
      keys.push(key);
      (node.keyAt as number[]).push(p);
      const rest = this.skipSpaces(this.after);
      if (rest === this.end || text.charCodeAt(rest) === HASH) {
        // The value is on the lines below, or empty.
        this.nextContent();
        if (!this.eof && (this.indent > col || (this.indent === col && this.isSeqEntry(this.start + col)))) {
          set(out, key, this.blockNode(this.indent, node, depth + 1));
        } else {
          this.count(depth + 1);
          node.add(rest, undefined);
          set(out, key, null);
        }
      } else {
        set(out, key, this.inlineValue(rest, node, depth + 1, root && key === 'depmap'));
        this.nextContent();
      }
      if (this.eof || this.indent < col) return out;
      if (this.indent > col || this.isSeqEntry(this.start + col)) throw NOT_SURE;
      p = this.start + col;
    }
  }

  /** A block sequence whose "-" are at column `col` of the current line and the next ones. */
  private blockSequence(col: number, parent: PosNode, depth: number): unknown[] {
    this.count(depth);
    const text = this.text;
    const out: unknown[] = [];
    const node = new PosNode(this.start + col, false);
    parent.add(this.start + col, node);
    for (;;) {
      const rest = this.skipSpaces(this.start + col + 1);
      if (rest === this.end || text.charCodeAt(rest) === HASH) {
        this.nextContent();
        if (!this.eof && this.indent > col) {
          out.push(this.blockNode(this.indent, node, depth + 1));
        } else {
          this.count(depth + 1);
          node.add(rest, undefined);
          out.push(null);
        }
      } else if (this.isSeqEntry(rest)) {
        throw NOT_SURE;
      } else if (this.isKey(rest)) {
        out.push(this.blockMapping(rest - this.start, rest, node, depth + 1, false));
      } else {
        out.push(this.inlineValue(rest, node, depth + 1, false));
        this.nextContent();
      }
      if (this.eof || this.indent < col) return out;
      if (this.indent > col) throw NOT_SURE;
      if (!this.isSeqEntry(this.start + col)) return out;
    }
  }

  /** Whether the text at `p` is a key (`name: …`), not a value. */
  private isKey(p: number): boolean {
    const c = this.text.charCodeAt(p);
    if (c === DQ || c === SQ) {
      this.quoted(p);
      return this.isColon(this.skipSpaces(this.after));
    }
    if (c === LBRACKET || c === LBRACE) return false;
    if (indicator(c)) throw NOT_SURE;
    this.scanPlain(p);
    return this.colon >= 0;
  }

  private isColon(i: number): boolean {
    return this.text.charCodeAt(i) === COLON && (i + 1 === this.end || this.text.charCodeAt(i + 1) === SP);
  }

  /** The key at `p` of a block mapping; `after` is set past its ":". */
  private key(p: number): string {
    const c = this.text.charCodeAt(p);
    if (c === DQ || c === SQ) {
      const key = this.quoted(p);
      const colon = this.skipSpaces(this.after);
      if (!this.isColon(colon) || this.after - p > MAX_KEY) throw NOT_SURE;
      this.after = colon + 1;
      return key;
    }
    if (indicator(c) || c === DASH) throw NOT_SURE;
    this.scanPlain(p);
    if (this.colon < 0) throw NOT_SURE;
    this.after = this.colon + 1;
    return plainKey(this.text.slice(p, this.plainEnd));
  }

  /**
   * A plain scalar in block context from `p` to the end of the line or a comment: sets
   * `plainEnd` (trailing spaces left out) and `colon`, the ": " that ends a key.
   */
  private scanPlain(p: number): void {
    const text = this.text;
    const end = this.end;
    let i = p;
    let stop = end;
    this.colon = -1;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON) {
        if (i + 1 === end || text.charCodeAt(i + 1) === SP) {
          this.colon = i;
          stop = i;
          break;
        }
      } else if (c === HASH && text.charCodeAt(i - 1) === SP) {
        stop = i;
        break;
      }
    }
    while (stop > p && text.charCodeAt(stop - 1) === SP) stop--;
    this.plainEnd = stop;
  }

  /** A value on the line of its key or "-": a scalar or a flow collection, then only a comment. */
  private inlineValue(p: number, parent: PosNode, depth: number, specVersion: boolean): unknown {
    const text = this.text;
    const c = text.charCodeAt(p);
    let value: unknown;
    if (c === DQ || c === SQ) {
      this.count(depth);
      parent.add(p, undefined);
      value = this.quoted(p);
    } else if (c === LBRACKET) {
      value = this.flowSequence(p, parent, depth);
    } else if (c === LBRACE) {
      value = this.flowMapping(p, parent, depth);
    } else {
      if (indicator(c) || (c === DASH && this.isSeqEntry(p))) throw NOT_SURE;
      this.count(depth);
      this.scanPlain(p);
      // "a: b: c" is a mapping in a value, which `yaml` refuses.
      if (this.colon >= 0) throw NOT_SURE;
      parent.add(p, undefined);
      const written = text.slice(p, this.plainEnd);
      if (!specVersion) return plainValue(written);
      // The spec version stays a number; any other way of writing one is left to `yaml`.
      if (SMALL_INT.test(written)) return Number.parseInt(written, 10);
      if (NUMBER.test(written)) throw NOT_SURE;
      return plainValue(written);
    }
    const rest = this.skipSpaces(this.after);
    if (rest < this.end && (rest === this.after || text.charCodeAt(rest) !== HASH)) throw NOT_SURE;
    return value;
  }

  /** A quoted scalar that closes on its line; `after` is set past the closing quote. */
  private quoted(p: number): string {
    const text = this.text;
    const end = this.end;
    if (text.charCodeAt(p) === SQ) {
      let i = p + 1;
      let doubled = false;
      for (;;) {
        i = text.indexOf("'", i);
        if (i < 0 || i >= end) throw NOT_SURE;
        if (text.charCodeAt(i + 1) !== SQ) break;
        doubled = true;
        i += 2;
      }
      this.after = i + 1;
      const inner = text.slice(p + 1, i);
      return doubled ? inner.replaceAll("''", "'") : inner;
    }
    let i = p + 1;
    let escaped = false;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === DQ) break;
      if (c === BACKSLASH) {
        JSON_ESCAPE.lastIndex = i + 1;
        if (!JSON_ESCAPE.test(text)) throw NOT_SURE;
        escaped = true;
        i++;
      }
    }
    if (i >= end) throw NOT_SURE;
    this.after = i + 1;
    if (!escaped) return text.slice(p + 1, i);
    try {
      return JSON.parse(text.slice(p, i + 1)) as string;
    } catch {
      throw NOT_SURE;
    }
  }

  /** `[a, "b", c]` on one line, of scalars. */
  private flowSequence(p: number, parent: PosNode, depth: number): unknown[] {
    this.count(depth);
    const text = this.text;
    const out: unknown[] = [];
    const node = new PosNode(p, false);
    parent.add(p, node);
    let i = this.skipSpaces(p + 1);
    if (text.charCodeAt(i) === RBRACKET) {
      this.after = i + 1;
      return out;
    }
    for (;;) {
      out.push(this.flowScalar(i, node, depth + 1));
      i = this.skipSpaces(this.after);
      const c = text.charCodeAt(i);
      if (c === RBRACKET && i < this.end) {
        this.after = i + 1;
        return out;
      }
      if (c !== COMMA || i >= this.end) throw NOT_SURE;
      i = this.skipSpaces(i + 1);
    }
  }

  /** `{ name: x, version: "1.0" }` on one line, of scalars. */
  private flowMapping(p: number, parent: PosNode, depth: number): Record<string, unknown> {
    this.count(depth);
    const text = this.text;
    const out: Record<string, unknown> = {};
    const node = new PosNode(p, true);
    parent.add(p, node);
    let i = this.skipSpaces(p + 1);
    if (text.charCodeAt(i) === RBRACE) {
      this.after = i + 1;
      return out;
    }
    for (;;) {
      let key: string;
      const c = text.charCodeAt(i);
      if (c === DQ || c === SQ) {
        key = this.quoted(i);
      } else {
        if (indicator(c) || c === DASH) throw NOT_SURE;
        this.scanFlowPlain(i);
        key = plainKey(text.slice(i, this.plainEnd));
      }
      const colon = this.skipSpaces(this.after);
      if (text.charCodeAt(colon) !== COLON || text.charCodeAt(colon + 1) !== SP || this.after - i > MAX_KEY)
        throw NOT_SURE;
      (node.keys as string[]).push(key);
      (node.keyAt as number[]).push(i);
      set(out, key, this.flowScalar(this.skipSpaces(colon + 1), node, depth + 1));
      i = this.skipSpaces(this.after);
      const next = text.charCodeAt(i);
      if (next === RBRACE && i < this.end) {
        this.after = i + 1;
        return out;
      }
      if (next !== COMMA || i >= this.end) throw NOT_SURE;
      i = this.skipSpaces(i + 1);
    }
  }

  /** A scalar inside a flow collection; `after` is set past it. */
  private flowScalar(p: number, parent: PosNode, depth: number): unknown {
    this.count(depth);
    if (p >= this.end) throw NOT_SURE;
    const c = this.text.charCodeAt(p);
    parent.add(p, undefined);
    if (c === DQ || c === SQ) return this.quoted(p);
    if (indicator(c) || (c === DASH && this.text.charCodeAt(p + 1) === SP)) throw NOT_SURE;
    this.scanFlowPlain(p);
    const next = this.text.charCodeAt(this.after);
    // A ": " after it makes it a key: a pair inside a sequence, or a mapping in a value.
    if (next === COLON) throw NOT_SURE;
    return plainValue(this.text.slice(p, this.plainEnd));
  }

  /**
   * A plain scalar in flow context: it ends at "," "]" "}" or a ":" followed by a space or one
   * of them; `after` is where it ends, `plainEnd` the same without trailing spaces. A comment,
   * "[" or "{" inside, or the end of the line, are not for this reader.
   */
  private scanFlowPlain(p: number): void {
    const text = this.text;
    const end = this.end;
    let i = p;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === RBRACKET || c === RBRACE) break;
      if (c === LBRACKET || c === LBRACE) throw NOT_SURE;
      if (c === HASH && text.charCodeAt(i - 1) === SP) throw NOT_SURE;
      if (c === COLON) {
        const d = text.charCodeAt(i + 1);
        if (
          i + 1 === end ||
          d === SP ||
          d === COMMA ||
          d === RBRACKET ||
          d === RBRACE ||
          d === LBRACKET ||
          d === LBRACE
        )
          break;
      }
    }
    if (i >= end) throw NOT_SURE;
    let stop = i;
    while (stop > p && text.charCodeAt(stop - 1) === SP) stop--;
    if (stop === p) throw NOT_SURE;
    this.after = i;
    this.plainEnd = stop;
  }
}
