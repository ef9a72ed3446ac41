/**
 * Text from data (names, paths, versions, messages quoting them) printed to a terminal or
 * a CI log: on one line, with every control character shown as an escape, so data can
 * neither move the cursor, colour the log, make a link (OSC 8), ring the bell, nor start a
 * line of its own (where a CI runner would read a command). The output guard
 * (cli/output-guard.ts) defuses workflow commands on top of this.
 */
import { oneLine } from '../../control-chars.js';

/** `##[…]`, `##vso[…]`, `##teamcity[…]`: CI commands read anywhere in a line. */
export const CI_LOG_COMMAND = /##(?=\[|vso\[|teamcity\[)/gi;

export function terminalText(text: string): string {
  return oneLine(text).replace(CI_LOG_COMMAND, '#\\u0023');
}
