/**
 * Resolves a manifest's `{ from: file }` entries against the files of a repo on disk: reads
 * stay inside the repo (`../` and symlinks checked by readInsideSync), the mapping onto
 * declarations is src/importers/apply-imports.ts.
 */
import path from 'node:path';
import { applyImports, type ReadResult } from '../importers/apply-imports.js';
import type { DockerPinLevel, Manifest, Problem } from '../manifest/types.js';
import { readInsideSync } from './read-inside.js';

export interface ImportLocation {
  /** Absolute path of the repo root (the git top level): nothing outside it is read. */
  repoRoot: string;
  /**
   * Absolute path the manifest's own paths are relative to, when a folder inside the repo was
   * given (a monorepo package); imported file names are reported relative to it too.
   */
  reportRoot?: string;
  /** Absolute path of the manifest. */
  manifestPath: string;
  docker: DockerPinLevel;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/** Adds the imported entries to `manifest` and returns the problems met on the way. */
export async function resolveImports(manifest: Manifest, where: ImportLocation): Promise<Problem[]> {
  if (manifest.fromRefs.length === 0) return [];
  const manifestDir = toPosix(path.relative(where.repoRoot, path.dirname(where.manifestPath)));
  const libraries = manifest.libraries.length;
  const services = manifest.services.length;
  const problems = applyImports(
    manifest,
    manifestDir,
    {
      read: (dir: string, relative: string): ReadResult => {
        const base = path.join(where.repoRoot, dir);
        const result = readInsideSync(where.repoRoot, base, relative);
        if (!result.ok) return result;
        return {
          ok: true,
          path: toPosix(path.relative(where.repoRoot, path.resolve(base, relative))),
          text: result.bytes.toString('utf8'),
        };
      },
    },
    where.docker,
  );
  const reportRoot = where.reportRoot;
  if (reportRoot === undefined || reportRoot === where.repoRoot) return problems;
  // Importers work in repo coordinates; people read paths from the folder they gave.
  const report = (file: string) => toPosix(path.relative(reportRoot, path.join(where.repoRoot, file)));
  for (const decl of [...manifest.libraries.slice(libraries), ...manifest.services.slice(services)]) {
    if (decl.importedFrom) decl.importedFrom = { ...decl.importedFrom, file: report(decl.importedFrom.file) };
  }
  return problems.map((p) => (p.file === manifest.file ? p : { ...p, file: report(p.file) }));
}
