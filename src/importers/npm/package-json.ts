/**
 * npm's package.json: the direct dependencies with the ranges as written (native syntax, so
 * `^4.19.0` is reported as a range, not a pin). Local links (`workspace:*`, `file:`) are
 * this repo's own packages, not libraries.
 */
import { jsonObjectWithLines } from '../util/json-with-lines.js';
import { entriesOf } from '../util/located.js';
import { emptyResult } from '../types.js';
import { defineImporter } from '../define-importer.js';
import { DEPENDENCY_FIELDS, parseNpmSpec } from './npm-spec.js';

export const packageJsonImporter = defineImporter({
  id: 'package-json',
  description: 'direct dependencies, ranges as written',
  library: { family: 'npm', rank: 4, kind: 'ranges', names: ['package.json'], workspace: true },
  parse(text) {
    const result = emptyResult();
    const doc = jsonObjectWithLines(text, result.problems, 'package.json must be a JSON object', { maxLineDepth: 2 });
    if (!doc) return result;
    const { value, lineOf } = doc;
    const seen = new Set<string>();
    for (const [field, scope] of DEPENDENCY_FIELDS) {
      for (const [key, spec] of entriesOf(value[field])) {
        if (typeof spec !== 'string') {
          result.problems.push({ line: lineOf(field, key), message: `${field}.${key}: the version must be a string` });
          continue;
        }
        const parsedSpec = parseNpmSpec(key, spec);
        if (parsedSpec.local) continue;
        // A peer dependency that is also a dev dependency is installed as the dev one.
        if (seen.has(parsedSpec.name)) continue;
        seen.add(parsedSpec.name);
        result.libraries.push({
          ecosystem: 'npm',
          name: parsedSpec.name,
          version: parsedSpec.range,
          scope,
          line: lineOf(field, key),
          syntax: 'native',
        });
      }
    }
    return result;
  },
});
