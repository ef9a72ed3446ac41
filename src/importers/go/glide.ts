/**
 * Glide, an older Go dependency manager: `glide.lock` pins every package (transitive ones
 * too) at a commit, `glide.yaml` lists what the project imports (`import`, `testImport`)
 * with its version constraints. Direct packages of the lock are those glide.yaml names;
 * without it, every package is reported, with a warning.
 */
import { parseYamlWithLines } from '../util/yaml-with-lines.js';
import { asArray, asString, isRecord, type Located } from '../util/located.js';
import { emptyResult, type ImportResult, type LibraryScope } from '../types.js';
import { defineImporter } from '../define-importer.js';
import { dirname, inDir } from '../../util/paths.js';

const SECTIONS: [lock: string, manifest: string, scope: LibraryScope][] = [
  ['imports', 'import', 'runtime'],
  ['testImports', 'testImport', 'test'],
];

export const glideLockImporter = defineImporter({
  id: 'glide-lock',
  description: 'Glide: the pinned commit of each package; direct ones from `glide.yaml`',
  library: { family: 'go', rank: 3, kind: 'lockfile', names: ['glide.lock'] },
  parse(text, ctx) {
    const result = emptyResult();
    const lock = yamlMap(text, result);
    if (!lock) return result;
    const manifest = parseYamlWithLines(ctx.readFile(inDir(dirname(ctx.file), 'glide.yaml')) ?? '').docs[0]?.value;
    const direct = isRecord(manifest)
      ? new Set(
          SECTIONS.flatMap(([, section]) => asArray(manifest[section]).filter(isRecord)).map((e) =>
            asString(e.package),
          ),
        )
      : undefined;
    if (!direct)
      result.problems.push({
        line: 1,
        message:
          'glide.lock does not say which packages are direct and no readable glide.yaml is beside it; taking every package',
        severity: 'warning',
      });
    for (const [section, , scope] of SECTIONS) {
      asArray(lock.value[section]).forEach((entry, index) => {
        if (!isRecord(entry)) return;
        const name = asString(entry.name);
        if (!name) return;
        const isDirect = !direct || direct.has(name);
        if (!isDirect && !ctx.transitive) return;
        result.libraries.push({
          ecosystem: 'golang',
          name,
          version: asString(entry.version),
          scope,
          line: lock.lineOf(section, index),
          syntax: 'resolved',
          ...(isDirect ? {} : { transitive: true }),
        });
      });
    }
    return result;
  },
});

export const glideYamlImporter = defineImporter({
  id: 'glide-yaml',
  description: 'Glide: `import` and `testImport` with their constraints as written',
  library: { family: 'go', rank: 6, kind: 'ranges', names: ['glide.yaml'] },
  parse(text) {
    const result = emptyResult();
    const manifest = yamlMap(text, result);
    if (!manifest) return result;
    for (const [, section, scope] of SECTIONS) {
      asArray(manifest.value[section]).forEach((entry, index) => {
        if (!isRecord(entry)) return;
        const name = asString(entry.package);
        if (!name) return;
        const version = asString(entry.version);
        result.libraries.push({
          ecosystem: 'golang',
          name,
          ...(version !== undefined ? { version } : {}),
          scope,
          line: manifest.lineOf(section, index),
          syntax: 'native',
        });
      });
    }
    return result;
  },
});

function yamlMap(text: string, result: ImportResult): (Located & { value: Record<string, unknown> }) | undefined {
  const parsed = parseYamlWithLines(text);
  result.problems.push(...parsed.problems);
  const doc = parsed.docs[0];
  if (doc && isRecord(doc.value)) return doc as Located & { value: Record<string, unknown> };
  if (parsed.problems.length === 0) result.problems.push({ line: 1, message: 'must be a YAML mapping' });
  return undefined;
}
