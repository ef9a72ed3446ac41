/**
 * The rules of `depmap check` come from one registry (src/policy/rules/index.ts): every rule
 * file is in it, and the rule table of docs/commands/check.md lists its rules in its order
 * with the default severity each rule's definition gives.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, severityOf } from '../../src/policy/policy.js';
import { RULE_IDS, RULES } from '../../src/policy/types.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the rule registry', () => {
  it('holds every rule file of src/policy/rules', () => {
    const files = readdirSync(path.join(ROOT, 'src/policy/rules'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect([...RULE_IDS].sort()).toEqual(files);
  });

  it('gives every rule a summary and help for SARIF and the docs', () => {
    for (const id of RULE_IDS) {
      expect(RULES[id].summary, id).toMatch(/^[A-Z].*\.$/);
      expect(RULES[id].help, id).toMatch(/^[A-Z`].*\.$/);
    }
  });

  it('is the rule table of docs/commands/check.md, in its order, with its defaults', () => {
    const page = readFileSync(path.join(ROOT, 'docs/commands/check.md'), 'utf8');
    const rows = [...page.matchAll(/^\| `([a-z-]+)` \| .* \| ([^|]+) \|$/gm)].map((m) => [m[1], m[2]?.trim()]);
    const policy = defaultPolicy();
    const expected = RULE_IDS.map((id) => [
      id,
      severityOf(policy, id, 'repo') === severityOf(policy, id, 'org')
        ? severityOf(policy, id, 'org')
        : `${severityOf(policy, id, 'org')}; ${severityOf(policy, id, 'repo')} when one repo is checked`,
    ]);
    expect(rows).toEqual(expected);
  });
});
