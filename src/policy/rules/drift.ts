/**
 * drift: a library pinned inline in a manifest at a version other than the one its
 * lockfile resolved, or missing from that lockfile. The lockfiles of a manifest are those
 * in its folder and those it imports with `from:`; comparing is importers/drift.ts's job.
 * Reading the files is the caller's: this stays pure, given a reader of repo files.
 */
import path from 'node:path';
import type { RepoEntry } from '../../graph/types.js';
import { findDrift } from '../../importers/drift.js';
import type { importFile } from '../../importers/index.js';
import { LOCKFILE_NAMES } from '../../importers/lockfile-names.js';
import { readablePurl } from '../patterns.js';
import type { Finding } from '../types.js';
import { defineRule } from '../define-rule.js';

/** Reads a repo file by its repo-relative path; undefined when it does not exist or may not be read. */
export type RepoFileReader = (repo: RepoEntry, file: string) => string | undefined;

function lockfilesOf(manifest: RepoEntry['manifests'][number]): string[] {
  const dir = path.posix.dirname(manifest.file);
  const inDir = (name: string) => path.posix.normalize(path.posix.join(dir, name));
  const files = new Set(LOCKFILE_NAMES.map(inDir));
  for (const ref of manifest.fromRefs) {
    const file = inDir(ref.path);
    if (ref.section === 'libraries' && !file.startsWith('../') && file !== '..') files.add(file);
  }
  return [...files];
}

/** A lockfile beside (or imported by) a manifest with inline versions: what drift compares. */
export interface DriftCandidate {
  repo: RepoEntry;
  manifest: RepoEntry['manifests'][number];
  file: string;
  text: string;
}

/** The lockfiles there are to compare. */
export function driftCandidates(repos: readonly RepoEntry[], read: RepoFileReader): DriftCandidate[] {
  const out: DriftCandidate[] = [];
  for (const repo of repos) {
    for (const manifest of repo.manifests) {
      if (!manifest.libraries.some((l) => !l.importedFrom && l.version !== undefined)) continue;
      for (const file of lockfilesOf(manifest)) {
        const text = read(repo, file);
        if (text !== undefined) out.push({ repo, manifest, file, text });
      }
    }
  }
  return out;
}

/** Drift findings of the candidates, parsed with `importer` (the caller loads the importers). */
export function findDriftIn(
  candidates: readonly DriftCandidate[],
  read: RepoFileReader,
  importer: typeof importFile,
): Finding[] {
  const findings: Finding[] = [];
  for (const { repo, manifest, file, text } of candidates) {
    const dir = path.posix.dirname(manifest.file);
    const imported = importer(text, {
      file,
      transitive: true,
      workspace: dir === '.' ? '' : dir,
      readFile: (other) => read(repo, other),
    });
    const libraries = imported.libraries.filter((l) => l.syntax === 'resolved');
    if (libraries.length === 0) continue;
    for (const drift of findDrift(manifest, { file, libraries })) {
      findings.push({
        rule: 'drift',
        repo: repo.id,
        file: manifest.file,
        line: drift.line,
        col: drift.col,
        component: manifest.name,
        subject: `${readablePurl(drift.library)}:${file}`,
        message: drift.message,
        hint: drift.hint,
      });
    }
  }
  return findings;
}

export const drift = defineRule({
  summary: "A library pinned in depmap.yaml at a version other than its lockfile's, or missing from the lockfile.",
  help: 'Make the manifest and the lockfile agree: update the version in depmap.yaml, or take the libraries from the lockfile with { from: <lockfile> }.',
  orgWide: false,
  active: (input) => input.drift !== undefined,
  check: (input) => [...(input.drift ?? [])],
});
