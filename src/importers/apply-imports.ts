/**
 * A manifest's `{ from: file }` entries turned into declarations: the one place that maps
 * what the importers found onto LibraryDecl and ServiceDecl, shared by the crawler (files on
 * disk), history (blobs of a commit) and discovery. Pure: files come through `ImportFiles`.
 */
import { checkApiVersionPin, checkImagePin, checkPin } from '../manifest/pin/index.js';
import { purlFor } from '../manifest/purl.js';
import type {
  DockerPinLevel,
  LibraryDecl,
  Manifest,
  PinVerdict,
  Position,
  Problem,
  ServiceDecl,
} from '../manifest/types.js';
import { detectImporter, runImporter, servicesFor } from './index.js';
import { librariesFor } from './services-for.js';
import type { ImportedLibrary, ImportedServiceRef, ImportProblem } from './types.js';
import { basename, dirname } from '../util/paths.js';

export type ReadResult =
  | { ok: true; /** repo-relative, `/`-separated */ path: string; text: string }
  | { ok: false; reason: 'pending' | 'escape' | 'missing' | 'too-large' | 'unreadable' | string; message: string };

export interface ImportFiles {
  /**
   * A file named `relative` to the repo folder `dir` ('' for the root), refused when it
   * leaves the repo. `pending` means "not available yet, ask again later" (history batches
   * its blob reads); such entries are skipped without a problem.
   */
  read(dir: string, relative: string): ReadResult;
}

/** A library from an importer as a declaration (`undefined` when its name makes no purl). */
export function libraryDecl(
  lib: ImportedLibrary,
  file: string,
  pos: Position,
  docker: DockerPinLevel,
): LibraryDecl | undefined {
  let purl: string;
  try {
    purl = purlFor(lib.ecosystem, lib.name);
  } catch {
    return undefined;
  }
  const decl: LibraryDecl = {
    ecosystem: lib.ecosystem,
    name: lib.name,
    purl,
    pin: checkPin(lib.ecosystem, lib.version, { syntax: lib.syntax, docker, name: lib.name }),
    pos,
    importedFrom: lib.line === undefined ? { file } : { file, line: lib.line },
  };
  if (lib.version !== undefined) decl.version = lib.version;
  if (lib.scope !== undefined) decl.scope = lib.scope;
  if (lib.transitive) decl.transitive = true;
  return decl;
}

/**
 * An importer's problem as a manifest problem, in `file` (the imported file), or in the other
 * file the import read when it says so (a Backstage Location's target).
 */
export function importProblem(p: ImportProblem, file: string): Problem {
  const problem: Problem = {
    severity: p.severity ?? 'error',
    code: 'import',
    file: p.file ?? file,
    line: p.line ?? 1,
    col: 1,
    path: '',
    message: p.message,
  };
  if (p.hint) problem.hint = p.hint;
  return problem;
}

/**
 * A discovered service call without a version: no deployment file says one, so there is nothing
 * to pin and nothing to report (frozen and shared, like the pinned verdicts).
 */
const UNVERSIONED: PinVerdict = Object.freeze({
  pinned: true,
  unversioned: true,
  reason: 'discovered from deployment files; no API version declared',
});

/**
 * A service reference from an importer as a declaration. Internal services need an API
 * version to be pinned; infrastructure and third parties are judged on their image. A
 * `discovered` service call (`scan --discover`, not a manifest's `from:`) without a version
 * is unversioned rather than unpinned: nobody declared it, so nobody can pin it. Its image
 * is judged all the same.
 */
export function serviceDecl(
  svc: Omit<ImportedServiceRef, 'evidence'> & { evidence?: string },
  file: string,
  pos: Position,
  docker: DockerPinLevel,
  options: { discovered?: boolean } = {},
): ServiceDecl {
  const needsVersion = svc.kind === 'service' || svc.version !== undefined;
  const decl: ServiceDecl = {
    name: svc.name,
    kind: svc.kind,
    critical: false,
    pin: !needsVersion
      ? { pinned: true }
      : options.discovered && svc.version === undefined
        ? UNVERSIONED
        : checkApiVersionPin(svc.version),
    pos,
    importedFrom: svc.line === undefined ? { file } : { file, line: svc.line },
  };
  if (svc.protocol !== undefined) decl.protocol = svc.protocol;
  if (svc.api !== undefined) decl.api = svc.api;
  if (svc.version !== undefined) decl.version = svc.version;
  if (svc.url !== undefined) decl.url = svc.url;
  if (svc.evidence !== undefined) decl.evidence = svc.evidence;
  if (svc.image !== undefined) {
    decl.image = svc.image;
    decl.imagePin = checkImagePin(svc.image, docker);
  }
  return decl;
}

