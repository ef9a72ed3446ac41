/**
 * The results of importing several files of one catalog (a folder of Backstage files, whose
 * Locations also read each other) as one result: each node, call and library once. A node is
 * the same node when it has the same name, file and line (read twice: directly and through a
 * Location); the same name declared at two places is a problem naming both, and the first,
 * in file order, is kept. Every entry is tagged with the file it came from, so what the
 * catalog says points at its own file.
 */
import { emptyResult, type ImportResult } from '../importers/types.js';
import { subjectOf } from './catalog-repo.js';

export interface FileResult {
  /** Repo-relative path of the file that was imported. */
  file: string;
  result: ImportResult;
}

export function mergeResults(files: readonly FileResult[]): ImportResult {
  const merged = emptyResult();
  const nodes = new Map<string, { file: string; line?: number }>();
  const edges = new Set<string>();
  const libraries = new Set<string>();
  const problems = new Set<string>();
  for (const { file, result } of files) {
    for (const p of result.problems) {
      // A file read directly and through a Location reports its problems once.
      const at = p.file ?? file;
      const key = JSON.stringify([at, p.line ?? 0, p.message]);
      if (problems.has(key)) continue;
      problems.add(key);
      merged.problems.push({ ...p, file: at });
    }
    for (const component of result.components) {
      const at = { file: component.file ?? file, ...(component.line !== undefined ? { line: component.line } : {}) };
      const known = nodes.get(component.name);
      if (known) {
        if (known.file !== at.file || known.line !== at.line)
          merged.problems.push({
            severity: 'warning',
            file: at.file,
            ...(at.line !== undefined ? { line: at.line } : {}),
            message: `"${component.name}" is declared again here; the first declaration (${known.file}${known.line !== undefined ? `:${known.line}` : ''}) is kept`,
          });
        continue;
      }
      nodes.set(component.name, at);
      merged.components.push({ ...component, file: at.file });
    }
    for (const edge of result.edges) {
      const at = edge.file ?? file;
      const key = JSON.stringify([edge.from, edge.to, edge.api ?? '', edge.protocol ?? '', at, edge.line ?? 0]);
      if (edges.has(key)) continue;
      edges.add(key);
      merged.edges.push({ ...edge, file: at });
    }
    // A library no component claims is the file's subject's: said now, before files mix.
    const subject = subjectOf(result);
    for (const found of result.libraries) {
      const library = found.usedBy === undefined && subject !== undefined ? { ...found, usedBy: [subject] } : found;
      const key = JSON.stringify([
        library.ecosystem,
        library.name,
        library.version ?? '',
        library.scope ?? '',
        library.usedBy ?? [],
      ]);
      if (libraries.has(key)) continue;
      libraries.add(key);
      merged.libraries.push(library);
    }
  }
  return merged;
}
