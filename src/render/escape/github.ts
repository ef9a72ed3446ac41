/**
 * GitHub Actions workflow commands (`::error file=…::message`), escaped as the runner
 * unescapes them, so no data can end a command early or start another. Control
 * characters other than line breaks are shown as escapes: the log would colour them.
 */
import { defuseCiCommands, visible } from '../../util/control-chars.js';

// Controls but CR and LF, which the runner's own escapes carry.
// eslint-disable-next-line no-control-regex
const OTHER_CONTROLS = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Message data: `%`, CR and LF. */
export function githubData(text: string): string {
  return defuseCiCommands(text.replace(OTHER_CONTROLS, visible))
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A');
}

/**
 * Property values also lose `:` and `,`, which separate properties. A CI log command in a
 * property stays as it is: inside a workflow command it is text, and a `file=` path must
 * match the file to annotate it.
 */
export function githubProperty(text: string): string {
  return text
    .replace(OTHER_CONTROLS, visible)
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/:/g, '%3A')
    .replace(/,/g, '%2C');
}
