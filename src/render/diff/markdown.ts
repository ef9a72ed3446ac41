/** A diff as Markdown (a pull request comment, a job summary): counts, then a list per section. */
import { countDiff, describeDiff } from '../../graph/diff-describe.js';
import { isEmptyDiff } from '../../graph/diff-graphs.js';
import { describeInvalid, type DiffReport } from './model.js';
import { markdownCode, markdownText } from '../escape/index.js';
import { SECTIONS } from './text.js';

const mdText = markdownText;

const SIGN = { '+': '➕', '-': '➖', '~': '✏️' } as const;

export function renderDiffMarkdown(report: DiffReport): string {
  const out = [`### depmap diff ${markdownCode(report.from)} → ${markdownCode(report.to)}`, ''];
  for (const i of report.invalid ?? []) out.push(`> ⚠️ ${mdText(describeInvalid(report, i))}`, '');
  if (isEmptyDiff(report.diff)) return `${out.join('\n')}No changes in the dependency graph.\n`;
  const c = countDiff(report.diff);
  out.push('| | added | removed | changed |', '|---|---:|---:|---:|');
  out.push(`| components | ${c.components.added} | ${c.components.removed} | ${c.components.changed} |`);
  out.push(`| service edges | ${c.services.added} | ${c.services.removed} | ${c.services.changed} |`);
  out.push(`| library edges | ${c.libraries.added} | ${c.libraries.removed} | ${c.libraries.changed} |`);
  out.push(
    '',
    `Versions: ${c.versions.upgrades} upgraded, ${c.versions.downgrades} downgraded, ${c.versions.other} changed otherwise. Pins: ${c.pins.gained} gained, ${c.pins.lost} lost.`,
  );
  const lines = describeDiff(report.diff);
  for (const section of SECTIONS) {
    const inSection = lines.filter((l) => section.kinds.includes(l.kind));
    if (inSection.length === 0) continue;
    out.push('', `#### ${section.title}`, '');
    for (const l of inSection) out.push(`- ${SIGN[l.sign]} ${mdText(l.text)}`);
  }
  return `${out.join('\n')}\n`;
}
