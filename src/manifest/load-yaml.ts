/**
 * Reads untrusted YAML into plain values while keeping the way back to positions: every
 * problem depmap reports points at a line and column. Guards against what a hostile repo
 * could commit: huge files, non-UTF-8 bytes, several documents, duplicate keys, alias bombs
 * and absurd nesting.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  Scalar,
  type Document,
  type Node,
} from 'yaml';
import type { Position, Problem } from './types.js';
import { explainYamlError } from './yaml-mistakes.js';

export const MAX_YAML_BYTES = 5 * 1024 * 1024;
/** Aliases a file may use; a few dozen is plenty for legitimate reuse. */
const MAX_ALIASES = 100;
/** Values produced in all, aliases expanded: stops "billion laughs" documents. */
const MAX_VALUES = 1_000_000;
const MAX_DEPTH = 64;
const TOO_DEEP = `nesting deeper than ${MAX_DEPTH} levels`;
// eslint-disable-next-line no-control-regex
const NON_PRINTABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]/;

function tagOf(message: string): string {
  const tag = /Unresolved tag: (\S+)/.exec(message)?.[1] ?? 'tag';
  return tag.replace(/^tag:yaml\.org,2002:/, '!!');
}

export interface LoadedYaml {
  value: unknown;
  /** Position of the value (or with `key`, of the key) at a path; the nearest ancestor when absent. */
  positionOf(path: readonly PropertyKey[], options?: { key?: boolean }): Position;
  /** The YAML node at a path, when the path exists in the document. */
  nodeAt(path: readonly PropertyKey[]): Node | undefined;
  lineCounter: LineCounter;
}

export interface LoadOptions {
  /**
   * Keep numbers as the text that was written, so `version: 2.10` stays "2.10" instead of
   * becoming 2.1. `keepNumberAt` lists paths (joined with ".") that stay numbers.
   */
  numbersAsText?: boolean;
  keepNumberAt?: ReadonlySet<string>;
}

export type LoadResult = { ok: true; yaml: LoadedYaml } | { ok: false; problems: Problem[] };

class LimitError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly hint: string,
  ) {
    super(message);
  }
}

function problem(file: string, pos: Position, code: string, message: string, hint?: string): Problem {
  const p: Problem = { severity: 'error', code, file, line: pos.line, col: pos.col, path: '', message };
  if (hint) p.hint = hint;
  return p;
}

/** Decodes bytes as UTF-8, or returns the position of the first invalid byte. */
function decodeUtf8(bytes: Uint8Array, file: string): { ok: true; text: string } | { ok: false; problem: Problem } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const lines = before.split('\n');
    const pos = { line: lines.length, col: (lines[lines.length - 1]?.length ?? 0) + 1 };
    return {
      ok: false,
      problem: problem(
        file,
        pos,
        'encoding',
        `not valid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} at offset ${bad})`,
        'save the file as UTF-8',
      ),
    };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}

/** Loads bytes of a YAML file: size, encoding, then {@link loadYaml}. */
export function loadYamlBytes(bytes: Uint8Array, file: string, options: LoadOptions = {}): LoadResult {
  if (bytes.length > MAX_YAML_BYTES) {
    return {
      ok: false,
      problems: [
        problem(
          file,
          { line: 1, col: 1 },
          'too-large',
          `file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB, over the ${MAX_YAML_BYTES / 1024 / 1024} MB limit`,
          'a manifest lists dependencies, not data: move generated content out of it',
        ),
      ],
    };
  }
  const decoded = decodeUtf8(bytes, file);
  if (!decoded.ok) return { ok: false, problems: [decoded.problem] };
  return loadYaml(decoded.text, file, options);
}

