/**
 * What a person probably meant when the YAML parser stops: the parser's own words name its
 * grammar ("Implicit keys need to be on a single line"); these name the mistake and the fix,
 * at the line where it is made (an unclosed quote is reported where it opens, not at the
 * end of the file). Anything not recognised keeps the parser's message.
 */
import type { Position } from './types.js';

export interface Explained {
  message: string;
  hint?: string;
  /** Where to report it, when not where the parser stopped. */
  at?: number;
  /** The parser's next errors on the same line say the same thing again. */
  swallowLine?: boolean;
}

interface Context {
  text: string;
  offset: number;
  position(offset: number): Position;
}

function lineAt(text: string, offset: number): { start: number; text: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return { start, text: text.slice(start, end < 0 ? text.length : end) };
}

function previousLines(text: string, start: number): string[] {
  return text
    .slice(0, Math.max(0, start - 1))
    .split('\n')
    .reverse();
}

/** The last `open` before `offset` that no `close` matched, outside quotes and comments. */
function unclosed(text: string, offset: number, open: string, close: string): number | undefined {
  const stack: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote && text[i - 1] !== '\\') quote = undefined;
      else if (c === '\n' && quote === "'") quote = undefined;
      continue;
    }
    if (c === '"' || (c === "'" && /[\s[{,:]/.test(text[i - 1] ?? ' '))) quote = c;
    else if (c === '#' && /\s/.test(text[i - 1] ?? ' '))
      i = Math.max(i, text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i));
    else if (c === open) stack.push(i);
    else if (c === close) stack.pop();
  }
  return stack.pop();
}

/** The opening quote (`"` or `'`) of the string still open at `offset`. */
function openQuote(text: string, offset: number, quote: '"' | "'"): number | undefined {
  let open: number | undefined;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i];
    if (open === undefined) {
      if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
        const end = text.indexOf('\n', i);
        i = end < 0 ? text.length : end;
      } else if (c === quote && (quote === '"' || /[\s[{,:]/.test(text[i - 1] ?? ' '))) open = i;
    } else if (quote === '"' && c === '"' && text[i - 1] !== '\\') {
      open = undefined;
    } else if (quote === "'" && c === "'") {
      if (text[i + 1] === "'")
        i++; // '' is a quote inside a single-quoted string
      else open = undefined;
    }
  }
  return open;
}

