/**
 * Interval notation, Maven's and NuGet's: `[1.0,2.0)`, `(,2.15.0)`, `[1.5,)`, `[2.17.1]`
 * exactly, and for Maven unions `(,1.0],[1.2,)`. Bounds are read in the ecosystem's ordering.
 */
import { readBound, type Test } from './comparators.js';
import type { Ordering } from './ordering.js';
import { fail, type RangeInput } from './syntax-error.js';

export function isInterval(text: string): boolean {
  return /^\s*[[(]/.test(text);
}

/** The intervals of `text` as tests, any of which may hold; `union` allows more than one. */
export function readIntervals<V>(input: RangeInput, ordering: Ordering<V>, text: string, union: boolean): Test<V>[] {
  const tests: Test<V>[] = [];
  let rest = text.trim();
  for (;;) {
    const open = rest[0];
    if (open !== '[' && open !== '(') fail(input, `${JSON.stringify(rest)} should start with "[" or "("`);
    const end = rest.search(/[\])]/);
    if (end < 0) fail(input, `no closing "]" or ")"`);
    const inner = rest.slice(1, end);
    const close = rest[end] as string;
    if (/[[(]/.test(inner)) fail(input, `no closing "]" or ")" before the next "${/[[(]/.exec(inner)?.[0]}"`);
    tests.push(interval(input, ordering, open, inner, close));
    rest = rest.slice(end + 1).trimStart();
    if (!rest) return tests;
    if (!union) fail(input, `${JSON.stringify(rest)} after the interval: join intervals with "||"`);
    if (rest[0] !== ',') fail(input, `${JSON.stringify(rest)} after an interval: separate intervals with ","`);
    rest = rest.slice(1).trimStart();
    if (!rest) fail(input, 'it ends with a comma');
  }
}

function interval<V>(input: RangeInput, ordering: Ordering<V>, open: string, inner: string, close: string): Test<V> {
  const bounds = inner.split(',').map((b) => b.trim());
  if (bounds.length === 1) {
    if (open !== '[' || close !== ']' || !bounds[0])
      fail(input, `a single version is written in square brackets, as in "[${bounds[0] || '1.0'}]"`);
    const exact = readBound(input, ordering, bounds[0]);
    return (v) => ordering.compare(v, exact) === 0;
  }
  if (bounds.length > 2) fail(input, `"${open}${inner}${close}" has more than two versions`);
  const [low = '', high = ''] = bounds;
  if (!low && !high) fail(input, `"${open}${inner}${close}" needs a lower or an upper bound`);
  const lower = low ? readBound(input, ordering, low) : undefined;
  const upper = high ? readBound(input, ordering, high) : undefined;
  if (lower !== undefined && upper !== undefined) {
    const order = ordering.compare(lower, upper);
    if (order > 0 || (order === 0 && (open === '(' || close === ')')))
      fail(input, `"${open}${inner}${close}" holds no version: the lower bound is not below the upper`);
  }
  return (v) =>
    (lower === undefined || (open === '[' ? ordering.compare(v, lower) >= 0 : ordering.compare(v, lower) > 0)) &&
    (upper === undefined || (close === ']' ? ordering.compare(v, upper) <= 0 : ordering.compare(v, upper) < 0));
}
