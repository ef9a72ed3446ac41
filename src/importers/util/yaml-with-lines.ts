/**
 * YAML for importers: every document of a file, converted to plain data, with the line of
 * every key. Hostile input is bounded: a size guard, a cap on alias expansion (billion
 * laughs), and no custom tags are ever resolved to code.
 */
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import { LineMap, type Located, type PathSegment } from './located.js';
import type { ImportProblem } from '../types.js';

/** Larger than any real lockfile or manifest; anything above is refused, not parsed. */
export const MAX_YAML_CHARS = 32 * 1024 * 1024;
/** The `yaml` package's default is 100; a compose file needs a few dozen at most. */
export const MAX_ALIAS_COUNT = 1000;

export interface YamlDocs {
  docs: Located[];
  problems: ImportProblem[];
}

/** `maxLineDepth` bounds how deep lines are recorded (path length), as for JSON. */
export function parseYamlWithLines(text: string, options: { merge?: boolean; maxLineDepth?: number } = {}): YamlDocs {
  const maxLineDepth = options.maxLineDepth ?? 256;
  const problems: ImportProblem[] = [];
  if (text.length > MAX_YAML_CHARS) {
    problems.push({ message: `file is larger than ${MAX_YAML_CHARS / 1024 / 1024} MiB; not read` });
    return { docs: [], problems };
  }
  const lineCounter = new LineCounter();
  const lineOfOffset = (offset: number): number => lineCounter.linePos(offset).line;
  const docs: Located[] = [];
  let parsed;
  try {
    parsed = parseAllDocuments(text, {
      lineCounter,
      merge: options.merge ?? false,
      prettyErrors: false,
      strict: false,
    });
  } catch (error) {
    problems.push({ message: `YAML could not be parsed: ${(error as Error).message}` });
    return { docs, problems };
  }
  const list = Array.isArray(parsed) ? parsed : [];
  if (!Array.isArray(parsed)) {
    // An EmptyStream: no documents at all.
    return { docs, problems };
  }
  for (const doc of list) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        problems.push({ line: lineOfOffset(error.pos[0]), message: `YAML syntax: ${firstLine(error.message)}` });
      }
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const line = doc.contents?.range ? lineOfOffset(doc.contents.range[0]) : undefined;
      problems.push({ line, message: `YAML could not be read: ${(error as Error).message}` });
      continue;
    }
    if (value === null || value === undefined) continue;
    const lines = new LineMap();
    if (doc.contents) record(doc.contents as Node, [], lines, lineOfOffset, maxLineDepth);
    docs.push({
      value,
      lineOf: (...path: PathSegment[]) => lines.lineOf(path),
      exactLineOf: (...path: PathSegment[]) => lines.exactLineOf(path),
    });
  }
  return { docs, problems };
}

function record(
  node: Node,
  path: PathSegment[],
  lines: LineMap,
  lineOf: (offset: number) => number,
  maxDepth: number,
): void {
  if (path.length > maxDepth || isAlias(node)) return;
  if (node.range) lines.set(path, lineOf(node.range[0]));
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined || key === '<<') continue;
      const childPath = [...path, key];
      const keyNode = pair.key as Node;
      if (keyNode.range) lines.set(childPath, lineOf(keyNode.range[0]));
      if (pair.value) record(pair.value as Node, childPath, lines, lineOf, maxDepth);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      if (item) record(item as Node, [...path, index], lines, lineOf, maxDepth);
    });
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
