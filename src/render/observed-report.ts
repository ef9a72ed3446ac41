/**
 * `depmap observed`: the declared graph against what traces or service-graph metrics show, in
 * three lists (declared and observed, observed only, declared only), with the observed names
 * that matched nothing. Text, Markdown and JSON.
 */
import { OBSERVED_REPO, type GraphEdge, type Observation, type Snapshot } from '../graph/types.js';
import { safeJson } from '../util/control-chars.js';
import { markdownCell, markdownCode, terminalText } from './escape/index.js';
import { outputRegistry, type OutputFormat } from './output-format.js';

interface CallRow {
  source: string;
  target: string;
  protocol?: string;
  api?: string;
  /** Where the call is (or would be) declared: the caller's manifest. */
  declared: string;
  observed?: Observation;
}

export interface ObservedReport {
  declaredAndObserved: CallRow[];
  observedOnly: CallRow[];
  declaredOnly: CallRow[];
  summary: NonNullable<Snapshot['observed']>;
}

function row(edge: GraphEdge): CallRow {
  // A caller no manifest has: nowhere to declare it (its name is among those that matched nothing).
  const nowhere = edge.declared.repo === OBSERVED_REPO || !edge.declared.file;
  const r: CallRow = {
    source: edge.source,
    target: edge.target,
    declared: nowhere ? '' : `${edge.declared.repo}/${edge.declared.file}:${edge.declared.line}`,
  };
  const protocol = edge.protocol ?? edge.observed?.protocol;
  if (protocol) r.protocol = protocol;
  if (edge.api) r.api = edge.api;
  if (edge.observed) r.observed = edge.observed;
  return r;
}

const byName = (a: CallRow, b: CallRow): number =>
  a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0;

/** The three lists of a snapshot with observations joined. */
export function observedReport(snapshot: Snapshot): ObservedReport {
  const report: ObservedReport = {
    declaredAndObserved: [],
    observedOnly: [],
    declaredOnly: [],
    summary: snapshot.observed ?? { files: [], unmatched: [], problems: [] },
  };
  for (const edge of snapshot.edges) {
    if (edge.type !== 'calls-service') continue;
    if (edge.presence === 'declared-and-observed') report.declaredAndObserved.push(row(edge));
    else if (edge.presence === 'observed-only') report.observedOnly.push(row(edge));
    else if (edge.presence === 'declared-only') report.declaredOnly.push(row(edge));
  }
  report.declaredAndObserved.sort(byName);
  report.observedOnly.sort(byName);
  report.declaredOnly.sort(byName);
  return report;
}

function numbers(o: Observation | undefined): string {
  if (!o) return '';
  const calls = `${o.calls.toLocaleString('en-US')} call${o.calls === 1 ? '' : 's'}`;
  const failed = o.errors > 0 ? ` (${o.errors.toLocaleString('en-US')} failed)` : '';
  const latency = o.latencyMs ? `, p95 ${o.latencyMs.p95} ms` : '';
  return `${calls}${failed}${latency}`;
}

const window = (s: ObservedReport['summary']): string =>
  s.window ? `${s.window.from.slice(0, 10)} to ${s.window.to.slice(0, 10)}` : 'no times in the inputs';

const SECTIONS = [
  ['declaredAndObserved', 'Declared and observed'],
  ['observedOnly', 'Observed only (undeclared)'],
  ['declaredOnly', 'Declared only (stale or dormant)'],
] as const;

function renderText(r: ObservedReport): string {
  const files = r.summary.files.map((f) => `${f.file} (${f.format}, ${f.records} records)`).join(', ');
  const out = [`observations: ${terminalText(files)}; ${window(r.summary)}`, ''];
  for (const [key, title] of SECTIONS) {
    const rows = r[key];
    out.push(`${title}: ${rows.length}`);
    for (const c of rows) {
      const what = [c.protocol, c.api].filter(Boolean).join(' ');
      const where =
        key !== 'observedOnly' ? '' : c.declared ? `  (declare it in ${c.declared})` : '  (the caller has no manifest)';
      out.push(
        `  ${terminalText(c.source)} → ${terminalText(c.target)}${what ? `  ${terminalText(what)}` : ''}${c.observed ? `  ${numbers(c.observed)}` : ''}${terminalText(where)}`,
      );
    }
    out.push('');
  }
  if (r.summary.unmatched.length > 0) {
    out.push(`Observed names that match no component, API or alias: ${r.summary.unmatched.length}`);
    for (const u of r.summary.unmatched)
      out.push(`  ${terminalText(u.name)} (${u.as}, ${numbers({ calls: u.calls, errors: 0, sources: [] })})`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function renderMarkdown(r: ObservedReport): string {
  const out = ['# Declared vs observed calls', '', `Observations: ${window(r.summary)}.`, ''];
  out.push('| | calls |', '|---|---:|');
  for (const [key, title] of SECTIONS) out.push(`| ${title} | ${r[key].length} |`);
  out.push('');
  for (const [key, title] of SECTIONS) {
    const rows = r[key];
    if (rows.length === 0) continue;
    out.push(`## ${title}`, '', '| Caller | Callee | Protocol | Observed | Declared at |', '|---|---|---|---|---|');
    for (const c of rows)
      out.push(
        `| ${markdownCode(c.source)} | ${markdownCode(c.target)} | ${markdownCell(c.protocol ?? '')} | ${markdownCell(numbers(c.observed))} | ${c.declared ? markdownCode(c.declared) : ''} |`,
      );
    out.push('');
  }
  if (r.summary.unmatched.length > 0) {
    out.push('## Observed names that match nothing', '', '| Name | As | Calls |', '|---|---|---:|');
    for (const u of r.summary.unmatched) out.push(`| ${markdownCode(u.name)} | ${u.as} | ${u.calls} |`);
    out.push('');
  }
  return out.join('\n');
}

function renderJson(r: ObservedReport): string {
  const counts = Object.fromEntries(SECTIONS.map(([key]) => [key, r[key].length]));
  return `${safeJson(JSON.stringify({ counts, ...r }, null, 2))}\n`;
}

export const OBSERVED_REPORT_FORMATS = outputRegistry<OutputFormat<ObservedReport, undefined>>([
  { format: 'text', extension: 'txt', description: 'the three lists, with counts', render: renderText },
  {
    format: 'markdown',
    extension: 'md',
    aliases: ['markdown'],
    description: 'counts, then a table per list',
    render: renderMarkdown,
  },
  { format: 'json', extension: 'json', description: 'counts, the lists, and what was read', render: renderJson },
]);
