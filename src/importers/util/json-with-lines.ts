/**
 * JSON with the line of every key, because JSON.parse does not give positions and every
 * imported dependency must point back at its line. Valid JSON (the norm) is read by
 * JSON.parse plus a structural scanner for the lines; invalid JSON by a small strict RFC 8259
 * parser whose first syntax error comes back with its line and column instead of a throw.
 */
import type { ImportProblem } from '../types.js';
import { isRecord, type Located, type PathSegment } from './located.js';
import { scanJsonLines } from './json-line-scanner.js';
import { parseJsonStrict } from './json-strict-parser.js';

export { parseJsonStrict };

export type JsonParse = { ok: true; doc: Located } | { ok: false; line: number; col: number; message: string };

export type LocatedObject = Located & { value: Record<string, unknown> };

/**
 * `maxLineDepth` bounds how deep lines are recorded (path length): a lockfile importer that
 * only needs `packages.<key>` passes 2 and parses several times faster; deeper paths then
 * answer with their nearest recorded ancestor's line.
 */
export function parseJsonWithLines(text: string, options: { maxLineDepth?: number } = {}): JsonParse {
  const maxLineDepth = options.maxLineDepth ?? Number.POSITIVE_INFINITY;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  let valid = true;
  try {
    value = JSON.parse(body);
  } catch {
    valid = false;
  }
  if (valid) {
    // JSON.parse for the values, a scanner for the lines: the fast path for the valid files that are the norm.
    const lines = scanJsonLines(body, maxLineDepth);
    return {
      ok: true,
      doc: {
        value,
        lineOf: (...path: PathSegment[]) => lines.lineOf(path),
        exactLineOf: (...path: PathSegment[]) => lines.exactLineOf(path),
      },
    };
  }
  // Invalid: the parser below finds the first error and where it is.
  return parseJsonStrict(text, maxLineDepth);
}

/**
 * An importer's own JSON file, whose top level must be an object: its document, or undefined
 * once the problem is in `problems` (the syntax error where it is, or `notObject` on line 1).
 */
export function jsonObjectWithLines(
  text: string,
  problems: ImportProblem[],
  notObject: string,
  options: { maxLineDepth?: number } = {},
): LocatedObject | undefined {
  const parsed = parseJsonWithLines(text, options);
  if (!parsed.ok) {
    problems.push({ line: parsed.line, message: `JSON syntax: ${parsed.message} (column ${parsed.col})` });
    return undefined;
  }
  if (!isRecord(parsed.doc.value)) {
    problems.push({ line: 1, message: notObject });
    return undefined;
  }
  return parsed.doc as LocatedObject;
}

/**
 * The values of a JSON object read beside an importer's file (the package.json next to a
 * lockfile), without lines: undefined when there is no text, it does not parse, or it is not
 * an object. Nothing is reported: the caller says what it does without it.
 */
export function jsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
