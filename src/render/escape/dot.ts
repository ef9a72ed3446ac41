/**
 * A Graphviz DOT string ("…"): quotes and backslashes escaped (a backslash would start
 * Graphviz's own escapes such as \N or \G), control characters as spaces; line breaks
 * given by depmap itself become \n.
 */
import { defuseCiCommands, spaced } from '../../util/control-chars.js';

export function dotString(text: string): string {
  const lines = text.split('\n').map((line) => defuseCiCommands(spaced(line)).replace(/["\\]/g, (c) => `\\${c}`));
  return `"${lines.join('\\n')}"`;
}
