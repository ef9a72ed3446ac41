/**
 * pip-tools: a `requirements.in` lists what a project asks for and `pip-compile` writes the
 * `requirements.txt` beside it with every package pinned, transitive ones included. Read
 * alone, the .txt would make every transitive pin a direct dependency; read with its .in,
 * the direct dependencies are the .in's names at the .txt's pins (resolved versions), and
 * the rest of the .txt is transitive.
 */
import type { ImportResult, ImportedLibrary } from '../types.js';

/** `requirements-dev.txt` → `requirements-dev.in`: the pip-tools source a compiled file has beside it. */
export function compiledSourceOf(file: string): string | undefined {
  return /\.txt$/.test(file) ? file.replace(/\.txt$/, '.in') : undefined;
}

/**
 * `locked`: what the .txt says; `direct`: what its .in says. Returns the direct ones at their
 * pins (the .txt's lines), then, with `transitive`, the others.
 */
export function compiledLibraries(
  locked: ImportResult,
  direct: ImportResult,
  source: string,
  transitive: boolean,
): ImportResult {
  const pins = new Map(locked.libraries.map((l) => [l.name, l]));
  const libraries: ImportedLibrary[] = [];
  const problems = [...locked.problems, ...direct.problems.map(({ line: _line, ...p }) => p)];
  const named = new Set<string>();
  for (const wanted of direct.libraries) {
    if (named.has(wanted.name)) continue;
    named.add(wanted.name);
    const pin = pins.get(wanted.name);
    if (!pin) {
      problems.push({
        message: `${wanted.name} is in ${source} but not pinned here; the file may need compiling again`,
        severity: 'warning',
      });
      libraries.push({ ...wanted, line: undefined });
      continue;
    }
    // A bare version is an exact pin (pep508.ts strips `==`); anything else is still a range.
    const exact = pin.version !== undefined && /^[0-9A-Za-z]/.test(pin.version) && !pin.version.includes('://');
    libraries.push({ ...pin, scope: wanted.scope ?? pin.scope, syntax: exact ? 'resolved' : 'native' });
  }
  if (transitive)
    for (const pin of locked.libraries)
      if (!named.has(pin.name)) libraries.push({ ...pin, syntax: 'resolved', transitive: true });
  return { ...locked, libraries, problems };
}
