/** Where a manifest, or a file it imports, is invalid at a commit. */
import type { Problem } from '../manifest/types.js';
import type { InvalidAt } from './types.js';

/** A manifest that does not parse, at its first error (the whole file when the parser gave none). */
export function invalidManifest(error: Problem | undefined, file: string): InvalidAt {
  if (!error) return { file, line: 1, col: 1, message: 'not a valid manifest' };
  return {
    file: error.file,
    line: error.line,
    col: error.col,
    message: `${error.path ? `${error.path}: ` : ''}${error.message}`,
  };
}

/** An import that fails: the manifest is still mapped, with what could be imported. */
export function invalidImport(error: Problem): InvalidAt {
  return { file: error.file, line: error.line, col: error.col, message: error.message };
}

export function sameInvalid(a: InvalidAt, b: InvalidAt): boolean {
  return a.file === b.file && a.line === b.line && a.col === b.col && a.message === b.message;
}
