/**
 * Every dependency a repo declares, with the place to point at: the manifest line, or the
 * line of the lockfile or compose file it was imported from.
 */
import type { LibraryDecl, Manifest, Provided, ServiceDecl } from '../manifest/types.js';
import type { RepoEntry } from '../graph/types.js';
import { readablePurl } from './patterns.js';
import type { FindingLocation } from './types.js';

export interface LibraryUse {
  repo: RepoEntry;
  manifest: Manifest;
  lib: LibraryDecl;
  at: FindingLocation;
}

export interface ServiceUse {
  repo: RepoEntry;
  manifest: Manifest;
  svc: ServiceDecl;
  at: FindingLocation;
}

export interface ProvidedDecl {
  repo: RepoEntry;
  manifest: Manifest;
  provided: Provided;
  at: FindingLocation;
}

function locate(
  repo: RepoEntry,
  manifest: Manifest,
  pos: { line: number; col: number },
  importedFrom?: { file: string; line?: number },
): FindingLocation {
  if (importedFrom) return { repo: repo.id, file: importedFrom.file, line: importedFrom.line ?? 1, col: 1 };
  return { repo: repo.id, file: manifest.file, line: pos.line, col: pos.col };
}

export function* libraryUses(repos: readonly RepoEntry[]): Generator<LibraryUse> {
  for (const repo of repos) {
    for (const manifest of repo.manifests) {
      for (const lib of manifest.libraries)
        yield { repo, manifest, lib, at: locate(repo, manifest, lib.pos, lib.importedFrom) };
    }
  }
}

export function* serviceUses(repos: readonly RepoEntry[]): Generator<ServiceUse> {
  for (const repo of repos) {
    for (const manifest of repo.manifests) {
      for (const svc of manifest.services)
        yield { repo, manifest, svc, at: locate(repo, manifest, svc.pos, svc.importedFrom) };
    }
  }
}

export function* providedApis(repos: readonly RepoEntry[]): Generator<ProvidedDecl> {
  for (const repo of repos) {
    for (const manifest of repo.manifests) {
      for (const provided of manifest.provides)
        yield { repo, manifest, provided, at: locate(repo, manifest, provided.pos) };
    }
  }
}

/** `pkg:npm/@acme/x` or `pkg:npm/@acme/x [dev]`: how findings name a library. */
export function libraryLabel(lib: LibraryDecl): string {
  return readablePurl(lib.purl);
}

export function librarySubject(lib: LibraryDecl): string {
  return lib.scope ? `${readablePurl(lib.purl)} [${lib.scope}]` : readablePurl(lib.purl);
}
