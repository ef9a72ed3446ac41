/**
 * poetry.lock. The lockfile lists every package without saying which are direct, so direct
 * ones come from the pyproject.toml beside it; without one, every package is reported with a
 * warning. Old lockfiles (Poetry < 1.5) carry `category = "dev"`, used for the scope.
 */
import { asString } from '../util/located.js';
import { tomlLockfile } from '../util/toml.js';
import { readProjectFile } from '../util/workspace.js';
import { emptyResult } from '../types.js';
import { defineImporter } from '../define-importer.js';
import { normalizePythonName } from './pep508.js';
import { pyprojectDependencies } from './pyproject.js';

export const poetryLockImporter = defineImporter({
  id: 'poetry-lock',
  description: 'direct ones from `pyproject.toml`',
  library: { family: 'python', rank: 1, kind: 'lockfile', names: ['poetry.lock'] },
  parse(text, ctx) {
    const result = emptyResult();
    const lock = tomlLockfile(text, result.problems);
    if (!lock) return result;
    const { packages, lineOf } = lock;
    const direct = pyprojectDependencies(readProjectFile(ctx, 'pyproject.toml'));
    if (!direct) {
      result.problems.push({
        line: 1,
        message:
          'poetry.lock does not say which packages are direct and no readable pyproject.toml was found beside it; taking every package',
        severity: 'warning',
      });
    }
    for (const entry of packages) {
      const rawName = asString(entry.name);
      if (!rawName) continue;
      const name = normalizePythonName(rawName);
      const version = asString(entry.version);
      const isDirect = !direct || direct.has(name);
      if (!isDirect && !ctx.transitive) continue;
      const category = asString(entry.category);
      result.libraries.push({
        ecosystem: 'pypi',
        name,
        version,
        scope: direct?.get(name) ?? (category === 'dev' ? 'dev' : entry.optional === true ? 'optional' : 'runtime'),
        line: lineOf(rawName, version),
        ...(isDirect ? {} : { transitive: true }),
        syntax: 'resolved',
      });
    }
    return result;
  },
});
