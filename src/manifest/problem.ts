/**
 * The one way a Problem is built, so that every reader (YAML loader, parser, crawl, history,
 * validate) gives its keys in the same order: JSON reports print them as built.
 */
import type { Position, Problem, Severity } from './types.js';

const WHOLE_FILE: Position = { line: 1, col: 1 };

/** A problem of `file` at `at` (the whole file: line 1, column 1), at field `path` if any. */
export function problemAt(
  file: string,
  severity: Severity,
  code: string,
  message: string,
  options: { hint?: string | undefined; at?: Position; path?: string } = {},
): Problem {
  const at = options.at ?? WHOLE_FILE;
  const p: Problem = { severity, code, file, line: at.line, col: at.col, path: options.path ?? '', message };
  if (options.hint) p.hint = options.hint;
  return p;
}
