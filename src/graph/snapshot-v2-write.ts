/**
 * Writing snapshot file version 2 (the format is described in snapshot-v2.ts, which reads it):
 * every object as `[shape, value, …]`, strings, shapes and shared small objects in tables at
 * the end, filled in the order the items are written, so the same snapshot gives the same bytes.
 */
import { safeJson } from '../util/control-chars.js';
import { SNAPSHOT_FILE_VERSION_2, type Tag } from './snapshot-v2.js';
import { MANIFESTS_SECTION } from './snapshot-v2-lazy.js';
import type { Snapshot } from './types.js';
const SECTIONS = ['repos', 'nodes', 'edges', 'problems'] as const;

interface Elsewhere {
  key: string;
  line: number;
  encoded?: unknown[];
}

class Encoder {
  readonly strings: string[] = [];
  readonly shapes: string[][] = [];
  /** Small objects many items share (pin verdicts, `pos` {line, col}), each written once. */
  readonly values: unknown[][] = [];
  private readonly stringIds = new Map<string, number>();
  private readonly shapeIds = new Map<string, number>();
  private readonly valueIds = new Map<string, number>();

  string(value: string): number {
    let id = this.stringIds.get(value);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(value);
      this.stringIds.set(value, id);
    }
    return id;
  }

  value(value: unknown, tag: Tag): unknown {
    switch (tag) {
      case '$':
        return this.string(value as string);
      case '{':
        return this.object(value as Record<string, unknown>);
      case '[':
        return this.array(value as unknown[]);
      case '=':
        return this.shared(value as Record<string, unknown>);
      default:
        return value;
    }
  }

  private shared(value: Record<string, unknown>): number {
    const encoded = this.object(value);
    const signature = JSON.stringify(encoded);
    let id = this.valueIds.get(signature);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(encoded);
      this.valueIds.set(signature, id);
    }
    return id;
  }

  /**
   * `elsewhere`: a list written in a section of its own, here as the index of its line there.
   * It is encoded now, where it is met, and given in `elsewhere.encoded`: the tables are
   * numbered as if it were written here.
   */
  object(object: Record<string, unknown>, elsewhere?: Elsewhere): unknown[] {
    const keys: string[] = [];
    const values: unknown[] = [];
    const edgeKey = edgeKeySuffix(object);
    for (const key of Object.keys(object)) {
      const value = object[key];
      if (key === elsewhere?.key && Array.isArray(value)) {
        keys.push(`${key}[`);
        values.push(elsewhere.line);
        elsewhere.encoded = this.array(value);
        continue;
      }
      // JSON.stringify leaves these keys out; so does version 1.
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
      let tag = key === 'key' && edgeKey !== undefined ? '~' : tagOf(value);
      if (tag === '{' && isShareable(value as Record<string, unknown>)) tag = '=';
      keys.push(key + tag);
      values.push(tag === '~' ? this.string(edgeKey as string) : this.value(value, tag));
    }
    const signature = JSON.stringify(keys);
    let shape = this.shapeIds.get(signature);
    if (shape === undefined) {
      shape = this.shapes.length;
      this.shapes.push(keys);
      this.shapeIds.set(signature, shape);
    }
    return [shape, ...values];
  }

  array(array: unknown[]): unknown[] {
    if (array.length === 0) return [];
    const first = tagOf(array[0]);
    const tag = first === '[' || array.some((item) => tagOf(item) !== first) ? '*' : first;
    const out: unknown[] = [tag];
    for (const item of array) out.push(this.value(item, tag));
    return out;
  }
}

function tagOf(value: unknown): Tag {
  if (typeof value === 'string') return '$';
  if (typeof value === 'number') return '#';
  if (value === null || typeof value === 'boolean') return '!';
  if (Array.isArray(value)) return '[';
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return '{';
  return '*';
}

/**
 * Objects of text, numbers and true/false only are written once in "values" and named by
 * their index: pin verdicts and `pos` {line, col} repeat across repos. A place with a repo
 * (`declared`, a problem's location) is nearly always different: written where it is.
 */
function isShareable(object: Record<string, unknown>): boolean {
  if ('repo' in object) return false;
  for (const key in object) {
    const value = object[key];
    if (value !== null && typeof value === 'object') return false;
  }
  return true;
}

/** What an edge's key adds to `source -> target`, when it starts so and the object comes before them. */
function edgeKeySuffix(object: Record<string, unknown>): string | undefined {
  const { key, source, target } = object;
  if (typeof key !== 'string' || typeof source !== 'string' || typeof target !== 'string') return undefined;
  const head = `${source} -> ${target}`;
  return key.startsWith(head) ? key.slice(head.length) : undefined;
}

/**
 * Version 2 of the snapshot, in pieces: the head, one line per item (the repos' manifests in a
 * section of their own, one line per repo, which queries do not parse: see snapshot.ts), then
 * the shapes, values and strings.
 */
export function* snapshotChunksV2(snapshot: Snapshot): Generator<string> {
  const encoder = new Encoder();
  yield `{"format": ${JSON.stringify(snapshot.format)}, "version": ${SNAPSHOT_FILE_VERSION_2}, "generator": ${JSON.stringify(snapshot.generator)},\n`;
  for (const key of SECTIONS) {
    const items = snapshot[key] as unknown as readonly Record<string, unknown>[];
    // The repos' manifests, encoded with their repo (which numbers the tables as when they were
    // written in its line: numbered after the edges they took 23 % more room), written next.
    const manifests: string[] = [];
    yield `"${key}": [`;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as Record<string, unknown>;
      let encoded: unknown[];
      if (key === 'repos') {
        const elsewhere: Elsewhere = { key: 'manifests', line: i };
        encoded = encoder.object(item, elsewhere);
        manifests.push(safeJson(JSON.stringify(elsewhere.encoded ?? [])));
      } else encoded = encoder.object(item);
      yield `${i === 0 ? '\n' : ',\n'}${safeJson(JSON.stringify(encoded))}`;
    }
    yield `${items.length > 0 ? '\n' : ''}],\n`;
    if (key === 'repos') yield* lines(MANIFESTS_SECTION, manifests);
  }
  if (snapshot.observed)
    yield `"observed": ${safeJson(JSON.stringify(encoder.object(snapshot.observed as unknown as Record<string, unknown>)))},\n`;
  yield* table('shapes', encoder.shapes);
  yield ',\n';
  yield* table('values', encoder.values);
  yield ',\n';
  yield* table('strings', encoder.strings);
  yield '\n}\n';
}

function* lines(name: string, items: readonly string[]): Generator<string> {
  yield `"${name}": [`;
  for (let i = 0; i < items.length; i++) yield `${i === 0 ? '\n' : ',\n'}${items[i] as string}`;
  yield `${items.length > 0 ? '\n' : ''}],\n`;
}

function* table(name: string, items: readonly unknown[]): Generator<string> {
  yield `"${name}": [`;
  // Lines of up to ~64 KB a piece: a table of a million strings is not a million writes.
  let piece = '';
  for (let i = 0; i < items.length; i++) {
    piece += `${i === 0 ? '\n' : ',\n'}${safeJson(JSON.stringify(items[i]))}`;
    if (piece.length > 65_536) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}${items.length > 0 ? '\n' : ''}]`;
}

/** A damaged version 2 file: where (`edges[12]`) and what. */
