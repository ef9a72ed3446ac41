/**
 * `depmap blame`: the commits that brought an edge in, changed its version, image, protocol or
 * pin, and removed it, with who and when. Text for a terminal, Markdown for a PR or wiki,
 * JSON for scripts.
 */
import type { EdgeLineage, EdgeVersion, Stamp } from '../../history/lineage.js';
import { safeJson } from '../../util/control-chars.js';
import { markdownCell, markdownCode, terminalText } from '../escape/index.js';
import { outputRegistry, type OutputFormat } from '../output-format.js';

export interface BlameReport {
  /** What was asked for, as typed. */
  from: string;
  to: string;
  edges: EdgeLineage[];
}

interface BlameStep {
  at: Stamp;
  /** `added at 4.17.1`, `4.17.1 → 4.18.2`, `removed`. */
  change: string;
}

const valueOf = (v: EdgeVersion): string | undefined => v.version ?? v.image;

function describeStep(before: EdgeVersion | undefined, after: EdgeVersion): string {
  if (!before) {
    const value = valueOf(after);
    return value === undefined ? 'added' : `added at ${value}`;
  }
  const parts: string[] = [];
  if (before.version !== after.version)
    parts.push(`${before.version ?? 'no version'} → ${after.version ?? 'no version'}`);
  if (before.image !== after.image) parts.push(`image ${before.image ?? 'none'} → ${after.image ?? 'none'}`);
  if (before.protocol !== after.protocol)
    parts.push(`protocol ${before.protocol ?? 'none'} → ${after.protocol ?? 'none'}`);
  if (before.scope !== after.scope) parts.push(`scope ${before.scope ?? 'none'} → ${after.scope ?? 'none'}`);
  if (before.pinned !== after.pinned) parts.push(after.pinned ? 'now pinned' : 'no longer pinned');
  return parts.length > 0 ? parts.join(', ') : 'changed';
}

/** Each commit that touched the edge, in order: added, each change, removed (and added again). */
function blameSteps(line: EdgeLineage): BlameStep[] {
  const steps: BlameStep[] = [];
  let previous: EdgeVersion | undefined;
  for (const v of line.versions) {
    // A version that does not start where the previous ended came after a removal.
    const gap = previous !== undefined && previous.to?.commit !== v.from.commit;
    if (gap && previous?.to) steps.push({ at: previous.to, change: 'removed' });
    steps.push({ at: v.from, change: describeStep(gap ? undefined : previous, v) });
    previous = v;
  }
  if (line.removed && previous?.to) steps.push({ at: previous.to, change: 'removed' });
  return steps;
}

const day = (s: Stamp): string => s.date.slice(0, 10);
const short = (s: Stamp): string => s.commit.slice(0, 12);
const current = (line: EdgeLineage): string => {
  const last = line.versions.at(-1);
  return line.removed ? 'removed' : `now ${(last && valueOf(last)) ?? 'present'}`;
};

function renderText(report: BlameReport): string {
  const out: string[] = [];
  for (const line of report.edges) {
    out.push(
      `${terminalText(line.source)} → ${terminalText(line.target)} (${line.type === 'uses-library' ? 'library' : 'service call'}, repo ${terminalText(line.repo)}): ${terminalText(current(line))}`,
    );
    for (const step of blameSteps(line)) {
      out.push(
        `  ${day(step.at)}  ${short(step.at)}  ${terminalText(step.at.author)}  ${terminalText(step.change)}  "${terminalText(step.at.subject)}"`,
      );
    }
    if (line.lastSeen && !line.removed)
      out.push(`  last seen at the tip, ${day(line.lastSeen)} ${short(line.lastSeen)}`);
    out.push('');
  }
  return out.join('\n');
}

function renderMarkdown(report: BlameReport): string {
  const out: string[] = [`# Blame: ${markdownCode(report.from)} → ${markdownCode(report.to)}`, ''];
  for (const line of report.edges) {
    out.push(
      `## ${markdownCode(line.source)} → ${markdownCode(line.target)}`,
      '',
      `${line.type === 'uses-library' ? 'Library' : 'Service call'} in repo ${markdownCode(line.repo)}: ${markdownCell(current(line))}.`,
      '',
      '| Date | Commit | Author | Change | Subject |',
      '|---|---|---|---|---|',
    );
    for (const step of blameSteps(line)) {
      out.push(
        `| ${day(step.at)} | ${markdownCode(short(step.at))} | ${markdownCell(step.at.author)} | ${markdownCell(step.change)} | ${markdownCell(step.at.subject)} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

function renderJson(report: BlameReport): string {
  const edges = report.edges.map((line) => ({ ...line, steps: blameSteps(line) }));
  return `${safeJson(JSON.stringify({ from: report.from, to: report.to, edges }, null, 2))}\n`;
}

export const BLAME_FORMATS = outputRegistry<OutputFormat<BlameReport, undefined>>([
  { format: 'text', extension: 'txt', description: 'a line per commit, per edge', render: renderText },
  {
    format: 'markdown',
    extension: 'md',
    aliases: ['markdown'],
    description: 'a table per edge',
    render: renderMarkdown,
  },
  {
    format: 'json',
    extension: 'json',
    description: 'each edge with firstSeen, lastSeen, its versions and steps',
    render: renderJson,
  },
]);
