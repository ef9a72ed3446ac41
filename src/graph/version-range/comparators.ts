/**
 * Comparator lists, the syntax every ecosystem accepts besides its own (users type it whatever
 * the ecosystem): `<2.15.0`; `>=2.0, <2.15.0` or `>=2.0 <2.15.0`, all of which must hold; and
 * alternatives joined by `||`. A bare version means that version exactly: a query asks about
 * versions, so `2.17.1` is 2.17.1, not the "2.17.1 or later" some manifests read it as.
 */
import type { Ordering } from './ordering.js';
import { article, fail, type RangeInput } from './syntax-error.js';

export interface Comparator {
  /** `<`, `>=`, …; '' for a bare version. */
  op: string;
  version: string;
}

/** A test on a version already read; a range is alternatives of tests that must all hold. */
export type Test<V> = (version: V) => boolean;
export type Alternatives<V> = Test<V>[][];

/** Every operator any ecosystem knows, longest first, so that `<=` is not read as `<`. */
const OPERATORS = ['===', '~>', '~=', '<=', '>=', '==', '!=', '<', '>', '=', '^', '~'];
const COMMON = ['<', '<=', '>', '>=', '=', '==', '!='];
const VERSION = /^[^\s,|<>=!]+/;

const ORDERED: Record<string, (order: number) => boolean> = {
  '<': (o) => o < 0,
  '<=': (o) => o <= 0,
  '>': (o) => o > 0,
  '>=': (o) => o >= 0,
  '=': (o) => o === 0,
  '==': (o) => o === 0,
  '': (o) => o === 0,
  '!=': (o) => o !== 0,
};

/** The alternatives of a range, each trimmed; an empty range or alternative is an error. */
export function splitAlternatives(input: RangeInput): string[] {
  if (input.text.trim() === '') fail(input, 'it is empty');
  const parts = input.text.split('||').map((part) => part.trim());
  if (parts.some((part) => part === '')) fail(input, 'an alternative of "||" is empty');
  if (parts.some((part) => part.includes('|'))) fail(input, 'a single "|" joins nothing: use "||"');
  return parts;
}

/** The comparators of one alternative. `extra` are the operators of this ecosystem besides the common ones. */
export function readComparators(input: RangeInput, alternative: string, extra: readonly string[] = []): Comparator[] {
  const allowed = new Set([...COMMON, ...extra]);
  const comparators: Comparator[] = [];
  let rest = alternative.trim();
  while (rest) {
    const op = OPERATORS.find((o) => rest.startsWith(o)) ?? '';
    if (op && !allowed.has(op)) fail(input, `${JSON.stringify(op)} is not ${article(input.ecosystem)} operator`);
    rest = rest.slice(op.length).trimStart();
    const version = VERSION.exec(rest)?.[0];
    if (!version)
      fail(
        input,
        op
          ? `${JSON.stringify(op)} is not followed by a version`
          : `${JSON.stringify(rest[0])} where a version or an operator should be`,
      );
    comparators.push({ op, version });
    rest = rest.slice(version.length).trimStart();
    if (rest.startsWith(',')) {
      rest = rest.slice(1).trimStart();
      if (!rest) fail(input, 'it ends with a comma');
    }
  }
  return comparators;
}

/** The bound of a comparator, read in the ecosystem's ordering; one it cannot read is an error. */
export function readBound<V>(input: RangeInput, ordering: Ordering<V>, version: string): V {
  const bound = ordering.read(version);
  if (bound === undefined) fail(input, `${JSON.stringify(version)} is not ${article(input.ecosystem)} version`);
  return bound;
}

/** A common comparator (`<`, `>=`, `!=`, bare …) as a test in `ordering`. */
export function orderedTest<V>(input: RangeInput, ordering: Ordering<V>, comparator: Comparator): Test<V> {
  const holds = ORDERED[comparator.op];
  if (!holds) fail(input, `${JSON.stringify(comparator.op)} is not ${article(input.ecosystem)} operator`);
  const bound = readBound(input, ordering, comparator.version);
  return (version) => holds(ordering.compare(version, bound));
}

/** A comparator list of common operators only, every alternative read in `ordering`. */
export function comparatorList<V>(input: RangeInput, ordering: Ordering<V>, alternative: string): Test<V>[] {
  return readComparators(input, alternative).map((c) => orderedTest(input, ordering, c));
}

/** Whether `version` (read in `ordering`) meets every test of one of the alternatives; false when it cannot be read. */
export function matcher<V>(ordering: Ordering<V>, alternatives: Alternatives<V>): (version: string) => boolean {
  return (text) => {
    const version = ordering.read(text);
    return version !== undefined && alternatives.some((tests) => tests.every((test) => test(version)));
  };
}
