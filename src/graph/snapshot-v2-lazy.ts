/**
 * What a version 2 snapshot defers until a command reads it: the repos' manifests, cut out of
 * the text before it is parsed, and the items of a section (the edges) decoded one by one.
 */
import type { DecoderV2 } from './snapshot-v2.js';

/**
 * The section of the repos' manifests, one line per repo, each repo naming its line: a query
 * (impact, deps, why) reads a repo's status and problems and never its manifests, so the
 * section is cut out of the text before it is parsed and parsed when a manifest is first
 * read (snapshot.ts). At 10,000 repos it is 30 % of the file. Files written before it existed
 * hold each repo's manifests in its line; they are read as before.
 */
export const MANIFESTS_SECTION = 'manifests';
const MANIFESTS_START = `\n"${MANIFESTS_SECTION}": [`;

/**
 * A version 2 file's text without its manifests section, and the section's items as the text
 * of a JSON list; undefined when the text has no such section where version 2 writes it.
 * Strings cannot hold a line break, so the section's first and last lines are found by text.
 */
export function cutManifests(text: string): { rest: string; manifests: string } | undefined {
  const start = text.indexOf(MANIFESTS_START);
  if (start < 0) return undefined;
  const open = start + MANIFESTS_START.length;
  if (text.startsWith('],\n', open)) return { rest: text.slice(0, start + 1) + text.slice(open + 3), manifests: '[]' };
  if (text.charCodeAt(open) !== 10) return undefined;
  const close = text.indexOf('\n],\n', open);
  if (close < 0) return undefined;
  return { rest: text.slice(0, start + 1) + text.slice(close + 4), manifests: `[${text.slice(open, close + 1)}]` };
}

/** Each edge's source and target as the position of the node in `nodes`. */
export interface Endpoints {
  sources: Int32Array;
  targets: Int32Array;
}

/** The getters of lists decoded when first read (itemWithLazy), which are lists without being read. */
const LAZY_GETTERS = new WeakSet<() => unknown>();

/** Marks `get` as the getter of a list decoded when first read (see {@link isList}). */
export function markLazyGetter(get: () => unknown): void {
  LAZY_GETTERS.add(get);
}

/**
 * A section decoded item by item when asked: the edges of a snapshot read for a walk, of
 * which a query reads the ends of each and the whole of those it reaches.
 */
export class LazyItems<T> {
  private readonly cache: (T | undefined)[];
  /** Set when the edges passed the checks: their ends, for the walk index. */
  endpoints: Endpoints | undefined;

  constructor(
    private readonly decoder: DecoderV2,
    private readonly raw: readonly unknown[],
    private readonly where: string,
  ) {
    this.cache = new Array<T | undefined>(raw.length);
  }

  get length(): number {
    return this.raw.length;
  }

  at(i: number): T {
    return (this.cache[i] ??= this.decoder.late(() => this.decoder.item(this.raw[i], `${this.where}[${i}]`) as T));
  }

  all(): T[] {
    const out = new Array<T>(this.raw.length);
    for (let i = 0; i < out.length; i++) out[i] = this.at(i);
    return out;
  }
}

const LAZY_EDGES = Symbol('edges decoded when read');

/** Makes `snapshot.edges` decode when first read; until then the walk index reads `lazy`. */
export function defineLazyEdges(snapshot: object, lazy: LazyItems<unknown>): void {
  let edges: unknown[] | undefined;
  Object.defineProperty(snapshot, 'edges', {
    get: () => (edges ??= lazy.all()),
    set: (value: unknown[]) => (edges = value),
    enumerable: true,
    configurable: true,
  });
  Object.defineProperty(snapshot, LAZY_EDGES, { value: () => (edges === undefined ? lazy : undefined) });
}

/** The edges of a snapshot read from version 2 that nothing has read yet, or undefined. */
export function lazyEdgesOf<T>(snapshot: object): LazyItems<T> | undefined {
  const lazy = (snapshot as { [LAZY_EDGES]?: () => LazyItems<T> | undefined })[LAZY_EDGES];
  return lazy?.();
}

/** Whether `object[key]` is a list, without decoding one that is decoded when first read. */
export function isList(object: object, key: string): boolean {
  const get = Object.getOwnPropertyDescriptor(object, key)?.get;
  return get !== undefined && LAZY_GETTERS.has(get) ? true : Array.isArray((object as Record<string, unknown>)[key]);
}
