/**
 * pip requirements files: `requirements.txt`, `requirements-dev.txt`, `requirements/*.txt`,
 * … with `-r other.txt` includes followed inside the repo (relative to the including file,
 * cycles and escapes refused). Constraints files (`-c`) add no dependency and are not read.
 * Libraries from an included file carry the line of its `-r` in the file being imported.
 * A .txt compiled by pip-tools from the `.in` beside it gives the .in's names at its pins
 * (pip-compiled.ts); a `.in` read on its own gives its ranges.
 */
import { basename, dirname, joinPath } from '../../util/paths.js';
import { emptyResult, type ImportContext, type ImportResult, type LibraryScope } from '../types.js';
import { defineImporter } from '../define-importer.js';
import { parseRequirement } from './pep508.js';
import { compiledLibraries, compiledSourceOf } from './pip-compiled.js';

const MAX_INCLUDE_DEPTH = 16;

export const requirementsTxtImporter = defineImporter({
  id: 'requirements-txt',
  files: '`requirements*.txt`, `requirements/*.txt`, `requirements*.in`',
  description:
    "`-r` includes inside the repo; a .txt compiled from the `.in` beside it (pip-tools): the .in's names at the .txt's pins",
  // A folder reads every requirements file it has, the dev and test ones too.
  library: { family: 'python', rank: 4, kind: 'ranges', every: /^(.*[-_.])?requirements([-_.].*)?\.txt$/ },
  matches: (file) => {
    const name = basename(file);
    if (name.endsWith('.in')) return /requirements/i.test(name) || /(^|\/)requirements\/[^/]+\.in$/.test(file);
    if (!name.endsWith('.txt')) return false;
    return /requirements/i.test(name) || /(^|\/)requirements\/[^/]+\.txt$/.test(file);
  },
  parse(text, ctx) {
    const result = emptyResult();
    readRequirements(text, ctx.file, ctx, result, { seen: new Set(), visiting: [ctx.file], includeLine: undefined });
    const source = compiledSourceOf(ctx.file);
    const sourceText = source === undefined ? undefined : ctx.readFile(source);
    if (source === undefined || sourceText === undefined) return result;
    const direct = emptyResult();
    readRequirements(sourceText, source, ctx, direct, { seen: new Set(), visiting: [source], includeLine: undefined });
    return compiledLibraries(result, direct, source, ctx.transitive);
  },
});

function scopeOfFile(file: string): LibraryScope {
  const name = basename(file).toLowerCase();
  if (/test/.test(name)) return 'test';
  if (/dev|lint|doc/.test(name)) return 'dev';
  return 'runtime';
}

interface Walk {
  seen: Set<string>;
  visiting: string[];
  /** Line of the `-r` in the imported file, for libraries that come from an included file. */
  includeLine: number | undefined;
}

function readRequirements(text: string, file: string, ctx: ImportContext, result: ImportResult, walk: Walk): void {
  const scope = scopeOfFile(file);
  // Problems of an included file carry the `-r` line and say where in the included file.
  const at = (line: number): string => (file === ctx.file ? '' : `${file}:${line}: `);
  for (const { line, text: logical } of logicalLines(text)) {
    const where = walk.includeLine ?? line;
    const entry = logical.trim();
    if (entry === '') continue;
    const include = /^(?:-r|--requirement)(?:\s+|=)(\S+)/.exec(entry);
    if (include) {
      const target = joinPath(dirname(file), include[1]!);
      if (target === undefined) {
        result.problems.push({ line: where, message: `${at(line)}-r ${include[1]} points outside the repo; not read` });
        continue;
      }
      if (walk.visiting.includes(target)) {
        result.problems.push({
          line: where,
          message: `${at(line)}-r ${include[1]} includes itself (cycle ${[...walk.visiting, target].join(' → ')})`,
          severity: 'warning',
        });
        continue;
      }
      if (walk.visiting.length > MAX_INCLUDE_DEPTH) {
        result.problems.push({
          line: where,
          message: `${at(line)}-r includes nested deeper than ${MAX_INCLUDE_DEPTH}; not read`,
        });
        continue;
      }
      const included = ctx.readFile(target);
      if (included === undefined) {
        result.problems.push({ line: where, message: `${at(line)}-r ${include[1]}: ${target} not found in the repo` });
        continue;
      }
      readRequirements(included, target, ctx, result, {
        seen: walk.seen,
        visiting: [...walk.visiting, target],
        includeLine: where,
      });
      continue;
    }
    if (/^(-e|--editable)\b/.test(entry)) {
      result.problems.push({
        line: where,
        message: `${at(line)}editable requirement skipped (local or VCS checkout, not a released library)`,
        severity: 'warning',
      });
      continue;
    }
    // Other options: indexes, constraints, hashes on their own line, binary controls.
    if (entry.startsWith('-')) continue;
    // Paths and archive URLs name no package.
    if (/^(\.|\/|[a-z+]+:\/\/)/i.test(entry)) {
      result.problems.push({
        line: where,
        message: `${at(line)}${entry.split(/\s/)[0]} is a path or URL, not a package; skipped`,
        severity: 'warning',
      });
      continue;
    }
    const requirement = parseRequirement(entry.replace(/\s--?[a-z-]+(=|\s+)\S+/g, ''));
    if (!requirement) {
      result.problems.push({
        line: where,
        message: `${at(line)}cannot read the requirement ${JSON.stringify(entry)}`,
        hint: 'write name==version (PEP 508)',
      });
      continue;
    }
    const id = `${requirement.name}@${requirement.version ?? ''}`;
    if (walk.seen.has(id)) continue;
    walk.seen.add(id);
    result.libraries.push({
      ecosystem: 'pypi',
      name: requirement.name,
      version: requirement.version ?? requirement.url,
      scope,
      line: where,
      syntax: 'native',
    });
  }
}

/** Lines with comments removed and `\` continuations joined, each with its first line number. */
function logicalLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const lines = text.split(/\r?\n/);
  let buffer = '';
  let start = 0;
  lines.forEach((raw, index) => {
    if (buffer === '') start = index + 1;
    // A comment starts at `#` at the line start or after whitespace (a URL fragment `#egg=` is not one).
    const withoutComment = raw.replace(/(^|\s)#.*$/, '');
    if (withoutComment.endsWith('\\')) {
      buffer += withoutComment.slice(0, -1) + ' ';
      return;
    }
    out.push({ line: start, text: buffer + withoutComment });
    buffer = '';
  });
  if (buffer !== '') out.push({ line: start, text: buffer });
  return out;
}
