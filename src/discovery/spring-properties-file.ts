/**
 * A Java `.properties` file as Spring Boot reads it: `key=value`, `key: value` and
 * `key value`, `#`/`!` comments, `\` continuation lines, escapes, and Spring Boot 2.4's
 * multi-document files (a `#---` or `!---` line starts the next document). Each entry keeps
 * the line its key starts on, so a setting read from it points at its place in the file.
 */

/** One property as written: its key, its raw value (placeholders unresolved) and its line. */
export interface RawEntry {
  key: string;
  value: string;
  line: number;
}

/** Larger than any real configuration file; anything above is refused, not parsed. */
export const MAX_CONFIG_CHARS = 4 * 1024 * 1024;

/** The documents of a `.properties` text, each a list of entries in file order. */
export function parsePropertiesFile(text: string): RawEntry[][] {
  const documents: RawEntry[][] = [[]];
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const start = index + 1;
    const first = lines[index]!.replace(/^[ \t\f]+/, '');
    if (first === '#---' || first === '!---') {
      documents.push([]);
      continue;
    }
    if (first === '' || first.startsWith('#') || first.startsWith('!')) continue;
    let logical = first;
    // An odd number of trailing backslashes continues the line; the next one's indent is dropped.
    while (endsWithContinuation(logical) && index + 1 < lines.length) {
      index++;
      logical = logical.slice(0, -1) + lines[index]!.replace(/^[ \t\f]+/, '');
    }
    if (endsWithContinuation(logical)) logical = logical.slice(0, -1);
    const entry = splitEntry(logical);
    documents.at(-1)!.push({ ...entry, line: start });
  }
  return documents;
}

function endsWithContinuation(line: string): boolean {
  let slashes = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) slashes++;
  return slashes % 2 === 1;
}

/** The key ends at the first unescaped `=`, `:` or whitespace; whitespace around the separator is skipped. */
function splitEntry(line: string): { key: string; value: string } {
  let end = 0;
  while (end < line.length) {
    const c = line[end]!;
    if (c === '\\') {
      end += 2;
      continue;
    }
    if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') break;
    end++;
  }
  const key = unescape(line.slice(0, Math.min(end, line.length)));
  let rest = line.slice(end).replace(/^[ \t\f]+/, '');
  if (rest.startsWith('=') || rest.startsWith(':')) rest = rest.slice(1).replace(/^[ \t\f]+/, '');
  return { key, value: unescape(rest) };
}

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function unescape(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_whole, code: string) => {
    if (code.length === 5) return String.fromCharCode(parseInt(code.slice(1), 16));
    return ESCAPES[code] ?? code;
  });
}
