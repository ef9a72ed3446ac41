import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './fixture.js';
import { parseJsonStrict, parseJsonWithLines } from '../../src/importers/util/json-with-lines.js';
import type { PathSegment } from '../../src/importers/util/located.js';

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return jsonFiles(full);
    return name.endsWith('.json') || name.endsWith('.lock') ? [full] : [];
  });
}

/** Every path of a value: keys and indexes. */
function paths(value: unknown, prefix: PathSegment[] = []): PathSegment[][] {
  const out: PathSegment[][] = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => out.push(...paths(item, [...prefix, index])));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) out.push(...paths(item, [...prefix, key]));
  return out;
}

describe('JSON with lines', () => {
  const tricky = [
    '\ufeff{\n  "a\\"b": {\n    "c": [\n      1,\n      {\n        "d": "x\\\\"\n      },\n      [\n        "y"\n      ]\n    ]\n  },\n  "__proto__": {\n    "polluted": true\n  },\n  "e\\u0041": "\\"{[,"\n}\n',
    '[\n  {"a": 1}, {"b": [\n  2, 3]}\n]',
    '"just a string"',
  ];

  it('the fast path (JSON.parse + scanner) gives the same values and lines as the strict parser', () => {
    const texts = [
      ...jsonFiles(FIXTURES)
        .map((file) => readFileSync(file, 'utf8'))
        .filter((t) => t.trimStart().startsWith('{')),
      ...tricky,
    ];
    expect(texts.length).toBeGreaterThan(10);
    for (const text of texts) {
      const fast = parseJsonWithLines(text);
      const strict = parseJsonStrict(text);
      if (!fast.ok || !strict.ok) throw new Error('both must parse');
      expect(fast.doc.value).toEqual(strict.doc.value);
      for (const path of paths(strict.doc.value))
        expect([path, fast.doc.lineOf(...path)]).toEqual([path, strict.doc.lineOf(...path)]);
    }
  });

  it('keys named __proto__ are data', () => {
    const parsed = parseJsonWithLines(tricky[0]!);
    if (!parsed.ok) throw new Error('parse');
    const value = parsed.doc.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toContain('__proto__');
    expect(parsed.doc.lineOf('__proto__', 'polluted')).toBe(14);
    expect(parsed.doc.lineOf('eA')).toBe(16);
  });

  it('a depth limit answers deeper paths with the nearest recorded ancestor', () => {
    const parsed = parseJsonWithLines('{\n  "a": {\n    "b": {\n      "c": 1\n    }\n  }\n}', { maxLineDepth: 2 });
    if (!parsed.ok) throw new Error('parse');
    expect(parsed.doc.lineOf('a', 'b', 'c')).toBe(3);
    expect(parsed.doc.exactLineOf('a', 'b', 'c')).toBeUndefined();
  });

  it('errors carry line and column', () => {
    expect(parseJsonWithLines('{\n  "a": 1,\n  "b": tru\n}')).toEqual({
      ok: false,
      line: 3,
      col: 8,
      message: 'unexpected token',
    });
    expect(parseJsonWithLines('{"a": [1, 2}')).toMatchObject({
      ok: false,
      line: 1,
      message: "expected ',' or ']' after an array element",
    });
    expect(parseJsonWithLines('['.repeat(600))).toMatchObject({ ok: false, message: 'nesting deeper than 512 levels' });
  });
});
