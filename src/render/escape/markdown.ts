/**
 * Text inside Markdown that GitHub renders (docs pages, the job summary, PR comments): data
 * shows as it is, never as emphasis, a link, an image, HTML, a table break or a new line.
 * Inline only: depmap never starts a line with data, so line-start syntax (#, >, -, 1.)
 * needs no escape, and the source stays readable.
 */
import { defuseCiCommands, spaced } from '../../util/control-chars.js';

/** Inline text: emphasis, code, link, strike-through and table characters escaped, HTML's `<`, `>` and `&` as entities. */
export function markdownText(text: string): string {
  return spaced(text)
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A table cell that keeps a message's lines: each line as {@link markdownText}, joined by `<br>`. */
export function markdownCell(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(markdownText)
    .join('<br>');
}

/**
 * Inline code: the fence is longer than any run of backticks inside, and pipes are escaped
 * (GitHub splits table cells on them even inside code).
 */
export function markdownCode(text: string): string {
  // Escapes do not work in code: a CI log command is broken by a visible \u0023.
  const clean = defuseCiCommands(spaced(text)).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** The alt text of an image (`![…](…)`). */
export function markdownAlt(text: string): string {
  return spaced(text).replace(/[[\]\\]/g, (c) => `\\${c}`);
}
