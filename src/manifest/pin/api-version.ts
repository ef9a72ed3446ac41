/**
 * Service API versions: the `version` of a service a component calls or provides. An API
 * version is pinned when it names one version of the API, whatever scheme the API uses:
 *
 * - semantic or dotted versions, with or without `v`: `2.1.0`, `v2`, `3`, `1.2`, `2.1.0-beta.1`
 *   (an API's major version, `v2`, is how most HTTP APIs version themselves);
 * - Kubernetes/Google style: `v1beta1`, `v2alpha1`;
 * - dates: `2024-06-20` (Stripe, GitHub `2022-11-28`, Anthropic `2023-06-01`), with a release
 *   name or suffix (`2024-09-30.acacia`, Azure's `2023-05-01-preview`);
 * - any other token without whitespace that holds a digit and no range syntax.
 *
 * Not pinned: empty or missing, moving words (`latest`, `current`, `stable`, `beta`, any
 * case), words without a digit (`acacia`), wildcards (`*`, `2.x`, `2.*`), ranges (`^2`,
 * `~2.1`, `>=1`, `1 - 2`, `1 || 2`, `[1,2)`).
 */
import type { PinVerdict } from '../types.js';
import { MOVING_WORDS, NO_VERSION, PINNED, quote, unpinned } from './verdict.js';

/** The usual shapes, one test: dotted numbers, k8s-style, dates. */
const KNOWN =
  /^(?:v?\d+(?:\.\d+){0,3}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?|v\d+(?:alpha|beta)\d*|\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[.-][0-9A-Za-z]+)*)$/;
const WILDCARD = /^\*$|(?:^|\.)[xX*](?:\.|$)/;
const RANGE = /^[\^~><=!]|\|\||\s-\s|,|^[[(]/;
const LOWER_BOUNDED = /^(?:\^|~>?|>=)\s*([^\s,|]+)$/;
const WHITESPACE = /\s/;
const DIGIT = /\d/;
const HINT = 'pin one api version, e.g. 2.1.0 or 2024-06-20';
const THREE_OR_DATE = /^v?\d+\.\d+\.\d+|^\d{4}-\d{2}-\d{2}/;
const MOVING: ReadonlySet<string> = new Set([...MOVING_WORDS, 'alpha', 'beta', 'preview', 'newest', 'any']);
const NO_API_VERSION: PinVerdict = Object.freeze({ ...NO_VERSION, hint: HINT });

export function checkApiVersion(version: string | undefined): PinVerdict {
  if (version === undefined) return NO_API_VERSION;
  const v = version.trim();
  if (KNOWN.test(v)) return PINNED;
  if (v === '') return NO_API_VERSION;
  const shown = quote(v);
  if (MOVING.has(v.toLowerCase())) {
    return unpinned(`${shown} names whatever version is current`, HINT);
  }
  if (WILDCARD.test(v)) return unpinned(`${shown} is a wildcard`, HINT);
  if (RANGE.test(v)) {
    const operand = LOWER_BOUNDED.exec(v)?.[1];
    return unpinned(
      `${shown} is a range`,
      operand !== undefined && THREE_OR_DATE.test(operand) ? `pin one api version, e.g. ${operand}` : HINT,
    );
  }
  if (WHITESPACE.test(v)) return unpinned(`${shown} contains whitespace`, HINT);
  if (!DIGIT.test(v)) return unpinned(`${shown} does not name a version`, HINT);
  return PINNED;
}
