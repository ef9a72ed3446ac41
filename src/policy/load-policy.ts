/**
 * Policy text → a normalized Policy, or a PolicyError listing every problem at
 * file:line:col with a did-you-mean. Pure: the CLI reads the file; a `policy:` section of
 * depmap.config.yaml arrives already loaded, with its positions.
 */
import { ConfigError, formatLocation } from '../errors.js';
import { loadYaml, loadYamlBytes, type LoadedYaml } from '../manifest/load-yaml.js';
import { problemAt } from '../manifest/problem.js';
import { explainIssues, formatPath, valueAt, type IssueDialect, type Path } from '../manifest/zod-issues.js';
import type { Problem } from '../manifest/types.js';
import { defaultPolicy, type Policy } from './policy.js';
import { policySchemas, SEVERITIES, type RawPolicy } from './schema.js';
import { RULE_IDS, RULES, type RuleId } from './types.js';

export const POLICY_FILE_NAMES = ['depmap.policy.yaml', 'depmap.policy.yml'];

/** A policy that cannot be used; lists every problem found, not just the first. */
export class PolicyError extends ConfigError {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const first = problems[0];
    super(
      first ? first.message : 'invalid policy',
      first ? { location: { file: first.file, line: first.line, col: first.col } } : {},
    );
    this.problems = problems;
  }

  override describe(): string {
    const lines = this.problems.map(
      (p) => `${formatLocation(p)}: ${p.path ? `${p.path}: ` : ''}${p.message}${p.hint ? `\n  hint: ${p.hint}` : ''}`,
    );
    return `invalid policy\n${lines.join('\n')}`;
  }
}

/** Parses the bytes of a policy file (depmap.policy.yaml). */
export function parsePolicyBytes(bytes: Uint8Array, file: string): Policy {
  const loaded = loadYamlBytes(bytes, file);
  if (!loaded.ok) throw new PolicyError(loaded.problems.map(forPolicy));
  return parseLoadedPolicy(loaded.yaml, file);
}

export function parsePolicyText(text: string, file: string): Policy {
  const loaded = loadYaml(text, file);
  if (!loaded.ok) throw new PolicyError(loaded.problems.map(forPolicy));
  return parseLoadedPolicy(loaded.yaml, file);
}

/** The YAML loader's hints speak of manifests; an empty policy needs its own. */
function forPolicy(problem: Problem): Problem {
  if (problem.code !== 'empty') return problem;
  return {
    ...problem,
    hint: 'write the rules to change, e.g. "rules: { unpinned: warn }" (`depmap schema --policy` lists every setting; docs/commands/check.md has an example), or delete the file to use the defaults',
  };
}

/**
 * Validates a policy held in loaded YAML: the whole document, or the value at `prefix`
 * (`['policy']` inside depmap.config.yaml), so positions point into the file it sits in.
 */
export function parseLoadedPolicy(
  yaml: LoadedYaml,
  file: string,
  prefix: Path = [],
  value: unknown = valueAt(yaml.value, prefix),
): Policy {
  if (value === null || value === undefined) return { ...defaultPolicy(), source: file };
  const parsed = policySchemas().policy.safeParse(value);
  if (!parsed.success) {
    const problems = explainIssues(parsed.error.issues, value, policyIssues).map((p) => {
      const path = [...prefix, ...p.path];
      return problemAt(file, 'error', 'invalid-policy', p.message, {
        hint: p.hint,
        at: yaml.positionOf(path, { key: p.key }),
        path: formatPath(path),
      });
    });
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    throw new PolicyError(problems);
  }
  return normalize(parsed.data, file);
}

function normalize(raw: RawPolicy, file: string): Policy {
  const policy: Policy = { ...defaultPolicy(), source: file };
  if (raw.failOn) policy.failOn = raw.failOn;
  const rules = raw.rules ?? {};
  for (const id of RULE_IDS) {
    const entry = rules[id];
    const severity = typeof entry === 'string' ? entry : entry?.severity;
    if (severity) policy.severities[id] = severity;
    RULES[id].normalize?.(typeof entry === 'object' ? (entry as Record<string, unknown>) : {}, policy);
  }
  return policy;
}

/** How zod's issues read in a policy: rules by name, and severities as severities. */
const policyIssues: IssueDialect = {
  keysAt(path) {
    if (path.length === 0) return Object.keys(policySchemas().policy.shape);
    if (path.length === 1 && path[0] === 'rules') return [...RULE_IDS];
    if (path.length === 2 && path[0] === 'rules') {
      const rule = policySchemas().rules.shape[path[1] as RuleId];
      // Each rule is `severity | { severity, …options }`: the keys are those of the mapping.
      const options = (rule?.unwrap() as unknown as { options?: { shape?: Record<string, unknown> }[] } | undefined)
        ?.options;
      const object = options?.find((o) => o.shape !== undefined);
      return object?.shape ? Object.keys(object.shape) : [];
    }
    if (path.length === 4 && path[0] === 'rules' && path[1] === 'denied' && path[2] === 'deny')
      return ['pattern', 'reason'];
    return [];
  },
  // `severity | { … }` and `pattern | { pattern, reason }`: a mapping meant the last option.
  unionBranch: (_path, value, options) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? options - 1 : 0,
  keyNoun: (path) => (path.length === 1 && path[0] === 'rules' ? { noun: 'rule', list: 'rules' } : undefined),
  valueNoun(path, values) {
    const last = path[path.length - 1];
    if (values.join() !== SEVERITIES.join()) return String(last ?? 'value');
    return `severity${typeof last === 'string' && last !== 'severity' ? ` of ${last}` : ''}`;
  },
};
