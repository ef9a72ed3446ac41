import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadYaml } from '../../src/manifest/load-yaml.js';
import { parseLoadedPolicy, parsePolicyText, PolicyError } from '../../src/policy/load-policy.js';
import { policyJsonSchemaText } from '../../src/policy/schema.js';
import { writeFileAtomic } from '../../src/io/write-file.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function problemsOf(text: string, file = 'depmap.policy.yaml'): string[] {
  try {
    parsePolicyText(text, file);
  } catch (error) {
    if (error instanceof PolicyError)
      return error.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.message}${p.hint ? ` | ${p.hint}` : ''}`);
    throw error;
  }
  return [];
}

describe('policy file', () => {
  it('reads severities in short and long form, and every option', () => {
    const policy = parsePolicyText(
      [
        'failOn: warn',
        'rules:',
        '  unpinned: { severity: error, docker: digest, ignore: ["pkg:npm/internal-*"] }',
        '  new-dependency:',
        '    allow: ["pkg:npm/@acme/*", payments]',
        '  denied:',
        '    deny:',
        '      - pkg:npm/left-pad',
        '      - { pattern: "pkg:npm/request", reason: deprecated }',
        '  cycle: off',
        '  skew: { severity: warn, threshold: 2 }',
        '  unresolved-service: { ignore: [mainframe] }',
        '',
      ].join('\n'),
      'depmap.policy.yaml',
    );
    expect(policy.source).toBe('depmap.policy.yaml');
    expect(policy.failOn).toBe('warn');
    expect(policy.severities).toEqual({ unpinned: 'error', cycle: 'off', skew: 'warn' });
    expect(policy.unpinned).toEqual({ docker: 'digest', ignore: ['pkg:npm/internal-*'] });
    expect(policy.newDependency).toEqual({ allow: ['pkg:npm/@acme/*', 'payments'], transitive: false });
    expect(policy.denied.deny).toEqual([
      { pattern: 'pkg:npm/left-pad' },
      { pattern: 'pkg:npm/request', reason: 'deprecated' },
    ]);
    expect(policy.skew).toEqual({ threshold: 2, ignore: [] });
    expect(policy.unresolvedService.ignore).toEqual(['mainframe']);
  });

  it('points at unknown rules and fields with a did-you-mean', () => {
    expect(problemsOf('rules:\n  unpined: error\n  skew: { treshold: 2 }\n')).toEqual([
      'depmap.policy.yaml:2:3 unknown rule "unpined"; did you mean "unpinned"? | rules: unpinned, new-dependency, denied, unresolved-service, cycle, skew, invalid-manifest, drift, undeclared-call, unobserved-dependency',
      'depmap.policy.yaml:3:11 unknown field "treshold"; did you mean "threshold"? | allowed here: severity, threshold, ignore',
    ]);
    expect(problemsOf('rule:\n  unpinned: error\n')).toEqual([
      'depmap.policy.yaml:1:1 unknown field "rule"; did you mean "rules"? | allowed here: failOn, rules',
    ]);
  });

  it('points at a wrong severity, in either form', () => {
    expect(problemsOf('rules:\n  cycle: warning\n  skew:\n    severity: fatal\n')).toEqual([
      'depmap.policy.yaml:2:10 "warning" is not a valid severity of cycle; did you mean "warn"? | use one of: error, warn, off',
      'depmap.policy.yaml:4:15 "fatal" is not a valid severity | use one of: error, warn, off',
    ]);
    expect(problemsOf('failOn: eror\n')).toEqual([
      'depmap.policy.yaml:1:9 "eror" is not a valid failOn; did you mean "error"? | use one of: error, warn',
    ]);
  });

  it('checks patterns, types and numbers', () => {
    expect(
      problemsOf(
        'rules:\n  denied:\n    deny: [ "pkg:nmp/left-pad", "has space" ]\n  skew: { threshold: 0 }\n  new-dependency: { allow: payments }\n',
      ),
    ).toEqual([
      'depmap.policy.yaml:3:13 "nmp" in "pkg:nmp/left-pad" is not a Package URL type; did you mean "npm"? | use one of npm, pypi, maven, golang, cargo, gem, nuget, docker, oci, composer, github, githubactions, git, generic, hex, pub, swift, cocoapods, conan, conda, cran, hackage, deb, rpm, apk, bitbucket, helm, terraform',
      'depmap.policy.yaml:3:33 "has space" is neither a Package URL pattern nor a service name pattern | write pkg:<type>/<name> for libraries and images, or a service name such as payments or team-*',
      'depmap.policy.yaml:4:22 must be at least 1, not 0',
      'depmap.policy.yaml:5:28 must be a list, not text "payments" | write a list: each entry on its own line starting with "- "',
    ]);
  });

  it('reports YAML errors with their position', () => {
    expect(problemsOf('rules:\n  unpinned: error\n  unpinned: warn\n')[0]).toMatch(
      /^depmap.policy.yaml:3:3 duplicate key/,
    );
  });

  it('an empty policy file gets a hint about policies, not manifests', () => {
    for (const text of ['', '# nothing yet\n']) {
      expect(problemsOf(text)).toEqual([
        'depmap.policy.yaml:1:1 file is empty | write the rules to change, e.g. "rules: { unpinned: warn }" (`depmap schema --policy` lists every setting; docs/commands/check.md has an example), or delete the file to use the defaults',
      ]);
    }
  });

  it('accepts an empty policy as the defaults', () => {
    expect(parsePolicyText('# nothing yet\n{}\n', 'p.yaml').severities).toEqual({});
  });

  it('reads the policy: section of depmap.config.yaml with positions in that file', () => {
    const text = 'sources: [./repos/*]\npolicy:\n  rules:\n    cycle: off\n';
    const loaded = loadYaml(text, 'depmap.config.yaml');
    if (!loaded.ok) throw new Error('yaml');
    expect(parseLoadedPolicy(loaded.yaml, 'depmap.config.yaml', ['policy']).severities).toEqual({ cycle: 'off' });
    const bad = loadYaml('sources: []\npolicy:\n  rules:\n    cycles: off\n', 'depmap.config.yaml');
    if (!bad.ok) throw new Error('yaml');
    expect(() => parseLoadedPolicy(bad.yaml, 'depmap.config.yaml', ['policy'])).toThrow(PolicyError);
    try {
      parseLoadedPolicy(bad.yaml, 'depmap.config.yaml', ['policy']);
    } catch (error) {
      expect((error as PolicyError).describe()).toBe(
        'invalid policy\ndepmap.config.yaml:4:5: policy.rules.cycles: unknown rule "cycles"; did you mean "cycle"?\n  hint: rules: unpinned, new-dependency, denied, unresolved-service, cycle, skew, invalid-manifest, drift, undeclared-call, unobserved-dependency',
      );
    }
  });
});

describe('schema/depmap.policy.schema.json', () => {
  it('is generated from the zod schema (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const file = path.join(root, 'schema/depmap.policy.schema.json');
    const text = policyJsonSchemaText();
    if (process.env.UPDATE_GOLDEN) await writeFileAtomic(file, text);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
