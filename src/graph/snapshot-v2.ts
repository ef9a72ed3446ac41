/**
 * Snapshot file version 2: the same Snapshot as version 1, written compactly. Version 1 spells
 * every key of every object and every string in full, and keeps each repo's normalized
 * manifests beside the nodes and edges made of them: ~40 KB a repo. Version 2 writes each
 * object as `[shape, value, …]`, where a shape (listed once at the end) names the keys and the
 * type of each value, and each string as its index in a string table (also at the end, one
 * string a line): an id, a purl, a file name, a pin verdict's reason is written once however
 * many times it is used. An edge's key is written as what it adds to `source -> target`.
 *
 * Still one item a line (a changed edge is a changed line), written in pieces, and the same
 * snapshot gives the same bytes: the tables are filled in the order the items are written.
 * Decoding gives back exactly the objects version 1 reads as, key order included, so every
 * command (and `merge`, which re-resolves from the manifests kept in `repos[]`) works alike.
 */

import { MANIFESTS_SECTION, markLazyGetter, type Endpoints } from './snapshot-v2-lazy.js';

export const SNAPSHOT_FILE_VERSION_2 = 2;

/**
 * The type of a value, the last character of a shape's key: `$` a string (its index), `#` a
 * number, `!` true, false or null, `{` an object (`[shape, …]`), `[` an array
 * (`[element type, …]`, or `[]`), `=` an object of "values" (its index), `*` anything else
 * as plain JSON, `~` an edge key written as what follows `source -> target` (its index).
 */
export type Tag = '$' | '#' | '!' | '{' | '[' | '=' | '*' | '~';

export class DecodeError extends Error {
  constructor(
    readonly where: string,
    readonly what: string,
  ) {
    super(`${where} ${what}`);
  }
}

interface Shape {
  keys: string[];
  tags: Tag[];
  /** Index of the value of `source` and `target`, for a `~` key. */
  source: number;
  target: number;
  /** Index of the `~` key (an edge's, named `key`), or -1. */
  edgeKey: number;
  /** A key `__proto__`, which only the careful path sets as a key. */
  proto: boolean;
}

/** Thrown by the fast path for anything wrong: the careful path then says what and where. */
const FAIL = Symbol('does not decode');

/**
 * Decodes a parsed version 2 file into the Snapshot version 1 gives. Throws DecodeError
 * naming the first entry that does not decode (a shape or a string that is not there, a
 * value of the wrong kind).
 */
export class DecoderV2 {
  private readonly shapes: Shape[];
  private readonly strings: readonly string[];
  private readonly values: readonly unknown[];
  private depth = 0;

  /** `manifests`: the manifests section's items, when the file has one (read when first needed). */
  constructor(
    raw: Record<string, unknown>,
    private readonly onLateError?: (error: DecodeError) => Error,
    private readonly manifests?: () => unknown[],
  ) {
    const strings = raw.strings;
    const shapes = raw.shapes;
    if (!Array.isArray(strings) || strings.some((s) => typeof s !== 'string'))
      throw new DecodeError('"strings"', 'must be a list of text');
    if (!Array.isArray(shapes)) throw new DecodeError('"shapes"', 'must be a list');
    if (!Array.isArray(raw.values)) throw new DecodeError('"values"', 'must be a list');
    this.values = raw.values;
    this.strings = strings as string[];
    this.shapes = shapes.map((shape: unknown, i) => {
      if (
        !Array.isArray(shape) ||
        shape.some((k) => typeof k !== 'string' || k.length === 0 || !TAGS.has(k.at(-1) as string))
      )
        throw new DecodeError(`shapes[${i}]`, 'must be a list of keys, each ending in its type');
      const keys = (shape as string[]).map((k) => k.slice(0, -1));
      const tags = (shape as string[]).map((k) => k.at(-1) as Tag);
      const edgeKey = tags.indexOf('~');
      if (edgeKey >= 0 && (keys[edgeKey] !== 'key' || tags.lastIndexOf('~') !== edgeKey))
        throw new DecodeError(`shapes[${i}]`, 'has a "~" value that is not an edge\'s "key"');
      return {
        keys,
        tags,
        source: keys.indexOf('source'),
        target: keys.indexOf('target'),
        edgeKey,
        proto: keys.includes('__proto__'),
      };
    });
  }

  /** The items of a section, each decoded; `where` names the section in errors. */
  section(items: unknown, where: string): unknown[] {
    if (!Array.isArray(items)) throw new DecodeError(`"${where}"`, 'must be a list');
    const out = new Array<unknown>(items.length);
    for (let i = 0; i < items.length; i++) out[i] = this.item(items[i], `${where}[${i}]`);
    return out;
  }

