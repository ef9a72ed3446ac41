/**
 * The last gate before a terminal or a CI log: whatever reaches stdout or stderr passes
 * here. Manifest text comes from repos depmap does not control, and each formatter already
 * escapes what it prints; this makes sure nothing slips by:
 * - control characters other than line feed and tab, C1 controls, bidi overrides and
 *   Unicode line separators become `\uXXXX` (readable in text, and the same value inside a
 *   JSON string), except depmap's own colours and progress line;
 * - a line whose first characters are `::` (a GitHub Actions workflow command) or any
 *   `##[`, `##vso[` or `##teamcity[` (GitHub's, Azure Pipelines' and TeamCity's older
 *   commands, read anywhere in a line) is defused by escaping one character.
 * depmap's own workflow commands (`check --format github`) go through `writeCommands`.
 */
import { CI_LOG_COMMAND } from '../util/control-chars.js';
import type { OutputStream } from './context.js';

// depmap's own escape sequences first, so the alternation keeps them whole.
const CONTROL = /\r\x1b\[2K|\x1b\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const LINE_COMMAND = /^([ \t]*):(?=:)/gm;
// A class alone scans faster than one with alternatives; "##" and "::" are looked for apart.
const SUSPECT = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

export interface GuardOptions {
  /** The stream may have colours (SGR sequences): see color.ts. */
  color?: boolean;
  /** The stream is a terminal: the progress line (`\r` and erase-line) may redraw. */
  tty?: boolean;
}

/**
 * Guards one piece of output; `lineStart` says whether it begins a line. Escape sequences
 * pass only where depmap itself writes them: colours where colours are on, the progress
 * line on a terminal; anywhere else every control character is shown as `\uXXXX`.
 */
export function guardText(text: string, lineStart = true, options: GuardOptions = {}): string {
  if (!SUSPECT.test(text) && !text.includes('##') && !text.includes('::')) return text;
  let out = text
    .replace(CONTROL, (m) => {
      if (m.length === 1) return hex(m);
      const ours = m.startsWith('\r') ? options.tty : options.color;
      return ours ? m : [...m].map((c) => (c < ' ' ? hex(c) : c)).join('');
    })
    .replace(CI_LOG_COMMAND, '#\\u0023');
  if (out.includes('::')) {
    // A piece that continues a line cannot start a command on its first line.
    const head = lineStart ? '' : out.slice(0, out.indexOf('\n') + 1 || out.length);
    out = head + out.slice(head.length).replace(LINE_COMMAND, '$1\\u003a');
  }
  return out;
}

export interface GuardedStream extends OutputStream {
  /** Writes depmap's own workflow commands as they are: only the github report uses it. */
  writeCommands(text: string): void;
}

/** Wraps a stream so that every write is guarded. */
export function guardStream(stream: OutputStream, options: GuardOptions = {}): GuardedStream {
  let lineStart = true;
  const raw = (text: string): unknown => {
    if (text.length === 0) return true;
    lineStart = text.endsWith('\n');
    return stream.write(text);
  };
  const guarded: GuardedStream = {
    write: (text: string) => raw(guardText(text, lineStart, options)),
    writeCommands: raw,
  };
  if (stream.isTTY !== undefined) guarded.isTTY = stream.isTTY;
  if (stream.drained) guarded.drained = stream.drained.bind(stream);
  return guarded;
}
