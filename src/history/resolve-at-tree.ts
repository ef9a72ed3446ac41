/**
 * `{ from: file }` entries resolved against a commit's tree instead of the disk: the same
 * importers and the same rules as src/crawl/resolve-imports.ts (keep the two in step; a
 * test compares them), with blobs read through a batch. Blobs not read yet are reported
 * back (`need`) so the caller fetches them all in one go and resolves again; nothing here
 * runs git.
 */
import { MAX_IMPORT_BYTES } from '../crawl/read-inside.js';
import { detectImporter, runImporter, servicesFor } from '../importers/index.js';
import { basename, dirname, joinPath } from '../importers/util/paths.js';
import { checkApiVersionPin, checkImagePin, checkPin } from '../manifest/pin/index.js';
import { purlFor } from '../manifest/purl.js';
import type { DockerPinLevel, LibraryDecl, Manifest, Problem, ServiceDecl } from '../manifest/types.js';
import { lookup, type Tree } from './tree.js';

export interface Blobs {
  /** A blob's bytes, or undefined when it has not been fetched yet. */
  get(oid: string): Buffer | undefined;
}

export interface ResolvedAt {
  manifest: Manifest;
  problems: Problem[];
  /** Blobs to fetch before the result is complete; empty when it is. */
  need: string[];
  /** Every path the result depends on: when none of them changes, neither does the result. */
  deps: string[];
}

/** Imports into a copy of `parsed` (which stays untouched: it is shared through a parse cache). */
export function resolveImportsAt(parsed: Manifest, tree: Tree, blobs: Blobs, docker: DockerPinLevel): ResolvedAt {
  const manifest: Manifest = { ...parsed, libraries: [...parsed.libraries], services: [...parsed.services] };
  const problems: Problem[] = [];
  const need = new Set<string>();
  const deps = new Set<string>();
  if (parsed.fromRefs.length === 0) return { manifest, problems, need: [], deps: [] };

  const manifestDir = dirname(parsed.file);
  const inlineLibraries = new Set(manifest.libraries.map((l) => `${l.purl}#${l.scope ?? ''}`));
  const inlineServices = new Set(manifest.services.map((s) => `${s.name}#${s.api ?? ''}`));
  const linkTarget = (oid: string) => {
    const bytes = blobs.get(oid);
    if (bytes === undefined) need.add(oid);
    return bytes?.toString('utf8');
  };
  const touch = (p: string) => deps.add(p);
  const read = (baseDir: string, relative: string): { ok: true; path: string; text: string } | { ok: false; reason: string; message: string } => {
    const found = lookup(tree, baseDir, relative, linkTarget, touch);
    if (!found.ok) return found.reason === 'link' ? { ok: false, reason: 'pending', message: '' } : found;
    const bytes = blobs.get(found.oid);
    if (bytes === undefined) {
      need.add(found.oid);
      return { ok: false, reason: 'pending', message: '' };
    }
    if (bytes.length > MAX_IMPORT_BYTES) {
      return { ok: false, reason: 'too-large', message: `"${relative}" is ${(bytes.length / 1048576).toFixed(1)} MB, over the ${MAX_IMPORT_BYTES / 1048576} MB limit` };
    }
    return { ok: true, path: found.path, text: bytes.toString('utf8') };
  };

  for (const ref of parsed.fromRefs) {
    const at = (message: string, hint?: string, code = 'import'): Problem => {
      const p: Problem = { severity: 'error', code, file: manifest.file, line: ref.pos.line, col: ref.pos.col, path: `${ref.section}.from`, message };
      if (hint) p.hint = hint;
      return p;
    };
    const file = read(manifestDir, ref.path);
    if (!file.ok) {
      if (file.reason === 'pending') continue;
      const escape = file.reason === 'escape';
      problems.push(at(file.message, escape ? 'a manifest can only import files of its own repo' : 'fix the path (it is relative to this manifest)', escape ? 'path-escape' : 'import'));
      continue;
    }
    // By name first (package-lock.json), else by content (a Kubernetes file in infra/app.yaml).
    const importer = detectImporter(ref.path, file.text);
    if (!importer) {
      problems.push(at(`no importer reads "${basename(ref.path)}"`, 'see the supported files in the README ("Supported import formats"), or list the entries inline', 'unsupported-import'));
      continue;
    }
    const importedFile = joinPath(manifestDir, ref.path) ?? file.path;
    const result = runImporter(importer, file.text, {
      file: importedFile,
      transitive: ref.transitive,
      // A monorepo package importing the root lockfile gets its own direct dependencies.
      workspace: manifestDir,
      readFile: (relative: string) => {
        const other = read('', relative);
        return other.ok ? other.text : undefined;
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
        if (inlineLibraries.has(key)) continue;
        inlineLibraries.add(key);
        const decl: LibraryDecl = {
          ecosystem: lib.ecosystem,
          name: lib.name,
          purl,
          pin: checkPin(lib.ecosystem, lib.version, { syntax: lib.syntax, docker }),
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
          decl.imagePin = checkImagePin(svc.image, docker);
        }
        manifest.services.push(decl);
      }
    }
  }
  return { manifest, problems, need: [...need], deps: [...deps] };
}
