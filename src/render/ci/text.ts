/**
 * For people: violations grouped by file, each with file:line:col (clickable in editors and
 * terminals), the severity, the rule, the message and the fix; then stale baseline entries
 * and a summary line. Colour only when asked (the CLI asks on a TTY).
 */
import type { CheckReport } from '../../policy/report.js';
import type { Violation } from '../../policy/types.js';
import { terminalText as t } from '../escape/index.js';
import { plural, summarySentence, verdict } from './words.js';

const paint = (on: boolean, code: string, text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

export function renderText(report: CheckReport, options: { color?: boolean } = {}): string {
  const color = options.color ?? false;
  const out: string[] = [];
  const byFile = new Map<string, Violation[]>();
  for (const v of report.violations) {
    const list = byFile.get(v.path) ?? [];
    list.push(v);
    byFile.set(v.path, list);
  }
  for (const [file, list] of byFile) {
    out.push(paint(color, '1', t(file)));
    for (const v of list) {
      const severity = v.severity === 'error' ? paint(color, '31', 'error') : paint(color, '33', 'warning');
      out.push(`  ${t(file)}:${v.line}:${v.col}  ${severity}  ${paint(color, '36', v.rule)}  ${t(v.message)}`);
      if (v.hint) out.push(paint(color, '2', `      fix: ${t(v.hint)}`));
    }
    out.push('');
  }
  if (report.stale.length > 0) {
    out.push(
      `${plural(report.stale.length, 'baseline entry no longer occurs', 'baseline entries no longer occur')}; drop ${report.stale.length === 1 ? 'it' : 'them'} with \`depmap check --update-baseline\`:`,
    );
    for (const s of report.stale) out.push(`  ${t(`${s.path}  ${s.rule}  ${s.subject}`)}`);
    out.push('');
  }
  for (const n of report.notes) out.push(`note: ${t(n.path ?? n.file)}: ${t(n.message)}`);
  if (report.notes.length > 0) out.push('');
  const tail = report.summary.failed ? paint(color, '31', verdict(report)) : paint(color, '32', verdict(report));
  out.push(`depmap check: ${summarySentence(report)}; ${tail}`);
  return `${out.join('\n')}\n`;
}