/**
 * Adds the entries of every `from:` of `manifest` (in place) and returns the problems met.
 * Inline entries win over imported ones: the drift rule compares the two.
 */
export function applyImports(
  manifest: Manifest,
  manifestDir: string,
  files: ImportFiles,
  docker: DockerPinLevel,
): Problem[] {
  const problems: Problem[] = [];
  const inlineLibraries = new Set(manifest.libraries.map((l) => `${l.purl}#${l.scope ?? ''}`));
  const versionsOf = new Map<string, Set<string>>();
  for (const l of manifest.libraries) {
    const key = `${l.purl}#${l.scope ?? ''}`;
    versionsOf.set(key, (versionsOf.get(key) ?? new Set()).add(l.version ?? ''));
  }
  const inlineServices = new Set(manifest.services.map((s) => `${s.name}#${s.api ?? ''}`));
  for (const ref of manifest.fromRefs) {
    const at = (message: string, hint: string, code: string): Problem => ({
      severity: 'error',
      code,
      file: manifest.file,
      line: ref.pos.line,
      col: ref.pos.col,
      path: ref.index === undefined ? `${ref.section}.from` : `${ref.section}[${ref.index}].from`,
      message,
      hint,
    });
    const file = files.read(manifestDir, ref.path);
    if (!file.ok) {
      if (file.reason === 'pending') continue;
      const escape = file.reason === 'escape';
      problems.push(
        at(
          file.message,
          escape
            ? 'a manifest can only import files of its own repo'
            : 'fix the path (it is relative to this manifest)',
          escape ? 'path-escape' : 'import',
        ),
      );
      continue;
    }
    // By name first (package-lock.json), else by content (a Kubernetes file in infra/app.yaml).
    const importer = detectImporter(ref.path, file.text);
    if (!importer) {
      problems.push(
        at(
          `no importer reads "${basename(ref.path)}"`,
          'see the supported files (https://github.com/depmap-dev/depmap/blob/main/docs/import-formats.md), or list the entries inline',
          'unsupported-import',
        ),
      );
      continue;
    }
    const result = runImporter(importer, file.text, {
      file: file.path,
      transitive: ref.transitive,
      // A monorepo package importing the root lockfile gets its own direct dependencies.
      workspace: manifestDir,
      readFile: (relative: string) => {
        const other = files.read('', relative);
        return other.ok ? other.text : undefined;
      },
    });
    for (const p of result.problems) problems.push(importProblem(p, file.path));
    if (ref.section === 'libraries' && result.libraries.length === 0 && result.problems.length === 0) {
      // Silence here would hide a moved package or a stale lockfile: say so.
      const lockDir = dirname(file.path);
      problems.push({
        ...at(
          `"${ref.path}" gave no libraries${manifestDir !== lockDir ? ` for ${manifestDir || 'the repo root'}` : ''}`,
          manifestDir !== lockDir
            ? `is ${manifestDir} a workspace of ${file.path}? Run the package manager to update the lockfile, or import the package's own file`
            : 'check it is the right file, or remove the entry',
          'import-empty',
        ),
        severity: 'warning',
      });
    }
    if (ref.section === 'libraries') {
      for (const lib of librariesFor(result, manifest.name)) {
        const decl = libraryDecl(lib, file.path, ref.pos, docker);
        if (!decl) continue;
        const key = `${decl.purl}#${decl.scope ?? ''}`;
        const version = decl.version ?? '';
        if (decl.transitive) {
          // A package at another version than those already listed (a nested copy) is kept:
          // who runs what must not lose it.
          if (versionsOf.get(key)?.has(version)) continue;
        } else if (inlineLibraries.has(key)) continue;
        inlineLibraries.add(key);
        versionsOf.set(key, (versionsOf.get(key) ?? new Set()).add(version));
        manifest.libraries.push(decl);
      }
    } else {
      for (const svc of servicesFor(result, manifest.name)) {
        const key = `${svc.name}#${svc.api ?? ''}`;
        if (inlineServices.has(key)) continue;
        inlineServices.add(key);
        manifest.services.push(serviceDecl(svc, file.path, ref.pos, docker));
      }
    }
  }
  return problems;
}
