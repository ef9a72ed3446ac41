/**
 * Policy text → a normalized Policy, or a PolicyError listing every problem at
 * file:line:col with a did-you-mean. Pure: the CLI reads the file; a `policy:` section of
 * depmap.config.yaml arrives already loaded, with its positions.
 */
import type { z } from 'zod';
import { ConfigError, formatLocation } from '../errors.js';
import { loadYaml, loadYamlBytes, type LoadedYaml } from '../manifest/load-yaml.js';
import { article, describeType, formatPath, valueAt } from '../manifest/zod-issues.js';
import type { Problem } from '../manifest/types.js';
import { didYouMean } from '../suggest.js';
import { defaultPolicy, type Policy } from './policy.js';
import { policySchema, rulesSchema, SEVERITIES, type RawPolicy } from './schema.js';
import { RULE_IDS, type RuleId } from './types.js';

export const POLICY_FILE_NAMES = ['depmap.policy.yaml', 'depmap.policy.yml'];

type Path = readonly PropertyKey[];

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
  const problems: Problem[] = [];
  const report = (path: Path, message: string, hint?: string, key = false) => {
    const full = [...prefix, ...path];
    const pos = yaml.positionOf(full, { key });
    const p: Problem = {
      severity: 'error',
      code: 'invalid-policy',
      file,
      line: pos.line,
      col: pos.col,
      path: formatPath(full),
      message,
    };
    if (hint) p.hint = hint;
    problems.push(p);
  };
  if (value === null || value === undefined) return { ...defaultPolicy(), source: file };
  const parsed = policySchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) reportIssue(issue, value, report);
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
    if (entry === undefined) continue;
    const severity = typeof entry === 'string' ? entry : entry.severity;
    if (severity) policy.severities[id] = severity;
  }
  const options = <K extends RuleId>(id: K) => {
    const entry = rules[id];
    return (typeof entry === 'object' ? entry : {}) as Exclude<NonNullable<(typeof rules)[K]>, string>;
  };
  const unpinned = options('unpinned');
  if (unpinned.docker) policy.unpinned.docker = unpinned.docker;
  policy.unpinned.ignore = unpinned.ignore ?? [];
  const added = options('new-dependency');
  policy.newDependency = { allow: added.allow ?? [], transitive: added.transitive ?? false };
  policy.denied.deny = (options('denied').deny ?? []).map((d) => {
    if (typeof d === 'string') return { pattern: d };
    return d.reason === undefined ? { pattern: d.pattern } : { pattern: d.pattern, reason: d.reason };
  });
  policy.unresolvedService.ignore = options('unresolved-service').ignore ?? [];
  const skew = options('skew');
  policy.skew = { threshold: skew.threshold ?? 1, ignore: skew.ignore ?? [] };
  return policy;
}

type Issue = z.core.$ZodIssue;
type Report = (path: Path, message: string, hint?: string, key?: boolean) => void;

/** Keys allowed in the mapping at `path` of the policy, for did-you-mean. */
function keysAt(path: Path): string[] {
  if (path.length === 0) return Object.keys(policySchema.shape);
  if (path.length === 1 && path[0] === 'rules') return [...RULE_IDS];
  if (path.length === 2 && path[0] === 'rules') {
    const rule = rulesSchema.shape[path[1] as RuleId];
    // Each rule is `severity | { severity, …options }`: the keys are those of the mapping.
    const options = (rule?.unwrap() as unknown as { options?: { shape?: Record<string, unknown> }[] } | undefined)
      ?.options;
    const object = options?.find((o) => o.shape !== undefined);
    return object?.shape ? Object.keys(object.shape) : [];
  }
  if (path.length === 4 && path[0] === 'rules' && path[1] === 'denied' && path[2] === 'deny')
    return ['pattern', 'reason'];
  return [];
}

function reportIssue(issue: Issue, root: unknown, report: Report, prefix: Path = []): void {
  const path: Path = [...prefix, ...issue.path];
  const input = valueAt(root, path);
  switch (issue.code) {
    case 'invalid_union': {
      // `severity | { … }`: judge the value by the shape the user chose.
      const errors = (issue as { errors?: Issue[][] }).errors ?? [];
      const branch = typeof input === 'object' && input !== null && !Array.isArray(input) ? errors.length - 1 : 0;
      for (const inner of errors[branch] ?? []) reportIssue(inner, root, report, path);
      return;
    }
    case 'unrecognized_keys': {
      const allowed = keysAt(path).filter((k) => k !== '$schema');
      const inRules = path.length === 1 && path[0] === 'rules';
      for (const key of issue.keys) {
        const what = inRules ? `unknown rule "${key}"` : `unknown field "${key}"`;
        report(
          [...path, key],
          `${what}${didYouMean(key, allowed)}`,
          allowed.length > 0 ? `${inRules ? 'rules' : 'allowed here'}: ${allowed.join(', ')}` : undefined,
          true,
        );
      }
      return;
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const last = path[path.length - 1];
      const isSeverity = values.join() === SEVERITIES.join();
      const what = isSeverity
        ? `severity${typeof last === 'string' && last !== 'severity' ? ` of ${last}` : ''}`
        : String(last ?? 'value');
      report(
        path,
        `"${String(input)}" is not a valid ${what}${didYouMean(String(input), values)}`,
        `use one of: ${values.join(', ')}`,
      );
      return;
    }
    case 'invalid_type': {
      if (input === undefined) {
        report(path.slice(0, -1), `missing required field "${String(path[path.length - 1])}"`);
      } else if (input === null) {
        report(path, `${formatPath(path)} is empty`, 'give it a value or remove the line');
      } else {
        report(
          path,
          `must be ${article(issue.expected)}, not ${describeType(input)}`,
          issue.expected === 'array' ? 'write a list: each entry on its own line starting with "- "' : undefined,
        );
      }
      return;
    }
    case 'custom': {
      const params = (issue.params ?? {}) as { hint?: string };
      report(path, issue.message, params.hint);
      return;
    }
    case 'too_small':
      if (typeof input === 'string' && input.length === 0)
        report(path, `${formatPath(path)} is empty`, 'give it a value or remove the line');
      else if (typeof input === 'number') report(path, `must be at least ${String(issue.minimum)}, not ${input}`);
      else report(path, issue.message);
      return;
    case 'too_big':
      if (typeof input === 'number') report(path, `must be at most ${String(issue.maximum)}, not ${input}`);
      else report(path, issue.message);
      return;
    default:
      report(path, issue.message);
  }
}
