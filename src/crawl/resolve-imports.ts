/**
 * Resolves a manifest's `{ from: file }` entries: reads the file inside the repo and turns
 * it into libraries or service references through the importer registry.
 */
import path from 'node:path';
import { detectImporter, runImporter, servicesFor } from '../importers/index.js';
import { checkApiVersionPin, checkImagePin, checkPin } from '../manifest/pin/index.js';
import { purlFor } from '../manifest/purl.js';
import type { DockerPinLevel, LibraryDecl, Manifest, Problem, ServiceDecl } from '../manifest/types.js';
import { readInside, readInsideSync } from './read-inside.js';

export interface ImportLocation {
  /** Absolute path of the repo root: nothing outside it is read. */
  repoRoot: string;
  /** Absolute path of the manifest. */
  manifestPath: string;
  docker: DockerPinLevel;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/** Adds the imported entries to `manifest` and returns the problems met on the way. */
export async function resolveImports(manifest: Manifest, where: ImportLocation): Promise<Problem[]> {
  const problems: Problem[] = [];
  const manifestDir = path.dirname(where.manifestPath);
  const inlineLibraries = new Set(manifest.libraries.map((l) => `${l.purl}#${l.scope ?? ''}`));
  const inlineServices = new Set(manifest.services.map((s) => `${s.name}#${s.api ?? ''}`));

  for (const ref of manifest.fromRefs) {
    const at = (message: string, hint?: string, code = 'import'): Problem => {
      const p: Problem = { severity: 'error', code, file: manifest.file, line: ref.pos.line, col: ref.pos.col, path: `${ref.section}.from`, message };
      if (hint) p.hint = hint;
      return p;
    };
    const read = await readInside(where.repoRoot, manifestDir, ref.path);
    if (!read.ok) {
      problems.push(at(read.message, read.reason === 'escape' ? 'a manifest can only import files of its own repo' : 'fix the path (it is relative to this manifest)', read.reason === 'escape' ? 'path-escape' : 'import'));
      continue;
    }
    const text = read.bytes.toString('utf8');
    // By name first (package-lock.json), else by content (a Kubernetes file in infra/app.yaml).
    const importer = detectImporter(ref.path, text);
    if (!importer) {
      problems.push(at(`no importer reads "${path.basename(ref.path)}"`, 'see the supported files in the README ("Supported import formats"), or list the entries inline', 'unsupported-import'));
      continue;
    }
    const importedFile = toPosix(path.relative(where.repoRoot, path.resolve(manifestDir, ref.path)));
    const workspace = toPosix(path.relative(where.repoRoot, manifestDir));
    const result = runImporter(importer, text, {
      file: importedFile,
      transitive: ref.transitive,
      // A monorepo package importing the root lockfile gets its own direct dependencies.
      workspace,
      readFile: (relative: string) => {
        const other = readInsideSync(where.repoRoot, where.repoRoot, relative);
        return other.ok ? other.bytes.toString('utf8') : undefined;
      },
    });
    for (const p of result.problems) {
      const problem: Problem = { severity: p.severity ?? 'error', code: 'import', file: importedFile, line: p.line ?? 1, col: 1, path: '', message: p.message };
      if (p.hint) problem.hint = p.hint;
      problems.push(problem);
    }
    if (ref.section === 'libraries') {
      for (const lib of result.libraries) {
        let purl: string;
        try {
          purl = purlFor(lib.ecosystem, lib.name);
        } catch {
          continue;
        }
        const key = `${purl}#${lib.scope ?? ''}`;
        if (inlineLibraries.has(key)) continue; // inline wins; the drift rule compares them
        inlineLibraries.add(key);
        const decl: LibraryDecl = {
          ecosystem: lib.ecosystem,
          name: lib.name,
          purl,
          pin: checkPin(lib.ecosystem, lib.version, { syntax: lib.syntax, docker: where.docker }),
          pos: ref.pos,
          importedFrom: lib.line === undefined ? { file: importedFile } : { file: importedFile, line: lib.line },
        };
        if (lib.version !== undefined) decl.version = lib.version;
        if (lib.scope !== undefined) decl.scope = lib.scope;
        if (lib.transitive) decl.transitive = true;
        manifest.libraries.push(decl);
      }
    } else {
      for (const svc of servicesFor(result, manifest.name)) {
        const key = `${svc.name}#${svc.api ?? ''}`;
        if (inlineServices.has(key)) continue;
        inlineServices.add(key);
        const needsVersion = svc.kind === 'service' || svc.version !== undefined;
        const decl: ServiceDecl = {
          name: svc.name,
          kind: svc.kind,
          critical: false,
          pin: needsVersion ? checkApiVersionPin(svc.version) : { pinned: true },
          pos: ref.pos,
          importedFrom: svc.line === undefined ? { file: importedFile } : { file: importedFile, line: svc.line },
        };
        if (svc.protocol !== undefined) decl.protocol = svc.protocol;
        if (svc.api !== undefined) decl.api = svc.api;
        if (svc.version !== undefined) decl.version = svc.version;
        if (svc.url !== undefined) decl.url = svc.url;
        if (svc.evidence !== undefined) decl.evidence = svc.evidence;
        if (svc.image !== undefined) {
          decl.image = svc.image;
          decl.imagePin = checkImagePin(svc.image, where.docker);
        }
        manifest.services.push(decl);
      }
    }
  }
  return problems;
}
