/**
 * Characters that must never reach an output as they are: C0 controls (ESC starts terminal
 * sequences, BEL, backspace…), DEL, C1 controls (U+009B is a CSI on some terminals), the
 * Unicode line and paragraph separators, and the bidi embeddings, overrides and isolates
 * that make text display in another order than it reads ("Trojan source").
 */
// eslint-disable-next-line no-control-regex
export const CONTROLS = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
export const CONTROLS_BUT_LINES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `\n`, `\t`, `\u001b`: a control character as text that shows it is there. */
export function visible(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Every control character shown as an escape (line breaks too): one line of plain text. */
export function oneLine(text: string): string {
  return text.replace(CONTROLS, visible);
}

/** Control characters shown as escapes, line feeds and tabs kept: text that may span lines. */
export function plainText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROLS_BUT_LINES, visible);
}

/** Control characters as one space each run: for labels where an escape would be noise. */
export function spaced(text: string): string {
  return text.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ');
}