/** Columns (1-based) at which the keys of the lines before `start` begin. */
function keyColumns(text: string, start: number): number[] {
  const columns = new Set<number>();
  for (const line of previousLines(text, start)) {
    const item = /^(\s*)-\s+[^:#\s][^:#]*:(\s|$)/.exec(line);
    const key = /^(\s*)[^-:#\s][^:#]*:(\s|$)/.exec(line);
    if (item) columns.add((item[1]?.length ?? 0) + 3);
    else if (key) columns.add((key[1]?.length ?? 0) + 1);
  }
  return [...columns].sort((a, b) => a - b);
}

export function explainYamlError(code: string, message: string, ctx: Context): Explained | undefined {
  const line = lineAt(ctx.text, ctx.offset);
  if (code === 'UNEXPECTED_TOKEN' && /block-seq-ind on same line with key/.test(message)) {
    const key = /^\s*([^:#]+):/.exec(line.text)?.[1]?.trim() ?? 'the key';
    return {
      message: `a list cannot start on the line of its key "${key}"`,
      hint: `write "${key}:" alone on its line, and each entry below it as "  - …"`,
      swallowLine: true,
    };
  }
  if (code === 'MULTILINE_IMPLICIT_KEY' || code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MISSING_CHAR') {
    const noSpace = /^(\s*)([A-Za-z0-9_.$-]+):(\S.*)$/.exec(line.text);
    if (noSpace && !/^\/\//.test(noSpace[3] ?? '')) {
      return {
        message: `no space after the colon in "${noSpace[2]}:${noSpace[3]}"`,
        hint: `write "${noSpace[2]}: ${noSpace[3]}"`,
        at: line.start + (noSpace[1]?.length ?? 0),
        swallowLine: true,
      };
    }
  }
  if (code === 'BLOCK_AS_IMPLICIT_KEY' && /block sequence/.test(message)) {
    const indent = /^\s*/.exec(line.text)?.[0].length ?? 0;
    const above = previousLines(ctx.text, line.start).find((l) => /^\s*- /.test(l));
    const column = above ? (/^\s*/.exec(above)?.[0].length ?? 0) + 1 : undefined;
    if (column !== undefined && indent + 1 < column) {
      return {
        message: 'this "-" entry is indented less than the list above it',
        hint: `line its "-" up with the entries above, at column ${column}`,
        at: line.start + indent,
        swallowLine: true,
      };
    }
  }
  const dash = /^(\s*)-([^\s-][^:#]*:.*)$/.exec(line.text);
  if (dash && (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY')) {
    return {
      message: `no space after "-" in "-${dash[2]?.trim()}"`,
      hint: `write "- ${dash[2]?.trim()}": a list entry is "-" and a space`,
      at: line.start + (dash[1]?.length ?? 0),
      swallowLine: true,
    };
  }
  if (code === 'BLOCK_AS_IMPLICIT_KEY' && /Nested mappings are not allowed in compact mappings/.test(message)) {
    // The parser stops at the value of `kind: service`; the mistake is the key indented under it.
    const nextStart = ctx.text.indexOf('\n', ctx.offset) + 1;
    const next = nextStart > 0 ? lineAt(ctx.text, nextStart) : undefined;
    const key = next ? /^(\s+)([^:#\s]+)\s*:/.exec(next.text) : null;
    if (next && key) {
      return {
        message: `"${key[2]}" is indented under "${line.text.trim()}", which already has a value`,
        hint: `line "${key[2]}:" up with the other keys of its mapping`,
        at: next.start + (key[1]?.length ?? 0),
        swallowLine: true,
      };
    }
  }
  if (code === 'MISSING_CHAR' && /Missing closing (["'])quote/.test(message)) {
    const quote = (/Missing closing (["'])quote/.exec(message)?.[1] ?? '"') as '"' | "'";
    const open = openQuote(ctx.text, ctx.offset, quote);
    if (open !== undefined) {
      const pos = ctx.position(open);
      return {
        message: `the quote opened at line ${pos.line}, column ${pos.col} is never closed`,
        hint: `close it with ${quote} on the same line`,
        at: open,
        swallowLine: true,
      };
    }
  }
  if (code === 'BAD_INDENT' && /All mapping items must start at the same column/.test(message)) {
    const key = /^(\s*)([^:#\s][^:#]*?)\s*:(\s|$)/.exec(line.text);
    if (key) {
      const col = (key[1]?.length ?? 0) + 1;
      const columns = keyColumns(ctx.text, line.start).filter((c) => c !== col);
      const where = columns.length > 0 ? `: the mappings above have their keys at column ${columns.join(' or ')}` : '';
      return {
        message: `"${key[2]}" at column ${col} lines up with no mapping above it`,
        hint: `move it to the column of the mapping it belongs to${where}`,
        at: line.start + col - 1,
        swallowLine: true,
      };
    }
  }
  if (code === 'BAD_INDENT' && /Flow map/.test(message)) {
    const open = unclosed(ctx.text, ctx.offset, '{', '}');
    if (open !== undefined) {
      const pos = ctx.position(open);
      return {
        message: `the "{" opened at line ${pos.line}, column ${pos.col} is not closed`,
        hint: 'end the entry with "}" (a flow mapping stays on one line)',
        at: open,
        swallowLine: true,
      };
    }
  }
  if (code === 'BAD_INDENT' && /Flow sequence/.test(message)) {
    const open = unclosed(ctx.text, ctx.offset, '[', ']');
    if (open !== undefined) {
      const pos = ctx.position(open);
      return {
        message: `the "[" opened at line ${pos.line}, column ${pos.col} is not closed`,
        hint: 'end the list with "]"',
        at: open,
        swallowLine: true,
      };
    }
  }
  return undefined;
}
