/**
 * GitHub Actions workflow commands: one annotation per new violation
 * (`::error file=…,line=…,col=…,title=…::message`), a notice for stale baseline entries, and
 * the summary as a plain log line. Escaped as the runner expects, so no manifest text can
 * end a command early or start another one.
 */
import type { CheckReport } from '../../policy/report.js';
import { githubData, githubProperty } from '../escape/index.js';
import { plural, summarySentence, verdict } from './words.js';

export function renderGithub(report: CheckReport): string {
  const out: string[] = [];
  for (const v of report.violations) {
    const command = v.severity === 'error' ? 'error' : 'warning';
    const props = [
      `file=${githubProperty(v.path)}`,
      `line=${v.line}`,
      `col=${v.col}`,
      `title=${githubProperty(`depmap ${v.rule}`)}`,
    ].join(',');
    out.push(`::${command} ${props}::${githubData(v.hint ? `${v.message}\nFix: ${v.hint}` : v.message)}`);
  }
  if (report.stale.length > 0) {
    const list = report.stale.map((s) => `${s.path}: ${s.rule} ${s.subject}`).join('\n');
    const what = plural(report.stale.length, 'baseline entry no longer occurs', 'baseline entries no longer occur');
    out.push(
      `::notice title=${githubProperty('depmap baseline')}::${githubData(`${what}; drop them with depmap check --update-baseline\n${list}`)}`,
    );
  }
  for (const n of report.notes)
    out.push(
      `::notice file=${githubProperty(n.path ?? n.file)},title=${githubProperty(`depmap ${n.rule}`)}::${githubData(n.message)}`,
    );
  out.push(`depmap check: ${summarySentence(report)}; ${verdict(report)}`);
  return `${out.join('\n')}\n`;
}
