/** JSON text as the readers meet it: whether a line holds a whole value, and where a parse failed. */

/** True when `text` alone parses as an object or array (a record on one line). */
export function isWholeValue(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object';
  } catch {
    return false;
  }
}

/** JSON.parse's complaint without the text it quotes, and the position when it gives one. */
export function jsonFailure(error: unknown): { message: string; position: number | undefined } {
  let message = error instanceof Error ? error.message : String(error);
  const at = /at position (\d+)/.exec(message);
  message = message.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
  return { message: `not JSON: ${message}`, position: at ? Number(at[1]) : undefined };
}

/** The line and column of a character offset in text that starts at line `firstLine`. */
export function lineAndCol(text: string, position: number, firstLine: number): { line: number; col: number } {
  let line = firstLine;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: position - lineStart + 1 };
}
