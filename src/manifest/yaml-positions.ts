/**
 * The way back from a value's path (`libraries[2].version`) to where it is written: the
 * line and column of the value, or of its key, or of the nearest ancestor that exists.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Position } from './types.js';

export interface Positions {
  /** Position of the value (or with `key`, of the key) at a path; the nearest ancestor when absent. */
  positionOf(path: readonly PropertyKey[], options?: { key?: boolean }): Position;
  /** The text of the scalar at a path as it is written (`1e400`), when it exists. */
  sourceAt(path: readonly PropertyKey[]): string | undefined;
}

/** `at` turns an offset of the text into a position. */
export function positionsIn(doc: Document.Parsed, at: (offset: number) => Position): Positions {
  const nodeAt = (path: readonly PropertyKey[]): Node | undefined => {
    let node: unknown = doc.contents;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return undefined;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        return undefined;
      }
      if (node === null || node === undefined) return undefined;
    }
    return node as Node;
  };

  const keyAt = (path: readonly PropertyKey[]): Position | undefined => {
    const parent = nodeAt(path.slice(0, -1));
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[path.length - 1]));
    return pair && isScalar(pair.key) && pair.key.range ? at(pair.key.range[0]) : undefined;
  };

  const positionOf = (path: readonly PropertyKey[], opts: { key?: boolean } = {}): Position => {
    for (let n = path.length; n >= 0; n--) {
      const prefix = path.slice(0, n);
      if (opts.key && n === path.length && n > 0) {
        const key = keyAt(prefix);
        if (key) return key;
        continue;
      }
      const node = nodeAt(prefix);
      if (node?.range) return at(node.range[0]);
      // A key with an empty value: point at the key.
      if (n > 0) {
        const key = keyAt(prefix);
        if (key) return key;
      }
    }
    return { line: 1, col: 1 };
  };

  const sourceAt = (path: readonly PropertyKey[]): string | undefined => {
    const source = (nodeAt(path) as { source?: unknown } | undefined)?.source;
    return typeof source === 'string' ? source : undefined;
  };

  return { positionOf, sourceAt };
}
