/**
 * What every ecosystem's versions share: a reader that may refuse a text, and an order over
 * what it read. Versions in a graph can be anything a manifest held (`latest`, `^4.19.0`, a
 * digest), so reading never throws, and the total order puts what it cannot read after what
 * it can, as plain text.
 */
import type { RangeInput } from './syntax-error.js';

export interface Ordering<V> {
  /** The version `text` names, or undefined when it names none of this ecosystem's versions. */
  read(text: string): V | undefined;
  compare(a: V, b: V): number;
}

export function compareTexts(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareWith<V>(ordering: Ordering<V>, a: string, b: string): number {
  const va = ordering.read(a);
  const vb = ordering.read(b);
  // `+ 0`: no -0 from a negated comparison reaches the caller.
  if (va !== undefined && vb !== undefined) return Math.sign(ordering.compare(va, vb)) + 0;
  if (va !== undefined) return -1;
  if (vb !== undefined) return 1;
  return compareTexts(a, b);
}

/** Two runs of ASCII digits as the numbers they are, however long (no precision lost). */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length !== y.length ? Math.sign(x.length - y.length) : compareTexts(x, y);
}

/** One ecosystem family's versions and ranges, as the index dispatches to them. */
export interface Family {
  /** Valid ranges of the family, quoted, for error messages. */
  examples: string;
  compare(a: string, b: string): number;
  /** The test of a range; throws RangeSyntaxError when it does not parse. The test never throws. */
  matcher(input: RangeInput): (version: string) => boolean;
}
