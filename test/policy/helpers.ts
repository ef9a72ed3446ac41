/** Repos and check inputs built from manifest texts, without a disk: for rule tests. */
import { buildSnapshot } from '../../src/graph/build-graph.js';
import type { RepoEntry } from '../../src/graph/types.js';
import { parseManifest } from '../../src/manifest/parse.js';
import type { DockerPinLevel } from '../../src/manifest/types.js';
import type { CheckInput } from '../../src/policy/input.js';
import { defaultPolicy, type Policy } from '../../src/policy/policy.js';
import { runChecks } from '../../src/policy/run-checks.js';
import type { RuleId, Violation } from '../../src/policy/types.js';

/** A repo whose files are manifests (path → YAML), parsed like the crawler parses them. */
export function repo(id: string, files: Record<string, string>, docker: DockerPinLevel = 'exact'): RepoEntry {
  const entry: RepoEntry = { id, source: id, manifests: [], problems: [], status: 'ok' };
  for (const [file, text] of Object.entries(files)) {
    const result = parseManifest(text, file, { docker });
    for (const p of result.problems) entry.problems.push({ ...p, file: `${id}/${file}` });
    if (result.manifest) entry.manifests.push(result.manifest);
  }
  if (entry.problems.some((p) => p.severity === 'error')) entry.status = 'failed';
  return entry;
}

/** A one-manifest repo named after its component. */
export function component(name: string, body: string): RepoEntry {
  return repo(name, { 'depmap.yaml': `depmap: 1\nname: ${name}\nkind: service\n${body}` });
}

export interface CheckOptions {
  policy?: Partial<Policy>;
  scope?: CheckInput['scope'];
  docker?: DockerPinLevel;
  base?: RepoEntry[];
  ref?: string;
}

export function check(repos: RepoEntry[], options: CheckOptions = {}): Violation[] {
  const input: CheckInput = {
    snapshot: buildSnapshot(repos, 'depmap test'),
    policy: { ...defaultPolicy(), ...options.policy },
    scope: options.scope ?? 'org',
    docker: options.docker ?? 'exact',
  };
  if (options.base) input.base = { ref: options.ref ?? 'main', repos: new Map(options.base.map((r) => [r.id, r])) };
  return runChecks(input).violations;
}

/** Violations of one rule, as `path:line rule: message` lines for readable assertions. */
export function of(violations: Violation[], rule: RuleId): string[] {
  return violations.filter((v) => v.rule === rule).map((v) => `${v.path}:${v.line} ${v.severity}: ${v.message}`);
}
