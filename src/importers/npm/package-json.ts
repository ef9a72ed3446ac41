/**
 * npm's package.json: the direct dependencies with the ranges as written (native syntax, so
 * `^4.19.0` is reported as a range, not a pin). Local links (`workspace:*`, `file:`) are
 * this repo's own packages, not libraries.
 */
import { jsonObjectWithLines } from '../util/json-with-lines.js';
import { entriesOf } from '../util/located.js';
import { emptyResult, type Importer } from '../types.js';
import { DEPENDENCY_FIELDS, parseNpmSpec } from './npm-spec.js';
import { basename } from '../util/paths.js';

export const packageJsonImporter: Importer = {
  id: 'package-json',
  description: "npm's package.json: direct dependencies with their ranges",
  provides: 'libraries',
  matches: (file) => basename(file) === 'package.json',
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
};
