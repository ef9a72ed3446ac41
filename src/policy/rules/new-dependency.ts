/**
 * new-dependency: with `--base`, every library or service a component depends on now and
 * did not at the base revision, unless an allow pattern matches. A version bump is not a
 * new dependency; a removal is never a violation. A component that did not exist at the
 * base brings all of its dependencies in new. Transitive libraries from lockfiles are left
 * out unless the policy asks for them: nobody chose them in review.
 */
import type { RepoEntry } from '../../graph/types.js';
import { libraryUses, serviceUses } from '../declarations.js';
import type { CheckInput } from '../input.js';
import { compilePatterns, readablePurl, type DependencyRef } from '../patterns.js';
import type { Finding } from '../types.js';

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

export function newDependencyRule(input: CheckInput): Finding[] {
  const base = input.base;
  if (!base) return [];
  const { allow, transitive } = input.policy.newDependency;
  const allowed = compilePatterns(allow);
  const findings: Finding[] = [];
  const hint = (what: string) => `if it is wanted, add ${JSON.stringify(what)} (or a pattern matching it) to rules.new-dependency.allow in the policy`;

  for (const repo of input.snapshot.repos) {
    const before = base.repos.get(repo.id);
    if (!before) continue;
    const known = dependencyKeys([before], transitive);
    const seen = new Set<string>();
    for (const { manifest, lib, at } of libraryUses([repo])) {
      if (lib.transitive && !transitive) continue;
      const name = readablePurl(lib.purl);
      const key = `${manifest.name}\0${name}`;
      if (known.has(key) || seen.has(key)) continue;
      seen.add(key);
      const ref: DependencyRef = lib.version === undefined ? { kind: 'library', purl: lib.purl } : { kind: 'library', purl: lib.purl, version: lib.version };
      if (allowed(ref)) continue;
      findings.push({ rule: 'new-dependency', ...at, component: manifest.name, subject: name, message: `new dependency ${name}${lib.version ? `@${lib.version}` : ''}: not used by ${manifest.name} at ${base.ref}`, hint: hint(name) });
    }
    for (const { manifest, svc, at } of serviceUses([repo])) {
      const key = `${manifest.name}\0service:${svc.name}`;
      if (known.has(key) || seen.has(key)) continue;
      seen.add(key);
      if (allowed({ kind: 'service', name: svc.name })) continue;
      if (svc.image !== undefined && allowed({ kind: 'image', image: svc.image })) continue;
      const what = svc.kind === 'service' ? 'service' : svc.kind;
      findings.push({ rule: 'new-dependency', ...at, component: manifest.name, subject: `service:${svc.name}`, message: `new dependency on ${what} ${svc.name}: not called by ${manifest.name} at ${base.ref}`, hint: hint(svc.name) });
    }
  }
  return findings;
}
