/**
 * invalid-manifest: every error met while reading a repo (schema, YAML, imports, unreadable
 * files) and components declared twice. Problems already carry the path the user opens.
 */
import { defineRule } from '../define-rule.js';
import type { CheckInput } from '../input.js';
import type { Finding } from '../types.js';

function check(input: CheckInput): Finding[] {
  const findings: Finding[] = [];
  for (const repo of input.snapshot.repos) {
    for (const p of repo.problems) {
      if (p.severity !== 'error') continue;
      const finding: Finding = {
        rule: 'invalid-manifest',
        repo: repo.id,
        file: p.file,
        path: p.file,
        line: p.line,
        col: p.col,
        subject: `${p.code}:${p.path}:${p.message}`,
        message: p.path ? `${p.path}: ${p.message}` : p.message,
      };
      finding.hint = p.hint ?? 'run `depmap validate` for every problem and its fix';
      findings.push(finding);
    }
  }
  for (const p of input.snapshot.problems) {
    if (p.code !== 'duplicate-component') continue;
    for (const at of p.locations) {
      findings.push({
        rule: 'invalid-manifest',
        ...at,
        subject: `duplicate-component:${p.message.split('"')[1] ?? p.message}`,
        message: p.message,
        hint: 'component names are unique across the organisation: rename one of them',
      });
    }
  }
  return findings;
}

export const invalidManifest = defineRule({
  summary: 'A manifest (or a file it imports) that fails validation.',
  help: 'Run `depmap validate` for the full list of problems and their fixes.',
  orgWide: false,
  check,
});
