/**
 * composer.json (constraints as written) and composer.lock (`packages` and `packages-dev`,
 * direct ones named by the composer.json beside it). Platform requirements (`php`, `ext-*`,
 * `lib-*`, `composer-*`) are the runtime, not libraries.
 */
import { jsonObject, jsonObjectWithLines } from '../util/json-with-lines.js';
import { asArray, asString, entriesOf, isRecord } from '../util/located.js';
import { dirname, inDir } from '../../util/paths.js';
import { emptyResult, type LibraryScope } from '../types.js';
import { defineImporter } from '../define-importer.js';

const FIELDS: [string, LibraryScope][] = [
  ['require', 'runtime'],
  ['require-dev', 'dev'],
];

function isPlatformPackage(name: string): boolean {
  return /^(php(-64bit|-ipv6|-zts|-debug)?|hhvm|ext-.+|lib-.+|composer(-plugin-api|-runtime-api)?)$/i.test(name);
}

export const composerJsonImporter = defineImporter({
  id: 'composer-json',
  description: 'direct requirements with their constraints; platform packages skipped',
  library: { family: 'php', rank: 2, kind: 'ranges', names: ['composer.json'] },
  parse(text) {
    const result = emptyResult();
    const doc = jsonObjectWithLines(text, result.problems, 'must be a JSON object', { maxLineDepth: 3 });
    if (!doc) return result;
    const { value, lineOf } = doc;
    for (const [field, scope] of FIELDS) {
      for (const [name, constraint] of entriesOf(value[field])) {
        if (isPlatformPackage(name)) continue;
        result.libraries.push({
          ecosystem: 'composer',
          name: name.toLowerCase(),
          version: asString(constraint),
          scope,
          line: lineOf(field, name),
          syntax: 'native',
        });
      }
    }
    return result;
  },
});

export const composerLockImporter = defineImporter({
  id: 'composer-lock',
  description: 'direct packages named by `composer.json`; platform packages skipped',
  library: { family: 'php', rank: 1, kind: 'lockfile', names: ['composer.lock'] },
  parse(text, ctx) {
    const result = emptyResult();
    const doc = jsonObjectWithLines(text, result.problems, 'must be a JSON object', { maxLineDepth: 3 });
    if (!doc) return result;
    const { value, lineOf } = doc;
    const direct = directNames(ctx.readFile(inDir(dirname(ctx.file), 'composer.json')));
    if (!direct)
      result.problems.push({
        line: 1,
        message: 'no readable composer.json beside composer.lock: every locked package is taken as direct',
        severity: 'warning',
      });
    for (const [section, scope] of [
      ['packages', 'runtime'],
      ['packages-dev', 'dev'],
    ] as const) {
      asArray(value[section]).forEach((entry, index) => {
        if (!isRecord(entry)) return;
        const name = asString(entry.name)?.toLowerCase();
        if (!name) return;
        const isDirect = !direct || direct.has(name);
        if (!isDirect && !ctx.transitive) return;
        result.libraries.push({
          ecosystem: 'composer',
          name,
          version: asString(entry.version),
          scope,
          line: lineOf(section, index, 'name'),
          ...(isDirect ? {} : { transitive: true }),
          syntax: 'resolved',
        });
      });
    }
    return result;
  },
});

function directNames(text: string | undefined): Set<string> | undefined {
  const composer = jsonObject(text);
  if (!composer) return undefined;
  const names = new Set<string>();
  for (const [field] of FIELDS) for (const [name] of entriesOf(composer[field])) names.add(name.toLowerCase());
  return names;
}
