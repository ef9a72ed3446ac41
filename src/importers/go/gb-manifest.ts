/**
 * gb, a Go build tool of the GOPATH era: `vendor/manifest` (JSON) lists each vendored
 * package with the repository and revision it was fetched at. It does not tell direct from
 * transitive, so every entry is reported; the revision is the version. The file lives in
 * `vendor/`, which walks skip: it is a library source of the project folder above it.
 */
import { jsonObjectWithLines } from '../util/json-with-lines.js';
import { asArray, asString, isRecord } from '../util/located.js';
import { emptyResult } from '../types.js';
import { defineImporter } from '../define-importer.js';

export const gbManifestImporter = defineImporter({
  id: 'gb-manifest',
  description: 'gb: every vendored package at its revision',
  library: { family: 'go', rank: 4, kind: 'lockfile', names: ['vendor/manifest'] },
  matches: (file) => file === 'vendor/manifest' || file.endsWith('/vendor/manifest'),
  parse(text) {
    const result = emptyResult();
    const doc = jsonObjectWithLines(text, result.problems, 'vendor/manifest must be a JSON object', {
      maxLineDepth: 3,
    });
    if (!doc) return result;
    asArray(doc.value.dependencies).forEach((entry, index) => {
      if (!isRecord(entry)) return;
      const name = asString(entry.importpath);
      if (!name) return;
      result.libraries.push({
        ecosystem: 'golang',
        name,
        version: asString(entry.revision) ?? asString(entry.branch),
        scope: 'runtime',
        line: doc.lineOf('dependencies', index, 'importpath'),
        syntax: 'resolved',
      });
    });
    return result;
  },
});
