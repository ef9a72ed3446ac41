/**
 * `depmap exposure`: per component, the intervals it depended on a matching version of a
 * library, the commits that entered and left them, its owner and (with --callers) who called
 * it meanwhile.
 */
import type { Exposure, ExposureInterval } from '../../history/exposure.js';
import type { Stamp } from '../../history/lineage.js';
import { safeJson } from '../../util/control-chars.js';
import { markdownCell, markdownCode, terminalText } from '../escape/index.js';
import { outputRegistry, type OutputFormat } from '../output-format.js';

const day = (s: Stamp): string => s.date.slice(0, 10);
const short = (s: Stamp): string => s.commit.slice(0, 12);
const iso = (ms: number): string => new Date(ms).toISOString();

function question(e: Exposure): string {
  const parts = [e.purl];
  if (e.versions) parts.push(`versions ${e.versions}`);
  if (e.at)
    parts.push(`on ${e.at.label ?? (e.at.start === e.at.end ? iso(e.at.start) : iso(e.at.start).slice(0, 10))}`);
  if (e.since !== undefined) parts.push(`since ${iso(e.since).slice(0, 10)}`);
  if (e.until !== undefined) parts.push(`until ${iso(e.until).slice(0, 10)}`);
  return parts.join(', ');
}

const exposedCount = (e: Exposure): string =>
  `${e.components.length} component${e.components.length === 1 ? '' : 's'} exposed`;

function ended(i: ExposureInterval): string {
  if (!i.to) return 'still exposed';
  const what = i.leftTo && 'version' in i.leftTo ? `moved to ${i.leftTo.version}` : 'dependency removed';
  return `until ${day(i.to)} ${short(i.to)} (${i.to.author}: ${what})`;
}

function renderText(e: Exposure): string {
  const out = [`${terminalText(question(e))}: ${exposedCount(e)}`, ''];
  for (const c of e.components) {
    const who = [
      `repo ${c.repo}`,
      ...(c.owner ? [`owner ${c.owner}`] : []),
      ...(c.system ? [`system ${c.system}`] : []),
    ];
    out.push(`${terminalText(c.component)} (${terminalText(who.join(', '))})`);
    for (const i of c.intervals) {
      out.push(
        `  ${terminalText(i.versions.join(', ') || 'any version')}  from ${day(i.from)} ${short(i.from)} (${terminalText(i.from.author)})  ${terminalText(ended(i))}`,
      );
    }
    if (c.callers) {
      const names = c.callers.map((k) => `${k.component} (${k.repo})`);
      out.push(`  callers: ${names.length > 0 ? terminalText(names.join(', ')) : 'none'}`);
    }
    out.push('');
  }
  for (const u of e.unreadable)
    out.push(
      `note: ${terminalText(u.component)} (${terminalText(u.repo)}) had version ${terminalText(u.version)}, which cannot be compared; not counted`,
    );
  return `${out.join('\n').trimEnd()}\n`;
}

function renderMarkdown(e: Exposure): string {
  const out = [`# Exposure: ${markdownCode(question(e))}`, '', `${exposedCount(e)}.`, ''];
  if (e.components.length > 0) {
    const callers = e.components.some((c) => c.callers);
    out.push(
      `| Component | Repo | Owner | Versions | From | To | Left to |${callers ? ' Callers |' : ''}`,
      `|---|---|---|---|---|---|---|${callers ? '---|' : ''}`,
    );
    for (const c of e.components) {
      for (const i of c.intervals) {
        const left = !i.to ? 'still exposed' : i.leftTo && 'version' in i.leftTo ? i.leftTo.version : 'removed';
        const cells = [
          markdownCode(c.component),
          markdownCode(c.repo),
          markdownCell(c.owner ?? ''),
          markdownCell(i.versions.join(', ')),
          `${day(i.from)} ${markdownCode(short(i.from))} ${markdownCell(i.from.author)}`,
          i.to ? `${day(i.to)} ${markdownCode(short(i.to))} ${markdownCell(i.to.author)}` : '',
          markdownCell(left),
        ];
        if (callers) cells.push(markdownCell((c.callers ?? []).map((k) => k.component).join(', ')));
        out.push(`| ${cells.join(' | ')} |`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}

function renderJson(e: Exposure): string {
  const body = {
    ...e,
    ...(e.at ? { at: { ...e.at, start: iso(e.at.start), end: iso(e.at.end) } } : {}),
    ...(e.since !== undefined ? { since: iso(e.since) } : {}),
    ...(e.until !== undefined ? { until: iso(e.until) } : {}),
  };
  return `${safeJson(JSON.stringify(body, null, 2))}\n`;
}

export const EXPOSURE_FORMATS = outputRegistry<OutputFormat<Exposure, undefined>>([
  { format: 'text', extension: 'txt', description: 'a block per exposed component', render: renderText },
  {
    format: 'markdown',
    extension: 'md',
    aliases: ['markdown'],
    description: 'a table, a row per interval',
    render: renderMarkdown,
  },
  { format: 'json', extension: 'json', description: 'components, intervals, commits and callers', render: renderJson },
]);
