/**
 * Reads untrusted YAML into plain values while keeping the way back to positions: every
 * problem depmap reports points at a line and column. Guards against what a hostile repo
 * could commit: huge files, non-UTF-8 bytes, several documents, duplicate keys, alias bombs
 * and absurd nesting.
 */
import { isScalar, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { decodeUtf8 } from './decode-utf8.js';
import { problemAt } from './problem.js';
import type { Position, Problem } from './types.js';
import { yamlErrors } from './yaml-errors.js';
import { positionsIn, type Positions } from './yaml-positions.js';
import { LimitError, TOO_DEEP, toValues, type ValueOptions } from './yaml-values.js';

export const MAX_YAML_BYTES = 5 * 1024 * 1024;

export interface LoadedYaml extends Positions {
  value: unknown;
}

export type LoadOptions = ValueOptions;

export type LoadResult = { ok: true; yaml: LoadedYaml } | { ok: false; problems: Problem[] };

const START: Position = { line: 1, col: 1 };

function failed(file: string, code: string, message: string, hint?: string, at: Position = START): LoadResult {
  return { ok: false, problems: [problemAt(file, 'error', code, message, { hint, at })] };
}

/** Loads bytes of a YAML file: size, encoding, then {@link loadYaml}. */
export function loadYamlBytes(bytes: Uint8Array, file: string, options: LoadOptions = {}): LoadResult {
  if (bytes.length > MAX_YAML_BYTES) {
    return failed(
      file,
      'too-large',
      `file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB, over the ${MAX_YAML_BYTES / 1024 / 1024} MB limit`,
      'a manifest lists dependencies, not data: move generated content out of it',
    );
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return failed(file, 'encoding', decoded.message, 'save the file as UTF-8', decoded.at);
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
    return error instanceof RangeError
      ? failed(file, 'yaml-limit', TOO_DEEP, 'flatten the structure')
      : failed(file, 'yaml-syntax', `cannot parse YAML: ${(error as Error).message}`);
  }
  if (!Array.isArray(docs)) docs = [docs];
  const problems = yamlErrors(docs, text, file, at);
  if (problems.length > 0) return { ok: false, problems };
  if (docs.length > 1) {
    const second = docs[1] as Document.Parsed;
    return failed(
      file,
      'multiple-documents',
      `found ${docs.length} YAML documents; a manifest is one document`,
      'remove the "---" separator and the documents after it, or split them into one file each',
      at(second.range[0]),
    );
  }
  const doc = docs[0];
  if (!doc || doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return failed(file, 'empty', 'file is empty', 'start from `depmap init` or the example in the README');
  }

  let value: unknown;
  try {
    value = toValues(doc, options);
  } catch (error) {
    if (error instanceof LimitError) return failed(file, 'yaml-limit', error.message, error.hint, at(error.offset));
    if (error instanceof RangeError) return failed(file, 'yaml-limit', TOO_DEEP, 'flatten the structure');
    throw error;
  }
  return { ok: true, yaml: { value, ...positionsIn(doc, at) } };
}
