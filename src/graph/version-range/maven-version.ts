/**
 * Maven's version order, a port of maven-artifact's ComparableVersion, since no well-kept npm
 * package has it. A version is a list of items split at `.`, at `-` (which opens a sub-list)
 * and at each change between digits and letters: `1.0-alpha-1` is [1, [alpha, [1]]] after
 * trailing nulls (0, "", empty lists) are dropped, which is why 1 == 1.0 == 1.0.0 and
 * 1-ga == 1. Numbers compare as numbers; known qualifiers in the order
 * alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp, unknown ones
 * after them as text; a number is above a qualifier or a sub-list (1.1 > 1-sp > 1-rc, 1-1 < 1.1).
 */
import { compareDigits, compareTexts } from './ordering.js';

type Item = { kind: 'int'; digits: string } | { kind: 'string'; value: string } | { kind: 'list'; items: Item[] };

export type MavenVersion = Item & { kind: 'list' };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE = String(QUALIFIERS.indexOf(''));
const SHORT: Record<string, string> = { a: 'alpha', b: 'beta', m: 'milestone' };

/** A text ordered as known qualifiers first, in their order, then the rest alphabetically. */
function comparable(qualifier: string): string {
  const i = QUALIFIERS.indexOf(qualifier);
  return i === -1 ? `${QUALIFIERS.length}-${qualifier}` : String(i);
}

function stringItem(text: string, followedByDigit: boolean): Item {
  const value = followedByDigit && SHORT[text] ? SHORT[text] : text;
  return { kind: 'string', value: ALIASES[value] ?? value };
}

function parseItem(isDigit: boolean, text: string): Item {
  return isDigit ? { kind: 'int', digits: text } : stringItem(text, false);
}

function isNull(item: Item): boolean {
  if (item.kind === 'int') return /^0+$/.test(item.digits);
  if (item.kind === 'string') return comparable(item.value) === RELEASE;
  return item.items.length === 0;
}

/** Drops trailing nulls; a sub-list that is not null is passed over, as Maven does (1.0-1 == 1-1). */
function normalize(list: MavenVersion): void {
  for (let i = list.items.length - 1; i >= 0; i--) {
    const item = list.items[i] as Item;
    if (isNull(item)) list.items.splice(i, 1);
    else if (item.kind !== 'list') break;
  }
}

export function parseMavenVersion(version: string): MavenVersion {
  const text = version.toLowerCase();
  const root: MavenVersion = { kind: 'list', items: [] };
  let list = root;
  const stack: MavenVersion[] = [root];
  const push = (): void => {
    const sub: MavenVersion = { kind: 'list', items: [] };
    list.items.push(sub);
    list = sub;
    stack.push(sub);
  };
  let isDigit = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '.' || c === '-') {
      list.items.push(i === start ? { kind: 'int', digits: '0' } : parseItem(isDigit, text.slice(start, i)));
      start = i + 1;
      if (c === '-') push();
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > start) {
        list.items.push(stringItem(text.slice(start, i), true));
        start = i;
        push();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.items.push(parseItem(true, text.slice(start, i)));
        start = i;
        push();
      }
      isDigit = false;
    }
  }
  if (text.length > start) list.items.push(parseItem(isDigit, text.slice(start)));
  // Innermost first, so that a sub-list emptied by its own normalization is null to its parent.
  for (const l of stack.reverse()) normalize(l);
  return root;
}

/** Item against item, or against nothing (null) when the other version is shorter. */
function compareItem(a: Item, b: Item | undefined): number {
  switch (a.kind) {
    case 'int':
      if (b === undefined) return isNull(a) ? 0 : 1;
      return b.kind === 'int' ? compareDigits(a.digits, b.digits) : 1;
    case 'string':
      if (b === undefined) return compareTexts(comparable(a.value), RELEASE);
      if (b.kind === 'string') return compareTexts(comparable(a.value), comparable(b.value));
      return -1;
    case 'list': {
      if (b === undefined) return a.items[0] === undefined ? 0 : compareItem(a.items[0], undefined);
      if (b.kind === 'int') return -1;
      if (b.kind === 'string') return 1;
      for (let i = 0; i < Math.max(a.items.length, b.items.length); i++) {
        const l = a.items[i];
        const r = b.items[i];
        const order = l === undefined ? (r === undefined ? 0 : -compareItem(r, undefined)) : compareItem(l, r);
        if (order !== 0) return order;
      }
      return 0;
    }
  }
}

export function compareMavenVersions(a: MavenVersion, b: MavenVersion): number {
  return compareItem(a, b);
}
