/** A Structurizr DSL string: quotes and backslashes escaped, on one line. */
import { spaced } from '../../util/control-chars.js';

export function dslString(text: string): string {
  return `"${spaced(text.replace(/\s*[\r\n]+\s*/g, ' '))
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')}"`;
}