  /**
   * One item: decoded without keeping track of where it is (a path string per value would
   * cost more than the decoding), and decoded again with it only to say what is wrong.
   */
  item(value: unknown, where: string): Record<string, unknown> {
    try {
      return this.fastObject(value, 0);
    } catch (error) {
      if (error !== FAIL) throw error;
      this.depth = 0;
      this.object(value, where);
      throw new DecodeError(where, 'does not decode');
    }
  }

  private fastObject(value: unknown, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH || !Array.isArray(value)) throw FAIL;
    const shape = this.shapes[value[0] as number];
    if (shape === undefined || value.length !== shape.keys.length + 1 || shape.proto) throw FAIL;
    const { keys, tags } = shape;
    const out: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++) {
      const v: unknown = value[k + 1];
      let decoded: unknown;
      switch (tags[k]) {
        case '$':
          decoded = this.strings[v as number];
          if (decoded === undefined || typeof v !== 'number') throw FAIL;
          break;
        case '#':
          if (typeof v !== 'number' && v !== null) throw FAIL;
          decoded = v;
          break;
        case '!':
          if (typeof v !== 'boolean' && v !== null) throw FAIL;
          decoded = v;
          break;
        case '{':
          decoded = this.fastObject(v, depth + 1);
          break;
        case '=':
          if (typeof v !== 'number') throw FAIL;
          decoded = this.fastObject(this.values[v], depth + 1);
          break;
        case '[':
          decoded = this.fastArray(v, depth + 1);
          break;
        case '~':
          decoded = '';
          break;
        default:
          decoded = v;
      }
      out[keys[k] as string] = decoded;
    }
    if (shape.edgeKey >= 0) {
      const source = out.source;
      const target = out.target;
      const suffix = this.strings[value[shape.edgeKey + 1] as number];
      if (typeof source !== 'string' || typeof target !== 'string' || suffix === undefined) throw FAIL;
      out.key = `${source} -> ${target}${suffix}`;
    }
    return out;
  }

  private fastArray(value: unknown, depth: number): unknown[] {
    if (depth > MAX_DEPTH || !Array.isArray(value)) throw FAIL;
    if (value.length === 0) return [];
    const tag = value[0] as Tag;
    const out = new Array<unknown>(value.length - 1);
    for (let i = 1; i < value.length; i++) {
      const v: unknown = value[i];
      switch (tag) {
        case '$':
          out[i - 1] = this.strings[v as number];
          if (out[i - 1] === undefined || typeof v !== 'number') throw FAIL;
          break;
        case '{':
          out[i - 1] = this.fastObject(v, depth + 1);
          break;
        case '=':
          out[i - 1] = this.fastObject(this.values[v as number], depth + 1);
          break;
        case '#':
          if (typeof v !== 'number' && v !== null) throw FAIL;
          out[i - 1] = v;
          break;
        case '!':
          if (typeof v !== 'boolean' && v !== null) throw FAIL;
          out[i - 1] = v;
          break;
        case '*':
          out[i - 1] = v;
          break;
        default:
          throw FAIL;
      }
    }
    return out;
  }

  /**
   * An item whose `lazy` key (a repo's `manifests`) is checked now and decoded when first
   * read: a query reads the repos' status and problems, not their manifests.
   */
  itemWithLazy(value: unknown, where: string, lazy: string): Record<string, unknown> {
    const shape = Array.isArray(value) ? this.shapes[value[0] as number] : undefined;
    const k = shape ? shape.keys.indexOf(lazy) : -1;
    const at = k < 0 ? undefined : (value as unknown[])[k + 1];
    // The list itself, or the index of its line in the manifests section.
    const line = typeof at === 'number' && this.manifests ? at : undefined;
    if (!shape || k < 0 || shape.tags[k] !== '[' || (!Array.isArray(at) && line === undefined))
      return this.item(value, where);
    // The same item with an empty list in its place.
    const stub = [...(value as unknown[])];
    stub[k + 1] = [];
    const out = this.item(stub, where);
    let decoded: unknown[] | undefined;
    const raw = () => {
      if (line === undefined) return at;
      const lines = (this.manifests as () => unknown[])();
      if (!Number.isInteger(line) || line < 0 || line >= lines.length)
        throw new DecodeError(
          `${where}.${lazy}`,
          `names line ${line} of "${MANIFESTS_SECTION}", which has ${lines.length}`,
        );
      return lines[line];
    };
    const get = () => (decoded ??= this.late(() => this.list(raw(), `${where}.${lazy}`)));
    markLazyGetter(get);
    Object.defineProperty(out, lazy, {
      get,
      set: (v: unknown[]) => (decoded = v),
      enumerable: true,
      configurable: true,
    });
    return out;
  }

  /** A list, fast, and again carefully to say what is wrong. */
  private list(value: unknown, where: string): unknown[] {
    try {
      return this.fastArray(value, 1);
    } catch (error) {
      if (error !== FAIL) throw error;
      this.depth = 0;
      this.array(value, where);
      throw new DecodeError(where, 'does not decode');
    }
  }

  /**
   * What is decoded when a command first reads it: a damaged entry is found then, and said
   * as the error `late` makes of it (parseSnapshot's located ConfigError).
   */
  late<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof DecodeError && this.onLateError) throw this.onLateError(error);
      throw error;
    }
  }

  /**
   * What parseSnapshot checks of each edge (snapshot.ts checkShape), on the encoded edges:
   * true when every edge decodes and passes, so that they can be decoded when read. False
   * says only "decode them now and check them the usual way", which names the bad one.
   */
  edgesPass(
    raw: readonly unknown[],
    nodeIndex: ReadonlyMap<string, number>,
    edgeTypes: ReadonlySet<string>,
  ): Endpoints | undefined {
    // Node and edge type of each string, once: the edges then compare numbers.
    const node = new Int32Array(this.strings.length).fill(-1);
    const isType = new Uint8Array(this.strings.length);
    this.strings.forEach((text, i) => {
      node[i] = nodeIndex.get(text) ?? -1;
      if (edgeTypes.has(text)) isType[i] = 1;
    });
    const fields: (EdgeFields | null | undefined)[] = [];
    const pinOk = new Map<unknown, boolean>();
    const sources = new Int32Array(raw.length);
    const targets = new Int32Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const e = raw[i];
      if (!Array.isArray(e)) return undefined;
      const id = e[0] as number;
      let f = fields[id];
      if (f === undefined) f = fields[id] = this.edgeFields(id) ?? null;
      if (f === null || e.length !== f.length) return undefined;
      if (isType[e[f.type] as number] !== 1) return undefined;
      const s = node[e[f.source] as number] ?? -1;
      const t = node[e[f.target] as number] ?? -1;
      if (s < 0 || t < 0) return undefined;
      sources[i] = s;
      targets[i] = t;
      if (!f.keyIsSuffix && !this.strings[e[f.key] as number]) return undefined;
      const pin: unknown = e[f.pin];
      if (f.pinShared) {
        let ok = pinOk.get(pin);
        if (ok === undefined) pinOk.set(pin, (ok = this.flat(this.values[pin as number], 'pinned', 'boolean')));
        if (!ok) return undefined;
      } else if (!this.flat(pin, 'pinned', 'boolean')) return undefined;
      const declared = e[f.declared] as unknown[];
      if (
        !this.flat(declared, 'line', 'number') ||
        !this.flat(declared, 'repo', 'text') ||
        !this.flat(declared, 'file', 'string')
      )
        return undefined;
      if (f.observed >= 0 && !this.flat(e[f.observed], 'calls', 'number')) return undefined;
    }
    return { sources, targets };
  }

  private edgeFields(shapeId: number): EdgeFields | undefined {
    const shape = this.shapes[shapeId];
    if (!shape) return undefined;
    const at = (key: string, ...tags: Tag[]) => {
      const k = shape.keys.indexOf(key);
      return k >= 0 && tags.includes(shape.tags[k] as Tag) ? k + 1 : -1;
    };
    const f = {
      length: shape.keys.length + 1,
      key: at('key', '~', '$'),
      keyIsSuffix: shape.tags[shape.keys.indexOf('key')] === '~',
      type: at('type', '$'),
      source: at('source', '$'),
      target: at('target', '$'),
      pin: at('pin', '{', '='),
      pinShared: shape.tags[shape.keys.indexOf('pin')] === '=',
      declared: at('declared', '{'),
      observed: shape.keys.includes('observed') ? at('observed', '{') : -2,
    };
    return [f.key, f.type, f.source, f.target, f.pin, f.declared].some((k) => k < 0) || f.observed === -1
      ? undefined
      : { ...f, observed: f.observed === -2 ? -1 : f.observed };
  }

  /** Whether an encoded object (already valid) has `key` holding a value of that kind. */
  private flat(value: unknown, key: string, kind: 'boolean' | 'number' | 'string' | 'text'): boolean {
    if (!Array.isArray(value)) return false;
    const shape = this.shapes[value[0] as number];
    const k = shape ? shape.keys.indexOf(key) : -1;
    if (!shape || k < 0) return false;
    const v: unknown = value[k + 1];
    const tag = shape.tags[k];
    if (kind === 'boolean') return tag === '!' && typeof v === 'boolean';
    if (kind === 'number') return tag === '#' && typeof v === 'number';
    if (tag !== '$') return false;
    const text = this.strings[v as number];
    return text !== undefined && (kind === 'string' || text.length > 0);
  }

  string(value: unknown, where: string): string {
    const s = typeof value === 'number' ? this.strings[value] : undefined;
    if (s === undefined) throw new DecodeError(where, `names no entry of "strings" (${JSON.stringify(value)})`);
    return s;
  }

  object(value: unknown, where: string): Record<string, unknown> {
    // Nothing depmap writes nests deeper than a few levels; a file that does is damaged, not a stack overflow.
    if (++this.depth > MAX_DEPTH) throw new DecodeError(where, `nests deeper than ${MAX_DEPTH} levels`);
    try {
      return this.objectAt(value, where);
    } finally {
      this.depth--;
    }
  }

  private objectAt(value: unknown, where: string): Record<string, unknown> {
    if (!Array.isArray(value) || typeof value[0] !== 'number') throw new DecodeError(where, 'must be [shape, …values]');
    const shape = this.shapes[value[0]];
    if (shape === undefined) throw new DecodeError(where, `names no entry of "shapes" (${value[0]})`);
    const { keys, tags } = shape;
    if (value.length !== keys.length + 1)
      throw new DecodeError(where, `has ${value.length - 1} values where its shape has ${keys.length}`);
    const out: Record<string, unknown> = {};
    let edgeKey = -1;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      const tag = tags[k] as Tag;
      let decoded: unknown;
      if (tag === '~') {
        edgeKey = k;
        decoded = '';
      } else decoded = this.value(value[k + 1], tag, `${where}.${key}`);
      if (key === '__proto__')
        Object.defineProperty(out, key, { value: decoded, enumerable: true, writable: true, configurable: true });
      else out[key] = decoded;
    }
    if (edgeKey >= 0) {
      const source = out[keys[shape.source] ?? ''];
      const target = out[keys[shape.target] ?? ''];
      if (typeof source !== 'string' || typeof target !== 'string')
        throw new DecodeError(where, 'has a key made from "source" and "target" but not both of them as text');
      out[keys[edgeKey] as string] = `${source} -> ${target}${this.string(value[edgeKey + 1], `${where}.key`)}`;
    }
    return out;
  }

  private value(value: unknown, tag: Tag, where: string): unknown {
    switch (tag) {
      case '$':
        return this.string(value, where);
      case '#':
        if (typeof value !== 'number' && value !== null) throw new DecodeError(where, 'must be a number');
        return value;
      case '!':
        if (value !== null && typeof value !== 'boolean') throw new DecodeError(where, 'must be true, false or null');
        return value;
      case '{':
        return this.object(value, where);
      case '[':
        return this.array(value, where);
      case '=': {
        // A copy for each use, as version 1 gives: a command may change one edge's verdict.
        const shared = typeof value === 'number' ? this.values[value] : undefined;
        if (shared === undefined) throw new DecodeError(where, `names no entry of "values" (${JSON.stringify(value)})`);
        return this.object(shared, where);
      }
      default:
        return value;
    }
  }

  private array(value: unknown, where: string): unknown[] {
    if (++this.depth > MAX_DEPTH) throw new DecodeError(where, `nests deeper than ${MAX_DEPTH} levels`);
    try {
      return this.arrayAt(value, where);
    } finally {
      this.depth--;
    }
  }

  private arrayAt(value: unknown, where: string): unknown[] {
    if (!Array.isArray(value)) throw new DecodeError(where, 'must be a list');
    if (value.length === 0) return [];
    const tag = value[0] as Tag;
    if (typeof tag !== 'string' || !TAGS.has(tag) || tag === '~' || tag === '[')
      throw new DecodeError(where, 'must start with the type of its items');
    const out = new Array<unknown>(value.length - 1);
    for (let i = 1; i < value.length; i++) out[i - 1] = this.value(value[i], tag, `${where}[${i - 1}]`);
    return out;
  }
}

const MAX_DEPTH = 64;

interface EdgeFields {
  length: number;
  key: number;
  keyIsSuffix: boolean;
  type: number;
  source: number;
  target: number;
  pin: number;
  pinShared: boolean;
  declared: number;
  observed: number;
}

const TAGS = new Set<string>(['$', '#', '!', '{', '[', '=', '*', '~']);
