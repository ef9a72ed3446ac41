/**
 * uv.lock. The project itself is a `[[package]]` whose source is `{ editable = "." }` or
 * `{ virtual = "." }` (a workspace member: its folder); its `dependencies`,
 * `optional-dependencies` and `dev-dependencies` are the direct ones.
 */
import { asArray, asString, entriesOf, isRecord } from '../util/located.js';
import { tomlLockfile } from '../util/toml.js';
import { workspaceInLock } from '../util/workspace.js';
import { emptyResult, type ImportedLibrary, type LibraryScope } from '../types.js';
import { defineImporter } from '../define-importer.js';
import { normalizePythonName } from './pep508.js';
import { groupScope } from './pyproject.js';

export const uvLockImporter = defineImporter({
  id: 'uv-lock',
  description: "direct ones: the project's own entry's",
  library: { family: 'python', rank: 2, kind: 'lockfile', names: ['uv.lock'] },
  parse(text, ctx) {
    const result = emptyResult();
    const lock = tomlLockfile(text, result.problems);
    if (!lock) return result;
    const { packages, lineOf } = lock;
    const local = (entry: Record<string, unknown>): string | undefined => {
      const source = entry.source;
      if (!isRecord(source)) return undefined;
      return (
        asString(source.editable) ?? asString(source.virtual) ?? asString(source.directory) ?? asString(source.path)
      );
    };
    const wanted = workspaceInLock(ctx) ?? '.';
    const project = packages.find((entry) => local(entry) === wanted) ?? packages.find((entry) => local(entry) === '.');
    const byName = new Map<string, Record<string, unknown>[]>();
    for (const entry of packages) {
      const name = asString(entry.name);
      if (!name) continue;
      const key = normalizePythonName(name);
      byName.set(key, [...(byName.get(key) ?? []), entry]);
    }

    const seen = new Set<string>();
    const add = (entry: Record<string, unknown>, library: Pick<ImportedLibrary, 'scope' | 'transitive'>): void => {
      if (local(entry) !== undefined) return;
      const rawName = asString(entry.name) ?? '';
      const name = normalizePythonName(rawName);
      const version = asString(entry.version);
      const id = `${name}@${version ?? ''}`;
      if (seen.has(id)) return;
      seen.add(id);
      result.libraries.push({
        ecosystem: 'pypi',
        name,
        version,
        line: lineOf(rawName, version),
        syntax: 'resolved',
        ...library,
      });
    };
    const addRefs = (refs: unknown, scope: LibraryScope): void => {
      for (const ref of asArray(refs)) {
        if (!isRecord(ref)) continue;
        const name = asString(ref.name);
        if (!name) continue;
        const candidates = byName.get(normalizePythonName(name)) ?? [];
        const version = asString(ref.version);
        const entry = candidates.find((c) => version === undefined || asString(c.version) === version) ?? candidates[0];
        if (entry) add(entry, { scope });
      }
    };

    if (project) {
      addRefs(project.dependencies, 'runtime');
      for (const [group, refs] of entriesOf(project['optional-dependencies']))
        addRefs(refs, groupScope(group) === 'runtime' ? 'optional' : groupScope(group));
      for (const [group, refs] of entriesOf(project['dev-dependencies']))
        addRefs(refs, groupScope(group) === 'runtime' ? 'dev' : groupScope(group));
    } else {
      result.problems.push({
        line: 1,
        message: 'uv.lock has no project package (source editable or virtual "."); taking every package',
        severity: 'warning',
      });
      for (const entry of packages) add(entry, { scope: 'runtime' });
    }
    if (ctx.transitive) for (const entry of packages) add(entry, { transitive: true });
    return result;
  },
});
