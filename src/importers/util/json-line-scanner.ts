/**
 * The lines of a valid JSON text's keys and container elements, found by a scanner that
 * jumps from one structural character to the next with a native regex instead of building
 * values: the values come from JSON.parse, which is several times faster than any parser
 * written in JavaScript. Only valid JSON is scanned (JSON.parse succeeded first).
 */
import { LineMap, childKey } from './located.js';

interface Frame {
  array: boolean;
  /** Joined path of this container: undefined for the root, null below the recorded depth. */
  path: string | undefined | null;
  index: number;
  expectKey: boolean;
  key: string;
}

const STRUCTURE = /["{}[\],]/g;

export function scanJsonLines(text: string, maxDepth: number): LineMap {
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
  const lineAt = (offset: number): number => {
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (newlines[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  };

  const lines = new LineMap();
  const first = /\S/.exec(text);
  lines.setKey('', lineAt(first ? first.index : 0));
  const stack: Frame[] = [];
  /** Records where a value starts when it is an element of an array (object values have their key's line). */
  const elementStart = (offset: number): string | undefined | null => {
    const parent = stack[stack.length - 1];
    if (!parent) return undefined;
    if (parent.path === null || stack.length > maxDepth) return null;
    const key = childKey(parent.path, parent.array ? parent.index : parent.key);
    if (parent.array) lines.setKey(key, lineAt(offset));
    return key;
  };

  /** An array element starts at the next non-blank character; numbers and literals included. */
  const nextElement = (after: number): void => {
    let at = after;
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (at < text.length && text.charCodeAt(at) !== 93) elementStart(at);
  };

  STRUCTURE.lastIndex = 0;
  for (let match = STRUCTURE.exec(text); match; match = STRUCTURE.exec(text)) {
    const offset = match.index;
    switch (text.charCodeAt(offset)) {
      case 34: {
        let end = offset + 1;
        for (;;) {
          end = text.indexOf('"', end);
          if (end < 0) return lines;
          let backslashes = 0;
          while (text.charCodeAt(end - 1 - backslashes) === 92) backslashes++;
          if (backslashes % 2 === 0) break;
          end++;
        }
        STRUCTURE.lastIndex = end + 1;
        const top = stack[stack.length - 1];
        if (top && !top.array && top.expectKey) {
          const raw = text.slice(offset + 1, end);
          top.key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
          top.expectKey = false;
          if (top.path !== null && stack.length <= maxDepth) lines.setKey(childKey(top.path, top.key), lineAt(offset));
        } else {
          elementStart(offset);
        }
        break;
      }
      case 123:
      case 91: {
        const path = elementStart(offset);
        stack.push({ array: text.charCodeAt(offset) === 91, path, index: 0, expectKey: true, key: '' });
        if (text.charCodeAt(offset) === 91) nextElement(offset + 1);
        break;
      }
      case 125:
      case 93:
        stack.pop();
        break;
      case 44: {
        const top = stack[stack.length - 1];
        if (top?.array) {
          top.index++;
          nextElement(offset + 1);
        } else if (top) top.expectKey = true;
        break;
      }
    }
  }
  return lines;
}
