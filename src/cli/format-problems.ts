/**
 * Problems as people read them: grouped per file, each as `file:line:col: severity: field:
 * message` (clickable in editors and terminals), with the hint on the next line.
 */
import type { Problem } from '../manifest/types.js';
import { terminalText as t } from '../render/escape/index.js';
import { count } from '../util/words.js';

const paint = (on: boolean, code: string, text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

export function formatProblems(problems: readonly Problem[], options: { color?: boolean } = {}): string {
  const color = options.color ?? false;
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) {
    const list = byFile.get(p.file) ?? [];
    list.push(p);
    byFile.set(p.file, list);
  }
  const out: string[] = [];
  for (const [file, list] of byFile) {
    const errors = list.filter((p) => p.severity === 'error').length;
    const warnings = list.length - errors;
    out.push(
      paint(color, '1', t(file)) + paint(color, '2', ` (${count(errors, 'error')}, ${count(warnings, 'warning')})`),
    );
    for (const p of list) {
      const severity = p.severity === 'error' ? paint(color, '31', 'error') : paint(color, '33', 'warning');
      const field = p.path ? `${t(p.path)}: ` : '';
      const where = p.line > 0 ? `${t(file)}:${p.line}:${p.col}` : t(file);
      out.push(`  ${where}: ${severity}: ${field}${t(p.message)}`);
      if (p.hint) out.push(paint(color, '2', `      hint: ${t(p.hint)}`));
    }
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

export { count };