/** Parses one YAML document into plain values. Every failure is a Problem, never a throw. */
export function loadYaml(text: string, file: string, options: LoadOptions = {}): LoadResult {
  if (text.length > MAX_YAML_BYTES) {
    return loadYamlBytes(Buffer.from(text, 'utf8'), file, options);
  }
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
      strict: true,
    }) as Document.Parsed[];
  } catch (error) {
    // The parser recurses on nesting; a pathological file can exhaust the stack.
    return {
      ok: false,
      problems: [
        error instanceof RangeError
          ? problem(file, { line: 1, col: 1 }, 'yaml-limit', TOO_DEEP, 'flatten the structure')
          : problem(file, { line: 1, col: 1 }, 'yaml-syntax', `cannot parse YAML: ${(error as Error).message}`),
      ],
    };
  }
  if (!Array.isArray(docs)) docs = [docs];
  const problems: Problem[] = [];
  // YAML allows no raw control characters but tab and line breaks (escapes in double quotes can still make them).
  const control = NON_PRINTABLE.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    problems.push(
      problem(
        file,
        at(control.index),
        'yaml-syntax',
        `control character U+${code} is not allowed in YAML`,
        'remove it; if it is meant, write it as an escape inside double quotes',
      ),
    );
  }
  // Lines whose mistake is already explained: the parser's next errors there repeat it.
  const swallowed = new Set<number>();
  for (const doc of docs) {
    // An unknown tag (!!js/function, !!python/object) is never run; it is refused so that no value means more than it says.
    for (const warning of doc.warnings) {
      if (warning.code === 'TAG_RESOLVE_FAILED')
        problems.push(
          problem(
            file,
            at(warning.pos[0]),
            'yaml-tag',
            `unknown tag ${tagOf(warning.message)}: depmap reads plain YAML values`,
            'remove the tag',
          ),
        );
    }
    for (const error of doc.errors) {
      // The parser recurses on flow nesting and reports its own stack overflow as an error.
      if (/call stack/i.test(error.message)) {
        problems.push(problem(file, at(error.pos[0]), 'yaml-limit', TOO_DEEP, 'flatten the structure'));
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
        problems.push(problem(file, at(explained.at ?? error.pos[0]), code, explained.message, explained.hint));
        continue;
      }
      const message =
        error.code === 'DUPLICATE_KEY'
          ? 'duplicate key: each key may appear once in a mapping'
          : yamlMessage(error.message);
      problems.push(problem(file, at(error.pos[0]), code, message, hintFor(error.code)));
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  if (docs.length > 1) {
    const second = docs[1] as Document.Parsed;
    return {
      ok: false,
      problems: [
        problem(
          file,
          at(second.range[0]),
          'multiple-documents',
          `found ${docs.length} YAML documents; a manifest is one document`,
          'remove the "---" separator and the documents after it, or split them into one file each',
        ),
      ],
    };
  }
  const doc = docs[0];
  if (!doc || doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return {
      ok: false,
      problems: [
        problem(
          file,
          { line: 1, col: 1 },
          'empty',
          'file is empty',
          'start from `depmap init` or the example in the README',
        ),
      ],
    };
  }

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

  let value: unknown;
  try {
    value = convert(doc.contents, '', 0);
  } catch (error) {
    if (error instanceof LimitError) {
      return { ok: false, problems: [problem(file, at(error.offset), 'yaml-limit', error.message, error.hint)] };
    }
    if (error instanceof RangeError) {
      return {
        ok: false,
        problems: [problem(file, { line: 1, col: 1 }, 'yaml-limit', TOO_DEEP, 'flatten the structure')],
      };
    }
    throw error;
  }

  const nodeAt = (path: readonly PropertyKey[]): Node | undefined => {
    let node: unknown = doc.contents;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return undefined;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        return undefined;
      }
      if (node === null || node === undefined) return undefined;
    }
    return node as Node;
  };

  const positionOf = (path: readonly PropertyKey[], opts: { key?: boolean } = {}): Position => {
    for (let n = path.length; n >= 0; n--) {
      const prefix = path.slice(0, n);
      if (opts.key && n === path.length && n > 0) {
        const parent = nodeAt(path.slice(0, -1));
        if (isMap(parent)) {
          const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[n - 1]));
          if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
        }
        continue;
      }
      const node = nodeAt(prefix);
      if (node?.range) return at(node.range[0]);
      // A key with an empty value: point at the key.
      if (n > 0) {
        const parent = nodeAt(path.slice(0, n - 1));
        if (isMap(parent)) {
          const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[n - 1]));
          if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
        }
      }
    }
    return { line: 1, col: 1 };
  };

  return { ok: true, yaml: { value, positionOf, nodeAt, lineCounter } };
}

function nodeOffset(node: unknown): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : 0;
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
