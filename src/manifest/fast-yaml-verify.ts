/**
 * DEPMAP_FAST_YAML=verify: a manifest read by fast-yaml.ts is read again by `yaml`, and any
 * difference (a value, the position of any value or key, the parse result) throws. The test
 * suite runs with it to hold the fast reader to the full one on every manifest it writes.
 */
import { isDeepStrictEqual } from 'node:util';
import type { LoadedYaml, LoadResult } from './load-yaml.js';
import type { ParseResult } from './types.js';

/** Every path of `value` (the root's included), its mappings' keys and its sequences' indexes. */
function pathsOf(value: unknown, prefix: PropertyKey[] = [], out: PropertyKey[][] = []): PropertyKey[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out);
  return out;
}

/** The first way `fast` and `slow` differ: a value, a position (of a value or a key), or undefined. */
export function fastYamlDifference(fast: LoadedYaml, slow: LoadedYaml): string | undefined {
  if (!isDeepStrictEqual(fast.value, slow.value))
    return `values differ: ${JSON.stringify(fast.value)} vs ${JSON.stringify(slow.value)}`;
  for (const path of pathsOf(slow.value)) {
    for (const key of [false, true]) {
      const a = fast.positionOf(path, { key });
      const b = slow.positionOf(path, { key });
      if (a.line !== b.line || a.col !== b.col)
        return `${key ? 'key' : 'value'} position of ${JSON.stringify(path)}: ${a.line}:${a.col} vs ${b.line}:${b.col}`;
    }
  }
  // The spec version as written is asked for when it is a number (parse.ts).
  const depmap = (slow.value as Record<string, unknown> | null)?.depmap;
  if (typeof depmap === 'number' && fast.sourceAt(['depmap']) !== slow.sourceAt(['depmap']))
    return 'depmap is written differently';
  return undefined;
}

export function verifyFastYaml(
  file: string,
  fast: LoadedYaml,
  slow: LoadResult,
  result: ParseResult,
  slowResult: ParseResult | undefined,
): void {
  if (!slow.ok) throw new Error(`fast-yaml read ${file}, yaml refuses it: ${JSON.stringify(slow.problems)}`);
  const difference =
    fastYamlDifference(fast, slow.yaml) ??
    (isDeepStrictEqual(result, slowResult) ? undefined : 'the parse results differ');
  if (difference) throw new Error(`fast-yaml and yaml differ on ${file}: ${difference}`);
}
