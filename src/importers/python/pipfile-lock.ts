/**
 * Pipfile.lock: `default` (runtime) and `develop` (dev) sections with `==` pins. The lock
 * holds every package; the direct ones are those the Pipfile beside it names.
 */
import { jsonObjectWithLines } from '../util/json-with-lines.js';
import { asString, entriesOf, isRecord } from '../util/located.js';
import { dirname, inDir } from '../../util/paths.js';
import { tomlTable } from '../util/toml.js';
import { emptyResult, type LibraryScope } from '../types.js';
import { defineImporter } from '../define-importer.js';
import { exactVersion, normalizePythonName } from './pep508.js';

const SECTIONS: [string, LibraryScope][] = [
  ['default', 'runtime'],
  ['develop', 'dev'],
];

export const pipfileLockImporter = defineImporter({
  id: 'pipfile-lock',
  description: 'direct ones from the `Pipfile`',
  library: { family: 'python', rank: 3, kind: 'lockfile', names: ['Pipfile.lock'] },
  parse(text, ctx) {
    const result = emptyResult();
    const doc = jsonObjectWithLines(text, result.problems, 'Pipfile.lock must be a JSON object', { maxLineDepth: 2 });
    if (!doc) return result;
    const { value, lineOf } = doc;
    const direct = pipfileDirect(ctx.readFile(inDir(dirname(ctx.file), 'Pipfile')));
    if (!direct) {
      result.problems.push({
        line: 1,
        message: 'no readable Pipfile beside Pipfile.lock: every locked package is taken as direct',
        severity: 'warning',
      });
    }
    const seen = new Set<string>();
    for (const [section, scope] of SECTIONS) {
      for (const [rawName, entry] of entriesOf(value[section])) {
        if (!isRecord(entry)) continue;
        const name = normalizePythonName(rawName);
        const isDirect = !direct || direct.has(name);
        if (!isDirect && !ctx.transitive) continue;
        const spec = asString(entry.version);
        const version = spec === undefined ? (asString(entry.ref) ?? undefined) : (exactVersion(spec) ?? spec);
        if (entry.path !== undefined || entry.editable === true) continue;
        const id = `${name}@${version ?? ''}`;
        if (seen.has(id)) continue;
        seen.add(id);
        result.libraries.push({
          ecosystem: 'pypi',
          name,
          version,
          scope,
          line: lineOf(section, rawName),
          ...(isDirect ? {} : { transitive: true }),
          syntax: 'resolved',
        });
      }
    }
    return result;
  },
});

function pipfileDirect(text: string | undefined): Set<string> | undefined {
  const pipfile = tomlTable(text);
  if (!pipfile) return undefined;
  const names = new Set<string>();
  for (const table of ['packages', 'dev-packages'])
    for (const [name] of entriesOf(pipfile[table])) names.add(normalizePythonName(name));
  return names;
}
