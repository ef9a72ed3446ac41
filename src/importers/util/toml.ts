/**
 * TOML through smol-toml, which gives no positions: lines come from a light scan of the text
 * for table headers, `[[package]]` blocks and `key =` lines, which is all importers need.
 */
import { parse, TomlError } from 'smol-toml';
import type { ImportProblem } from '../types.js';
import { asArray, isRecord } from './located.js';

export type TomlParse = { ok: true; value: Record<string, unknown> } | { ok: false; problem: ImportProblem };

export function parseToml(text: string): TomlParse {
  try {
    return { ok: true, value: parse(text) as Record<string, unknown> };
  } catch (error) {
    if (error instanceof TomlError) {
      return { ok: false, problem: { line: error.line, message: `TOML syntax: ${error.message.split('\n')[0]}` } };
    }
    return { ok: false, problem: { message: `TOML could not be parsed: ${(error as Error).message}` } };
  }
}

/**
 * The top-level table of a TOML text; undefined when there is no text or it does not parse.
 * The syntax problem goes to `problems` when given: an importer's own file reports it, a
 * file read beside it (a Pipfile next to its lock) is only missing.
 */
export function tomlTable(text: string | undefined, problems?: ImportProblem[]): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  const parsed = parseToml(text);
  if (parsed.ok) return parsed.value;
  problems?.push(parsed.problem);
  return undefined;
}

export interface TomlLockfile {
  /** The `[[package]]` tables, in order. */
  packages: Record<string, unknown>[];
  /** Line of the package with this name (and version, when several versions are locked). */
  lineOf(name: string, version?: string): number | undefined;
}

/** A lockfile made of `[[package]]` tables (Cargo.lock, poetry.lock, uv.lock); undefined once its syntax problem is in `problems`. */
export function tomlLockfile(text: string, problems: ImportProblem[]): TomlLockfile | undefined {
  const lock = tomlTable(text, problems);
  if (!lock) return undefined;
  return { packages: asArray(lock.package).filter(isRecord), lineOf: packageBlockLines(tomlBlocks(text)) };
}

export interface TomlBlock {
  /** Header as written without brackets: `package`, `dependencies`, `target.'cfg(unix)'.dependencies`. */
  header: string;
  array: boolean;
  line: number;
  /** Key → line of `key =` inside the block (first occurrence). */
  keys: Map<string, number>;
  /** Raw `key = "string"` values, for telling `[[package]]` blocks apart. */
  strings: Map<string, string>;
}

/** The blocks of a TOML file in order, with the lines of their keys. */
export function tomlBlocks(text: string): TomlBlock[] {
  const blocks: TomlBlock[] = [];
  let current: TomlBlock = { header: '', array: false, line: 1, keys: new Map(), strings: new Map() };
  blocks.push(current);
  const lines = text.split('\n');
  let inMultiline: string | undefined;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (inMultiline) {
      if (line.includes(inMultiline)) inMultiline = undefined;
      return;
    }
    const header = /^(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
    if (header) {
      current = {
        header: header[2] ?? '',
        array: header[1] === '[[',
        line: index + 1,
        keys: new Map(),
        strings: new Map(),
      };
      blocks.push(current);
      return;
    }
    const key = /^("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\-]+)\s*=\s*(.*)$/.exec(line);
    if (key) {
      const name = unquote(key[1] ?? '');
      if (!current.keys.has(name)) current.keys.set(name, index + 1);
      const rest = key[2] ?? '';
      const str = /^"((?:[^"\\]|\\.)*)"|^'([^']*)'/.exec(rest);
      if (str && !current.strings.has(name)) current.strings.set(name, str[1] ?? str[2] ?? '');
      for (const quote of ['"""', "'''"]) {
        if (rest.startsWith(quote) && rest.indexOf(quote, 3) < 0) inMultiline = quote;
      }
    }
  });
  return blocks;
}

function unquote(key: string): string {
  if ((key.startsWith('"') && key.endsWith('"')) || (key.startsWith("'") && key.endsWith("'"))) return key.slice(1, -1);
  return key;
}

/** Normalizes a header for comparison: quotes and spaces around dots removed. */
export function normalizeHeader(header: string): string {
  return header
    .split(/\s*\.\s*(?=(?:[^"']*["'][^"']*["'])*[^"']*$)/)
    .map(unquote)
    .join('.');
}

/**
 * Line of the `[[package]]` block with this name (and version, when several versions of a
 * package are locked), as Cargo.lock, poetry.lock and uv.lock write them.
 */
function packageBlockLines(
  blocks: TomlBlock[],
  arrayName = 'package',
): (name: string, version?: string) => number | undefined {
  const byName = new Map<string, { version?: string; line: number }[]>();
  for (const block of blocks) {
    if (!block.array || normalizeHeader(block.header) !== arrayName) continue;
    const name = block.strings.get('name');
    if (name === undefined) continue;
    const list = byName.get(name) ?? [];
    list.push({ version: block.strings.get('version'), line: block.keys.get('name') ?? block.line });
    byName.set(name, list);
  }
  return (name, version) => {
    const list = byName.get(name);
    if (!list) return undefined;
    return (list.find((entry) => entry.version === version) ?? list[0])?.line;
  };
}
