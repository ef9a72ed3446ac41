/** A diff for the terminal: one line per change, grouped, with a summary line. */
import { countDiff, describeDiff, type ChangeLine } from '../../graph/diff-describe.js';
import { isEmptyDiff } from '../../graph/diff-graphs.js';
import { terminalText } from '../escape/index.js';
import type { DiffReport } from './model.js';

export const SECTIONS: { title: string; kinds: ChangeLine['kind'][] }[] = [
  { title: 'Components', kinds: ['component-added', 'component-removed', 'component-changed', 'resource-changed'] },
  { title: 'Service edges', kinds: ['service-added', 'service-removed', 'service-changed'] },
  { title: 'Library edges', kinds: ['library-added', 'library-removed', 'library-changed'] },
];

function summaryLine(report: DiffReport): string {
  const c = countDiff(report.diff);
  const part = (name: string, x: { added: number; removed: number; changed: number }) =>
    x.added + x.removed + x.changed === 0 ? '' : `${name} +${x.added} -${x.removed} ~${x.changed}`;
  const parts = [part('components', c.components), part('services', c.services), part('libraries', c.libraries)].filter(
    Boolean,
  );
  if (c.versions.upgrades + c.versions.downgrades > 0)
    parts.push(`${c.versions.upgrades} up, ${c.versions.downgrades} down`);
  if (c.pins.gained + c.pins.lost > 0) parts.push(`pins +${c.pins.gained} -${c.pins.lost}`);
  return parts.join('; ');
}

export function renderDiffText(report: DiffReport): string {
  const header = `depmap diff ${terminalText(report.from)} → ${terminalText(report.to)}`;
  if (isEmptyDiff(report.diff)) return `${header}: no changes\n`;
  const lines = describeDiff(report.diff);
  const out = [`${header}: ${summaryLine(report)}`];
  for (const section of SECTIONS) {
    const inSection = lines.filter((l) => section.kinds.includes(l.kind));
    if (inSection.length === 0) continue;
    out.push('', `${section.title}:`);
    for (const l of inSection) out.push(`  ${l.sign} ${terminalText(l.text)}`);
  }
  return `${out.join('\n')}\n`;
}
