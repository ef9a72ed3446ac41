/** The first non-blank line of an error message from the browser or Mermaid, without `Error: `. */
export function firstLine(message: string): string {
  const line = message.split('\n').find((l) => l.trim() !== '') ?? message;
  return line.replace(/^Error: /, '').trim();
}
