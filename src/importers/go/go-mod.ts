/**
 * go.mod. Direct requirements by default; `// indirect` ones with transitive. A `replace`
 * directive changes what is built, so it wins: a module replaced by another module version
 * is reported as that module and version (that is the code that ships); a module replaced by
 * a local folder keeps its required version and gets a warning, since that version is not
 * what is built. `exclude`, `retract`, `go` and `toolchain` say nothing about dependencies.
 */
import { emptyResult, type ImportedLibrary } from '../types.js';
import { defineImporter } from '../define-importer.js';

interface Replacement {
  /** Only this version of the module is replaced, when given. */
  fromVersion?: string;
  to: string;
  toVersion?: string;
  line: number;
}

export const goModImporter = defineImporter({
  id: 'go-mod',
  description: '`// indirect` with `transitive`; `replace`',
  // Minimal version selection builds with exactly the versions go.mod requires: they are resolved.
  library: { family: 'go', rank: 1, kind: 'lockfile', names: ['go.mod'] },
  parse(text, ctx) {
    const result = emptyResult();
    const requires: { module: string; version: string; indirect: boolean; line: number }[] = [];
    const replacements = new Map<string, Replacement[]>();
    let block: string | undefined;
    const lines = text.split('\n');
    lines.forEach((raw, index) => {
      const lineNo = index + 1;
      const indirect = /\/\/\s*indirect\b/.test(raw);
      const line = stripComment(raw).trim();
      if (line === '') return;
      if (block) {
        if (line === ')') {
          block = undefined;
          return;
        }
        directive(block, line, lineNo, indirect);
        return;
      }
      const open = /^(\w+)\s*\($/.exec(line);
      if (open) {
        block = open[1];
        return;
      }
      const single = /^(\w+)\s+(.*)$/.exec(line);
      if (single) directive(single[1]!, single[2]!, lineNo, indirect);
      else result.problems.push({ line: lineNo, message: `go.mod: cannot read ${JSON.stringify(line)}` });
    });
    if (block) result.problems.push({ line: lines.length, message: `go.mod: the ${block} ( … ) block is not closed` });

    function directive(verb: string, args: string, lineNo: number, indirect: boolean): void {
      const words = tokens(args);
      if (verb === 'require') {
        const [module, version] = words;
        if (!module || !version) {
          result.problems.push({ line: lineNo, message: `go.mod: require needs a module path and a version` });
          return;
        }
        requires.push({ module, version, indirect, line: lineNo });
      } else if (verb === 'replace') {
        const arrow = words.indexOf('=>');
        if (arrow < 1 || arrow === words.length - 1) {
          result.problems.push({ line: lineNo, message: 'go.mod: replace needs "old [version] => new [version]"' });
          return;
        }
        const [from, fromVersion] = words.slice(0, arrow);
        const [to, toVersion] = words.slice(arrow + 1);
        const list = replacements.get(from!) ?? [];
        list.push({ fromVersion, to: to!, toVersion, line: lineNo });
        replacements.set(from!, list);
      }
    }

    for (const requirement of requires) {
      if (requirement.indirect && !ctx.transitive) continue;
      const candidates = replacements.get(requirement.module) ?? [];
      const replacement =
        candidates.find((r) => r.fromVersion === requirement.version) ??
        candidates.find((r) => r.fromVersion === undefined);
      const library: ImportedLibrary = {
        ecosystem: 'golang',
        name: requirement.module,
        version: requirement.version,
        scope: 'runtime',
        line: requirement.line,
        syntax: 'resolved',
        ...(requirement.indirect ? { transitive: true } : {}),
      };
      if (replacement) {
        if (isLocalPath(replacement.to)) {
          result.problems.push({
            line: replacement.line,
            message: `${requirement.module} is replaced by the local folder ${replacement.to}: ${requirement.version} is not the code that is built`,
            severity: 'warning',
          });
        } else {
          library.name = replacement.to;
          library.version = replacement.toVersion;
          library.line = replacement.line;
        }
      }
      result.libraries.push(library);
    }
    return result;
  },
});

function stripComment(line: string): string {
  const index = line.indexOf('//');
  return index < 0 ? line : line.slice(0, index);
}

/** Words of a directive; module paths may be quoted. */
function tokens(args: string): string[] {
  return [...args.matchAll(/"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

function isLocalPath(path: string): boolean {
  return path.startsWith('./') || path.startsWith('../') || path.startsWith('/') || path === '.' || path === '..';
}
