/**
 * What the YAML parser refused, as problems: its errors (explained by yaml-mistakes.ts when
 * the mistake is a common one), unknown tags, and control characters YAML does not allow.
 * One problem per mistake: the parser's next errors on an explained line are dropped.
 */
import type { Document } from 'yaml';
import { problemAt } from './problem.js';
import type { Position, Problem } from './types.js';
import { TOO_DEEP } from './yaml-values.js';
import { explainYamlError } from './yaml-mistakes.js';

// eslint-disable-next-line no-control-regex
const NON_PRINTABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]/;

/** Every problem the parser met in `docs`; `at` turns an offset of `text` into a position. */
export function yamlErrors(
  docs: readonly Document.Parsed[],
  text: string,
  file: string,
  at: (offset: number) => Position,
): Problem[] {
  const problems: Problem[] = [];
  const add = (offset: number, code: string, message: string, hint?: string) =>
    problems.push(problemAt(file, 'error', code, message, { hint, at: at(offset) }));
  // YAML allows no raw control characters but tab and line breaks (escapes in double quotes can still make them).
  const control = NON_PRINTABLE.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    add(
      control.index,
      'yaml-syntax',
      `control character U+${code} is not allowed in YAML`,
      'remove it; if it is meant, write it as an escape inside double quotes',
    );
  }
  // Lines whose mistake is already explained: the parser's next errors there repeat it.
  const swallowed = new Set<number>();
  for (const doc of docs) {
    // An unknown tag (!!js/function, !!python/object) is never run; it is refused so that no value means more than it says.
    for (const warning of doc.warnings) {
      if (warning.code === 'TAG_RESOLVE_FAILED')
        add(
          warning.pos[0],
          'yaml-tag',
          `unknown tag ${tagOf(warning.message)}: depmap reads plain YAML values`,
          'remove the tag',
        );
    }
    for (const error of doc.errors) {
      // The parser recurses on flow nesting and reports its own stack overflow as an error.
      if (/call stack/i.test(error.message)) {
        add(error.pos[0], 'yaml-limit', TOO_DEEP, 'flatten the structure');
        continue;
      }
      const code = error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
      const line = at(error.pos[0]).line;
      if (swallowed.has(line)) continue;
      const explained =
        error.code === 'DUPLICATE_KEY'
          ? undefined
          : explainYamlError(error.code, error.message, { text, offset: error.pos[0], position: at });
      if (explained) {
        if (explained.swallowLine) swallowed.add(line);
        add(explained.at ?? error.pos[0], code, explained.message, explained.hint);
        continue;
      }
      const message =
        error.code === 'DUPLICATE_KEY'
          ? 'duplicate key: each key may appear once in a mapping'
          : yamlMessage(error.message);
      add(error.pos[0], code, message, hintFor(error.code));
    }
  }
  return problems;
}

function tagOf(message: string): string {
  const tag = /Unresolved tag: (\S+)/.exec(message)?.[1] ?? 'tag';
  return tag.replace(/^tag:yaml\.org,2002:/, '!!');
}

function yamlMessage(message: string): string {
  // The yaml package's messages end with position details we report ourselves.
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

function hintFor(code: string): string | undefined {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'remove one of the two, or merge their values';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation and closing brackets around this line';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a key must fit on one line; did you forget a ":" or quotes?';
    default:
      return undefined;
  }
}
