/**
 * JUnit XML for CI systems that read test reports (GitLab, Jenkins, Azure): one test suite
 * per file, one test case per rule and file. A case fails when the file has violations of
 * the rule at or above --fail-on; lesser ones are listed in its system-out.
 */
import type { CheckReport } from '../../policy/report.js';
import { fails, type Violation } from '../../policy/types.js';
import { xmlText } from '../escape/index.js';
import { severityWord } from './words.js';

function line(v: Violation): string {
  return `${v.path}:${v.line}:${v.col} ${severityWord(v.severity)}: ${v.message}${v.hint ? `\n  fix: ${v.hint}` : ''}`;
}

export function renderJunit(report: CheckReport): string {
  const rules = report.rules.filter((r) => r.active && r.severity !== 'off');
  const byKey = new Map<string, Violation[]>();
  for (const v of report.violations) {
    const key = `${v.path}\0${v.rule}`;
    const list = byKey.get(key) ?? [];
    list.push(v);
    byKey.set(key, list);
  }
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const file of report.files) {
    const cases: string[] = [];
    let suiteFailures = 0;
    for (const rule of rules) {
      const found = byKey.get(`${file}\0${rule.id}`) ?? [];
      const failing = found.filter((v) => fails(v.severity, report.failOn));
      const passing = found.filter((v) => !fails(v.severity, report.failOn));
      const attrs = `name="${xmlText(rule.id)}" classname="${xmlText(file)}" file="${xmlText(file)}"`;
      const body: string[] = [];
      if (failing.length > 0) {
        suiteFailures++;
        const first = failing[0] as Violation;
        const message = failing.length === 1 ? first.message : `${failing.length} violations, first: ${first.message}`;
        body.push(
          `      <failure message="${xmlText(message)}" type="${xmlText(rule.id)}">${xmlText(failing.map(line).join('\n'))}</failure>`,
        );
      }
      if (passing.length > 0) body.push(`      <system-out>${xmlText(passing.map(line).join('\n'))}</system-out>`);
      cases.push(
        body.length === 0 ? `    <testcase ${attrs}/>` : `    <testcase ${attrs}>\n${body.join('\n')}\n    </testcase>`,
      );
    }
    tests += cases.length;
    failures += suiteFailures;
    suites.push(
      `  <testsuite name="${xmlText(file)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="0">\n${cases.join('\n')}${cases.length > 0 ? '\n' : ''}  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="depmap check" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}${suites.length > 0 ? '\n' : ''}</testsuites>\n`;
}
