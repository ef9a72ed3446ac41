/**
 * Gemfile.lock. `DEPENDENCIES` lists the direct gems (a `!` marks one from a GIT or PATH
 * source); the `specs:` of the GEM, GIT and PATH sections hold every resolved version.
 * Platform suffixes (`nokogiri (1.16.2-x86_64-linux)`) are not part of the version.
 * Scopes come from the Gemfile beside the lock when there is one.
 */
import { basename, dirname, inDir } from '../../util/paths.js';
import { emptyResult, type ImportedLibrary, type LibraryScope } from '../types.js';
import { defineImporter } from '../define-importer.js';
import { gemfileImporter } from './gemfile.js';

const PLATFORMS = /-(x86_64|x86|aarch64|arm64|arm|universal|java|x64|mingw|mswin|darwin|linux)[\w.-]*$/;

export const gemfileLockImporter = defineImporter({
  id: 'gemfile-lock',
  files: '`Gemfile.lock`, `gems.locked`',
  description: 'DEPENDENCIES and the resolved specs',
  library: { family: 'ruby', rank: 1, kind: 'lockfile', names: ['Gemfile.lock'] },
  matches: (file) => ['Gemfile.lock', 'gems.locked'].includes(basename(file)),
  parse(text, ctx) {
    const result = emptyResult();
    const specs = new Map<string, { version: string; line: number; source: string }>();
    const direct: { name: string; line: number }[] = [];
    let section = '';
    let inSpecs = false;
    text.split('\n').forEach((raw, index) => {
      const line = raw.replace(/\r$/, '');
      const lineNo = index + 1;
      if (line.trim() === '') return;
      if (/^[A-Z]/.test(line)) {
        section = line.trim();
        inSpecs = false;
        return;
      }
      if (line === '  specs:') {
        inSpecs = true;
        return;
      }
      if (['GEM', 'GIT', 'PATH'].includes(section) && inSpecs) {
        const spec = /^ {4}([^\s(]+) \(([^)]+)\)$/.exec(line);
        if (spec) {
          const version = spec[2]!.replace(PLATFORMS, '');
          if (!specs.has(spec[1]!)) specs.set(spec[1]!, { version, line: lineNo, source: section });
        }
        return;
      }
      if (section === 'DEPENDENCIES') {
        const dep = /^ {2}([^\s(!]+)(!)?/.exec(line);
        if (dep) direct.push({ name: dep[1]!, line: lineNo });
      }
    });
    if (specs.size === 0 && direct.length === 0) {
      result.problems.push({
        line: 1,
        message: 'no GEM specs or DEPENDENCIES found: this does not look like a Gemfile.lock',
      });
      return result;
    }
    const scopes = gemfileScopes(
      ctx.readFile(inDir(dirname(ctx.file), basename(ctx.file) === 'gems.locked' ? 'gems.rb' : 'Gemfile')),
    );
    const directNames = new Set(direct.map((d) => d.name));
    for (const dep of direct) {
      const spec = specs.get(dep.name);
      if (spec?.source === 'PATH') continue;
      if (!spec) {
        // Gems for other platforms or bundler itself may be listed without a spec.
        result.problems.push({
          line: dep.line,
          message: `${dep.name} is in DEPENDENCIES but has no resolved spec`,
          severity: 'warning',
        });
        continue;
      }
      result.libraries.push(library(dep.name, spec.version, spec.line, scopes.get(dep.name) ?? 'runtime', false));
    }
    if (ctx.transitive) {
      for (const [name, spec] of specs) {
        if (directNames.has(name) || spec.source === 'PATH') continue;
        result.libraries.push(library(name, spec.version, spec.line, undefined, true));
      }
    }
    return result;
  },
});

function library(
  name: string,
  version: string,
  line: number,
  scope: LibraryScope | undefined,
  transitive: boolean,
): ImportedLibrary {
  return {
    ecosystem: 'gem',
    name,
    version,
    line,
    ...(scope ? { scope } : {}),
    ...(transitive ? { transitive: true } : {}),
    syntax: 'resolved',
  };
}

function gemfileScopes(text: string | undefined): Map<string, LibraryScope> {
  const scopes = new Map<string, LibraryScope>();
  if (text === undefined) return scopes;
  for (const lib of gemfileImporter.parse(text, { file: 'Gemfile', readFile: () => undefined, transitive: false })
    .libraries) {
    if (lib.scope) scopes.set(lib.name, lib.scope);
  }
  return scopes;
}
