/**
 * Characters that must never reach an output as they are: C0 controls (ESC starts terminal
 * sequences, BEL, backspace…), DEL, C1 controls (U+009B is a CSI on some terminals), the
 * Unicode line and paragraph separators, and the bidi embeddings, overrides and isolates
 * that make text display in another order than it reads ("Trojan source").
 */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS_BUT_LINES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

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

// What JSON.stringify leaves raw that YAML may not hold (DEL, C1, BOM) or that displays as
// what it is not (line separators, bidi controls).
// eslint-disable-next-line no-control-regex
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
// A class alone is scanned faster than a class or "##" (and `includes` faster still): two scans beat one.
const NEEDS_ESCAPE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;
const uEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * JSON text with every character JSON.stringify leaves raw but a terminal, a YAML parser or
 * a CI log would act on written as a `\uXXXX` escape, and `##[` (a CI log command anywhere in
 * a line) as `#\u0023[`. The same value to any JSON parser.
 */
export function safeJson(json: string): string {
  // Most text has neither: one scan instead of two replacing passes.
  if (!NEEDS_ESCAPE.test(json) && !json.includes('##')) return json;
  return defuseCiCommands(json.replace(RAW_IN_JSON, uEscape));
}

/** A double-quoted YAML scalar (a JSON string, escaped as {@link safeJson}): reads back as `value`. */
export function quotedScalar(value: string): string {
  return safeJson(JSON.stringify(value));
}

/** `##[…]`, `##vso[…]`, `##teamcity[…]`: CI log commands, read anywhere in a line. */
export const CI_LOG_COMMAND = /##(?=\[|vso\[|teamcity\[)/gi;

/** The text with each CI log command's `##` broken by `second` in place of its second `#`. */
export function defuseCiCommands(text: string, second = '\\u0023'): string {
  return text.replace(CI_LOG_COMMAND, `#${second}`);
}
