/**
 * GitHub Actions workflow commands (`::error file=…::message`), escaped as the runner
 * unescapes them, so no data can end a command early or start another. Control
 * characters other than line breaks are shown as escapes: the log would colour them.
 */
import { visible } from '../../control-chars.js';
import { CI_LOG_COMMAND } from './terminal.js';

// Controls but CR and LF, which the runner's own escapes carry.
// eslint-disable-next-line no-control-regex
const OTHER_CONTROLS = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Message data: `%`, CR and LF. */
export function githubData(text: string): string {
  return text.replace(OTHER_CONTROLS, visible).replace(CI_LOG_COMMAND, '#\\u0023').replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also lose `:` and `,`, which separate properties. */
export function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
