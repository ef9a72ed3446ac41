/**
 * npm's package-lock.json (and npm-shrinkwrap.json), lockfile versions 1, 2 and 3.
 *
 * v2/v3 list every installed folder under `packages`, the root project under `""` and each
 * workspace under its path; a direct dependency is what npm's resolution finds first from
 * the project folder (`<workspace>/node_modules/x`, then the hoisted `node_modules/x`).
 * v1 has no list of direct dependencies, so it takes them from the package.json beside it.
 */
import { jsonObject, jsonObjectWithLines } from '../util/json-with-lines.js';
import { asString, entriesOf, isRecord, type Located } from '../util/located.js';
import { readProjectFile, workspaceInLock } from '../util/workspace.js';
import {
  emptyResult,
  type ImportContext,
  type ImportResult,
  type ImportedLibrary,
  type LibraryScope,
} from '../types.js';
import { defineImporter } from '../define-importer.js';
import { DEPENDENCY_FIELDS, nameFromInstallPath, parseNpmSpec } from './npm-spec.js';

export const packageLockImporter = defineImporter({
  id: 'package-lock',
  description: 'lockfile v1, v2, v3; workspaces, aliases, transitive',
  library: { family: 'npm', rank: 1, kind: 'lockfile', names: ['package-lock.json', 'npm-shrinkwrap.json'] },
  parse(text, ctx) {
    const result = emptyResult();
    // Lines are needed down to `packages.<path>` (v2/v3), or `dependencies.a.dependencies.b` in
    // v1; recording fewer keeps a large lockfile's parse close to JSON.parse's speed.
    const v1 = /"lockfileVersion"\s*:\s*1\b/.test(text.slice(0, 4096));
    const doc = jsonObjectWithLines(text, result.problems, 'a package-lock.json must be a JSON object', {
      maxLineDepth: v1 ? 4 : 2,
    });
    if (!doc) return result;
    const lock = doc.value;
    if (isRecord(lock.packages)) readPackages(doc, lock.packages, ctx, result);
    else if (isRecord(lock.dependencies)) readV1(doc, lock.dependencies, ctx, result);
    else if (lock.lockfileVersion === undefined) {
      result.problems.push({
        line: 1,
        message: 'no "packages" or "dependencies": this does not look like a package-lock.json',
      });
    }
    return result;
  },
});

function scopeOf(entry: Record<string, unknown>): LibraryScope {
  if (entry.dev === true || entry.devOptional === true) return 'dev';
  if (entry.optional === true) return 'optional';
  if (entry.peer === true) return 'peer';
  return 'runtime';
}

function readPackages(doc: Located, packages: Record<string, unknown>, ctx: ImportContext, result: ImportResult): void {
  // The root project is `""`, a workspace its folder relative to the lockfile's.
  const project = workspaceInLock(ctx) ?? '';
  const root = packages[project];
  if (!isRecord(root)) {
    // A package that is not (or no longer) a workspace of this lockfile: its dependencies are
    // not here, and the root's would be wrong ones.
    result.problems.push({
      message: `${ctx.workspace} is not a workspace of ${ctx.file}: no libraries imported`,
      hint: "add it to the root package.json's workspaces and run npm install, or import the package's own lockfile",
      severity: 'warning',
    });
    return;
  }
  const seen = new Set<string>();

  const add = (library: ImportedLibrary): void => {
    const key = `${library.name}@${library.version ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    result.libraries.push(library);
  };

  for (const [field, declaredScope] of DEPENDENCY_FIELDS) {
    for (const [key, spec] of entriesOf(root[field])) {
      const parsedSpec = typeof spec === 'string' ? parseNpmSpec(key, spec) : undefined;
      if (!parsedSpec || parsedSpec.local) continue;
      const installPath = [
        project === '' ? `node_modules/${key}` : `${project}/node_modules/${key}`,
        `node_modules/${key}`,
      ].find((path) => isRecord(packages[path]));
      const entry = installPath === undefined ? undefined : (packages[installPath] as Record<string, unknown>);
      if (!entry) {
        // Optional and peer dependencies may legitimately be absent (other platform, not installed).
        if (declaredScope === 'optional' || declaredScope === 'peer') continue;
        result.problems.push({
          line: doc.lineOf('packages', project, field, key),
          message: `${key} is declared in ${field} but not installed in the lockfile`,
          hint: 'run npm install to bring the lockfile up to date',
          severity: 'warning',
        });
        continue;
      }
      if (entry.link === true) continue;
      add({
        ecosystem: 'npm',
        name: asString(entry.name) ?? parsedSpec.name,
        version: asString(entry.version),
        scope: declaredScope,
        line: doc.lineOf('packages', installPath!),
        syntax: 'resolved',
      });
    }
  }

  if (!ctx.transitive) return;
  for (const [path, entry] of Object.entries(packages)) {
    if (path === '' || !isRecord(entry) || entry.link === true || !path.includes('node_modules/')) continue;
    add({
      ecosystem: 'npm',
      name: asString(entry.name) ?? nameFromInstallPath(path),
      version: asString(entry.version),
      scope: scopeOf(entry),
      line: doc.lineOf('packages', path),
      transitive: true,
      syntax: 'resolved',
    });
  }
}

function readV1(doc: Located, dependencies: Record<string, unknown>, ctx: ImportContext, result: ImportResult): void {
  const direct = directFromPackageJson(ctx);
  if (!direct) {
    result.problems.push({
      line: 1,
      message:
        'lockfile v1 does not say which dependencies are direct and no package.json was found beside it; taking every top-level entry',
      hint: 'keep package.json next to package-lock.json, or upgrade the lockfile with npm install --lockfile-version 3',
      severity: 'warning',
    });
  }
  const seen = new Set<string>();
  const visit = (deps: Record<string, unknown>, path: string[], depth: number): void => {
    for (const [key, entry] of Object.entries(deps)) {
      if (!isRecord(entry)) continue;
      const rawVersion = asString(entry.version) ?? '';
      const isDirect = depth === 0 && (!direct || direct.has(key));
      if (isDirect || ctx.transitive) {
        // v1 writes aliases as `"version": "npm:bar@1.0.0"` and links as `file:…`.
        const spec = parseNpmSpec(key, rawVersion);
        if (!spec.local) {
          const id = `${spec.name}@${spec.range}`;
          if (!seen.has(id)) {
            seen.add(id);
            result.libraries.push({
              ecosystem: 'npm',
              name: spec.name,
              version: spec.range || undefined,
              scope: direct?.get(key) ?? scopeOf(entry),
              line: doc.lineOf(...path, key),
              ...(isDirect ? {} : { transitive: true }),
              syntax: 'resolved',
            });
          }
        }
      }
      if (ctx.transitive && isRecord(entry.dependencies) && depth < 64)
        visit(entry.dependencies, [...path, key, 'dependencies'], depth + 1);
    }
  };
  visit(dependencies, ['dependencies'], 0);
}

function directFromPackageJson(ctx: ImportContext): Map<string, LibraryScope> | undefined {
  const pkg = jsonObject(readProjectFile(ctx, 'package.json'));
  if (!pkg) return undefined;
  const direct = new Map<string, LibraryScope>();
  for (const [field, scope] of DEPENDENCY_FIELDS) {
    for (const [key] of entriesOf(pkg[field])) if (!direct.has(key)) direct.set(key, scope);
  }
  return direct;
}
