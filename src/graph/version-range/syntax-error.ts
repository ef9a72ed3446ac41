/**
 * The one error a range that does not parse raises. It is a usage error (exit 2): the range
 * comes from the command line, and the message names the ecosystem's own syntax so the user
 * can fix it without reading docs.
 */
import { UsageError } from '../../errors.js';

export class RangeSyntaxError extends UsageError {}

/** The range being parsed: what it is, and how a valid one of its ecosystem looks. */
export interface RangeInput {
  ecosystem: string;
  text: string;
  /** Valid ranges of the ecosystem, quoted, for the message: `"<2.15.0" or "[2.0,2.15.0)"`. */
  examples: string;
}

export function fail(input: RangeInput, problem: string): never {
  throw new RangeSyntaxError(
    `${input.ecosystem} version range ${JSON.stringify(input.text)}: ${problem}; valid ${input.ecosystem} ranges look like ${input.examples}`,
  );
}

/** "a maven", "an npm": the ecosystem with its article, for messages. */
export function article(ecosystem: string): string {
  return `${/^(npm|[aeiou])/i.test(ecosystem) ? 'an' : 'a'} ${ecosystem}`;
}
