/**
 * Text from data (names, paths, versions, messages quoting them) printed to a terminal or
 * a CI log: on one line, with every control character shown as an escape, so data can
 * neither move the cursor, colour the log, make a link (OSC 8), ring the bell, nor start a
 * line of its own (where a CI runner would read a command). The output guard
 * (cli/output-guard.ts) defuses workflow commands on top of this.
 */
import { defuseCiCommands, oneLine } from '../../util/control-chars.js';

export function terminalText(text: string): string {
  return defuseCiCommands(oneLine(text));
}

/** A word of a shell command shown to be copied: quoted when it needs to be, on one line. */
export function shellWord(text: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(text)) return text;
  return `'${terminalText(text).replace(/'/g, `'\\''`)}'`;
}
