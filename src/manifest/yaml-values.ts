/**
 * A parsed YAML document → plain values, under limits a hostile repo cannot get past: alias
 * bombs ("billion laughs"), absurd nesting, merge keys and complex keys are refused at the
 * node that breaks the limit; a `__proto__` key stays a plain field.
 */
import { isAlias, isMap, isScalar, isSeq, Scalar, type Document } from 'yaml';

/** Aliases a file may use; a few dozen is plenty for legitimate reuse. */
const MAX_ALIASES = 100;
/** Values produced in all, aliases expanded: stops "billion laughs" documents. */
const MAX_VALUES = 1_000_000;
const MAX_DEPTH = 64;
export const TOO_DEEP = `nesting deeper than ${MAX_DEPTH} levels`;

/** A limit broken at `offset` of the text. */
export class LimitError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly hint: string,
  ) {
    super(message);
  }
}

export interface ValueOptions {
  /**
   * Keep numbers as the text that was written, so `version: 2.10` stays "2.10" instead of
   * becoming 2.1. `keepNumberAt` lists paths (joined with ".") that stay numbers.
   */
  numbersAsText?: boolean;
  keepNumberAt?: ReadonlySet<string>;
}

/** The document's values; throws a LimitError (or a RangeError on a stack overflow). */
export function toValues(doc: Document.Parsed, options: ValueOptions): unknown {
  let values = 0;
  let aliases = 0;
  const keepNumberAt = options.keepNumberAt ?? new Set<string>();
  const convert = (node: unknown, path: string, depth: number): unknown => {
    if (++values > MAX_VALUES)
      throw new LimitError(
        'too many values after expanding aliases',
        nodeOffset(node),
        'this looks like an alias bomb; write the values out',
      );
    if (depth > MAX_DEPTH) throw new LimitError(TOO_DEEP, nodeOffset(node), 'flatten the structure');
    if (isAlias(node)) {
      if (++aliases > MAX_ALIASES) {
        throw new LimitError(
          `more than ${MAX_ALIASES} aliases`,
          nodeOffset(node),
          'this looks like an alias bomb; write the values out instead of using *aliases',
        );
      }
      const target = node.resolve(doc);
      if (!target)
        throw new LimitError(`unknown alias *${node.source}`, nodeOffset(node), 'define the &anchor before using it');
      return convert(target, path, depth + 1);
    }
    if (isScalar(node)) {
      const value = node.value;
      if (typeof value === 'number' && options.numbersAsText && node.type === Scalar.PLAIN && !keepNumberAt.has(path)) {
        return (node as Scalar & { source?: string }).source ?? String(value);
      }
      return value;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const rawKey = isScalar(pair.key) ? pair.key.value : pair.key;
        if (rawKey !== null && typeof rawKey === 'object') {
          throw new LimitError('complex mapping keys are not supported', nodeOffset(pair.key), 'use plain text keys');
        }
        const key = String(rawKey);
        if (key === '<<')
          throw new LimitError('merge keys (<<) are not supported', nodeOffset(pair.key), 'write the fields out');
        const value = convert(pair.value, path ? `${path}.${key}` : key, depth + 1);
        // A "__proto__" key must become a plain field, never the object's prototype.
        if (key === '__proto__')
          Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        else out[key] = value;
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => convert(item, `${path}[${i}]`, depth + 1));
    }
    return node === undefined ? null : node;
  };
  return convert(doc.contents, '', 0);
}

function nodeOffset(node: unknown): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : 0;
}
