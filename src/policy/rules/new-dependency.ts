/**
 * new-dependency: with `--base`, every library or service a component depends on now and
 * did not at the base revision, unless an allow pattern matches. A version bump is not a
 * new dependency; a removal is never a violation. A component that did not exist at the
 * base brings all of its dependencies in new. Transitive libraries from lockfiles are left
 * out unless the policy asks for them: nobody chose them in review. A manifest that was
 * invalid at the base (or whose imports were) says nothing of what was used then: its
 * dependencies are not judged, and one warning says so instead of a flood of false news.
 * A repo that had no manifest at all at the base is adopting depmap in this change: nothing
 * of it is judged new, and one note says so (adoptionNotes).
 */
import path from 'node:path';
import type { RepoEntry } from '../../graph/types.js';
import { libraryUses, serviceUses } from '../declarations.js';
import { defineRule } from '../define-rule.js';
import type { CheckInput } from '../input.js';
import { compilePatterns, readablePurl, type DependencyRef } from '../patterns.js';
import type { Finding, Note } from '../types.js';

/** `component\0dependency` keys of everything the repos depend on. */
function dependencyKeys(repos: readonly RepoEntry[], transitive: boolean): Set<string> {
  const keys = new Set<string>();
  for (const { manifest, lib } of libraryUses(repos)) {
    if (lib.transitive && !transitive) continue;
    keys.add(`${manifest.name}\0${readablePurl(lib.purl)}`);
  }
  for (const { manifest, svc } of serviceUses(repos)) keys.add(`${manifest.name}\0service:${svc.name}`);
  return keys;
}

/** Manifest files (repo-relative) that could not be read whole at the base, with the first reason. */
function invalidAtBase(before: RepoEntry): Map<string, string> {
  // An imported file's problems point at that file: lead them back to the manifests importing it.
  const importers = new Map<string, string[]>();
  for (const manifest of before.manifests) {
    for (const ref of manifest.fromRefs) {
      const file = path.posix.normalize(path.posix.join(path.posix.dirname(manifest.file), ref.path));
      importers.set(file, [...(importers.get(file) ?? []), manifest.file]);
    }
  }
  const invalid = new Map<string, string>();
  for (const p of before.problems) {
    if (p.severity !== 'error') continue;
    const what = `${p.path ? `${p.path}: ` : ''}${p.message}`;
    for (const file of importers.get(p.file) ?? [p.file]) {
      if (!invalid.has(file))
        invalid.set(file, file === p.file ? `line ${p.line}: ${what}` : `${p.file}:${p.line}: ${what}`);
    }
  }
  return invalid;
}

/** The base had no manifest in this repo, and now it has: the change that adopts depmap. */
function adopting(before: RepoEntry, now: RepoEntry): boolean {
  return before.status === 'no-manifest' && before.manifests.length === 0 && now.manifests.length > 0;
}

/** One note per repo that adopts depmap in the change under check. */
function adoptionNotes(input: CheckInput): Note[] {
  const base = input.base;
  if (!base) return [];
  const notes: Note[] = [];
  for (const repo of input.snapshot.repos) {
    const before = base.repos.get(repo.id);
    if (!before || !adopting(before, repo)) continue;
    const first = repo.manifests[0] as RepoEntry['manifests'][number];
    notes.push({
      rule: 'new-dependency',
      repo: repo.id,
      file: first.file,
      message: `the base (${base.ref}) had no depmap.yaml: this change adopts depmap, so its dependencies are not judged new; new-dependency applies from the next change on`,
    });
  }
  return notes;
}

function check(input: CheckInput): Finding[] {
  const base = input.base;
  if (!base) return [];
  const { allow, transitive } = input.policy.newDependency;
  const allowed = compilePatterns(allow);
  const findings: Finding[] = [];
  const hint = (what: string) =>
    `if it is wanted, add ${JSON.stringify(what)} (or a pattern matching it) to rules.new-dependency.allow in the policy`;

  for (const repo of input.snapshot.repos) {
    const before = base.repos.get(repo.id);
    if (!before || adopting(before, repo)) continue;
    const known = dependencyKeys([before], transitive);
    const seen = new Set<string>();
    const invalid = invalidAtBase(before);
    for (const manifest of repo.manifests) {
      const reason = invalid.get(manifest.file);
      if (reason === undefined) continue;
      findings.push({
        rule: 'new-dependency',
        repo: repo.id,
        file: manifest.file,
        line: 1,
        col: 1,
        component: manifest.name,
        subject: `invalid-at-base:${manifest.file}`,
        message: `${path.posix.basename(manifest.file)} was invalid at ${base.ref}: ${reason}; new dependencies not judged`,
        hint: `nothing to allow: its dependencies are judged again once the base has a valid ${path.posix.basename(manifest.file)}`,
        maxSeverity: 'warn',
      });
    }
    for (const { manifest, lib, at } of libraryUses([repo])) {
      if (invalid.has(manifest.file)) continue;
      if (lib.transitive && !transitive) continue;
      const name = readablePurl(lib.purl);
      const key = `${manifest.name}\0${name}`;
      if (known.has(key) || seen.has(key)) continue;
      seen.add(key);
      const ref: DependencyRef =
        lib.version === undefined
          ? { kind: 'library', purl: lib.purl }
          : { kind: 'library', purl: lib.purl, version: lib.version };
      if (allowed(ref)) continue;
      findings.push({
        rule: 'new-dependency',
        ...at,
        component: manifest.name,
        subject: name,
        message: `new dependency ${name}${lib.version ? `@${lib.version}` : ''}: not used by ${manifest.name} at ${base.ref}`,
        hint: hint(name),
      });
    }
    for (const { manifest, svc, at } of serviceUses([repo])) {
      if (invalid.has(manifest.file)) continue;
      const key = `${manifest.name}\0service:${svc.name}`;
      if (known.has(key) || seen.has(key)) continue;
      seen.add(key);
      if (allowed({ kind: 'service', name: svc.name })) continue;
      if (svc.image !== undefined && allowed({ kind: 'image', image: svc.image })) continue;
      const what = svc.kind === 'service' ? 'service' : svc.kind;
      findings.push({
        rule: 'new-dependency',
        ...at,
        component: manifest.name,
        subject: `service:${svc.name}`,
        message: `new dependency on ${what} ${svc.name}: not called by ${manifest.name} at ${base.ref}`,
        hint: hint(svc.name),
      });
    }
  }
  return findings;
}

export const newDependency = defineRule({
  summary: 'A library or service dependency that is absent at the base revision and not allowed by the policy.',
  help: 'New dependencies are reviewed before they land. Add the dependency to the allow list of the policy (rules.new-dependency.allow) or remove it.',
  orgWide: false,
  options: ({ z, pattern }) => ({
    allow: z.array(pattern).optional().meta({ description: 'Dependencies that may be added without review.' }),
    transitive: z
      .boolean()
      .optional()
      .meta({ description: 'Also judge transitive dependencies taken from lockfiles (default false).' }),
  }),
  normalize: (raw, policy) => {
    policy.newDependency = { allow: raw.allow ?? [], transitive: raw.transitive ?? false };
  },
  active: (input) => input.base !== undefined,
  notes: adoptionNotes,
  check,
});
