/**
 * dep, Go's dependency tool before modules: `Gopkg.lock` pins each project at a revision
 * (and the tag it was, when there is one), `Gopkg.toml` states the constraints. The lock
 * lists transitive projects too: direct ones are those the project's own imports fall in
 * (`[solve-meta] input-imports`, dep 0.5+) or that Gopkg.toml constrains; without either,
 * every project is reported, with a warning.
 */
import { asArray, asString, isRecord } from '../util/located.js';
import { normalizeHeader, tomlBlocks, tomlTable, type TomlBlock } from '../util/toml.js';
import { emptyResult, type ImportedLibrary } from '../types.js';
import { defineImporter } from '../define-importer.js';
import { dirname, inDir } from '../../util/paths.js';

/** A tag a Go tool would take as a version (`v1.2.0`); other tags (`1.2`, `release-3`) say less than the revision. */
const SEMVER_TAG = /^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export const gopkgLockImporter = defineImporter({
  id: 'gopkg-lock',
  description: 'dep: the revision (or its `v` tag) of each project; direct ones from `input-imports` or `Gopkg.toml`',
  library: { family: 'go', rank: 2, kind: 'lockfile', names: ['Gopkg.lock'] },
  parse(text, ctx) {
    const result = emptyResult();
    const lock = tomlTable(text, result.problems);
    if (!lock) return result;
    const projects = asArray(lock.projects).filter(isRecord);
    const lineOf = blockLines(tomlBlocks(text), 'projects');
    const imports = asArray(isRecord(lock['solve-meta']) ? lock['solve-meta']['input-imports'] : undefined)
      .map(asString)
      .filter((s): s is string => s !== undefined);
    const constrained = constraintNames(tomlTable(ctx.readFile(inDir(dirname(ctx.file), 'Gopkg.toml'))));
    const known = imports.length > 0 || constrained !== undefined;
    // Imports and required names are packages: a project is direct when one of them is inside it.
    const wanted = [...imports, ...(constrained ?? [])];
    if (!known)
      result.problems.push({
        line: 1,
        message:
          'Gopkg.lock does not say which projects are direct (no input-imports) and no readable Gopkg.toml is beside it; taking every project',
        severity: 'warning',
      });
    for (const project of projects) {
      const name = asString(project.name);
      if (!name) continue;
      const direct = !known || wanted.some((i) => i === name || i.startsWith(`${name}/`));
      if (!direct && !ctx.transitive) continue;
      const tag = asString(project.version);
      const revision = asString(project.revision);
      const version = tag !== undefined && SEMVER_TAG.test(tag) ? tag : (revision ?? tag ?? asString(project.branch));
      const library: ImportedLibrary = {
        ecosystem: 'golang',
        name,
        version,
        scope: 'runtime',
        line: lineOf(name),
        syntax: 'resolved',
        ...(direct ? {} : { transitive: true }),
      };
      result.libraries.push(library);
    }
    return result;
  },
});

export const gopkgTomlImporter = defineImporter({
  id: 'gopkg-toml',
  description: 'dep: `[[constraint]]` and `[[override]]` as written (a bare `1.2.0` is a caret range to dep)',
  library: { family: 'go', rank: 5, kind: 'ranges', names: ['Gopkg.toml'] },
  parse(text) {
    const result = emptyResult();
    const manifest = tomlTable(text, result.problems);
    if (!manifest) return result;
    const blocks = tomlBlocks(text);
    const seen = new Set<string>();
    for (const table of ['constraint', 'override']) {
      const lineOf = blockLines(blocks, table);
      for (const entry of asArray(manifest[table]).filter(isRecord)) {
        const name = asString(entry.name);
        if (!name || seen.has(name)) continue;
        seen.add(name);
        const version = asString(entry.version) ?? asString(entry.revision) ?? asString(entry.branch);
        result.libraries.push({
          ecosystem: 'golang',
          name,
          version,
          scope: 'runtime',
          line: lineOf(name),
          syntax: 'native',
        });
      }
    }
    return result;
  },
});

/** Names Gopkg.toml constrains, overrides or requires; undefined without a readable Gopkg.toml. */
function constraintNames(manifest: Record<string, unknown> | undefined): Set<string> | undefined {
  if (!manifest) return undefined;
  const names = new Set<string>();
  for (const table of ['constraint', 'override'])
    for (const entry of asArray(manifest[table]).filter(isRecord)) {
      const name = asString(entry.name);
      if (name) names.add(name);
    }
  for (const required of asArray(manifest.required)) {
    const name = asString(required);
    if (name) names.add(name);
  }
  return names;
}

/** The line of the `name =` of the `[[array]]` block with this name. */
function blockLines(blocks: TomlBlock[], array: string): (name: string) => number | undefined {
  const lines = new Map<string, number>();
  for (const block of blocks) {
    if (!block.array || normalizeHeader(block.header) !== array) continue;
    const name = block.strings.get('name');
    if (name !== undefined && !lines.has(name)) lines.set(name, block.keys.get('name') ?? block.line);
  }
  return (name) => lines.get(name);
}
