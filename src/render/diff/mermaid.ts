/**
 * The affected part of the graph as a Mermaid flowchart: only nodes and edges that changed,
 * and the nodes at their ends. Added ones are green and bold, removed ones red and dashed,
 * changed ones amber with the change on the edge.
 */
import { describeEdgeChange, describeNodeChange } from '../../graph/diff-describe.js';
import { isEmptyDiff, type EdgeSummary, type NodeSummary } from '../../graph/diff-graphs.js';
import { count } from '../../util/words.js';
import { diagramId } from '../ids.js';
import { mermaidBareText, mermaidLabel } from '../escape/index.js';
import type { DiffReport } from './model.js';

/** Mermaid refuses more edges than this by default. */
const MAX_DIFF_EDGES = 480;

type State = 'added' | 'removed' | 'changed' | 'context';

const CLASSES: Record<State, string> = {
  added: 'fill:#dcfce7,stroke:#16a34a,stroke-width:3px,color:#14532d',
  removed: 'fill:#fee2e2,stroke:#dc2626,stroke-width:2px,stroke-dasharray:5 5,color:#7f1d1d',
  changed: 'fill:#fef9c3,stroke:#ca8a04,stroke-width:2px,color:#713f12',
  context: 'fill:#f8fafc,stroke:#94a3b8,color:#334155',
};
const LINKS: Record<Exclude<State, 'context'>, string> = {
  added: 'stroke:#16a34a,stroke-width:3px',
  removed: 'stroke:#dc2626,stroke-width:2px,stroke-dasharray:5 5',
  changed: 'stroke:#ca8a04,stroke-width:2px',
};

function edgeLabel(e: EdgeSummary): string {
  if (e.type === 'uses-library') return [e.version, e.scope ? `[${e.scope}]` : ''].filter(Boolean).join(' ');
  return [e.protocol, e.api, e.version].filter(Boolean).join(' ');
}

export function renderDiffMermaid(report: DiffReport): string {
  const { diff } = report;
  const out = ['flowchart LR', `  %% depmap diff ${mermaidBareText(report.from)} → ${mermaidBareText(report.to)}`];
  if (isEmptyDiff(diff)) {
    out.push(`  none["${mermaidLabel('no changes')}"]`);
    return `${out.join('\n')}\n`;
  }
  const nodes = new Map<string, { state: State; type: string; kind: string; note?: string }>();
  const see = (id: string, state: State, summary?: Pick<NodeSummary, 'type' | 'kind'>) => {
    const existing = nodes.get(id);
    if (existing && existing.state !== 'context') return;
    nodes.set(id, {
      state,
      type: summary?.type ?? existing?.type ?? 'component',
      kind: summary?.kind ?? existing?.kind ?? '',
    });
  };
  for (const n of diff.nodes.added) see(n.id, 'added', n);
  for (const n of diff.nodes.removed) see(n.id, 'removed', n);
  for (const c of diff.nodes.changed) {
    see(c.id, 'changed', { type: c.type, kind: '' });
    const node = nodes.get(c.id);
    if (node) node.note = describeNodeChange(c).join('; ');
  }
  const edges: { from: string; to: string; state: Exclude<State, 'context'>; label: string }[] = [];
  const edge = (e: EdgeSummary, state: Exclude<State, 'context'>, label: string) => {
    see(e.source, 'context');
    see(e.target, 'context', e.type === 'uses-library' ? { type: 'library', kind: '' } : undefined);
    edges.push({ from: e.source, to: e.target, state, label });
  };
  // Transitive libraries are left out of diagrams, as everywhere: the text and JSON list them.
  let transitive = 0;
  const drawn = (e: EdgeSummary, was: EdgeSummary = e) => {
    if (!e.transitive || !was.transitive) return true;
    transitive++;
    return false;
  };
  for (const e of diff.edges.added) if (drawn(e)) edge(e, 'added', edgeLabel(e));
  for (const e of diff.edges.removed) if (drawn(e)) edge(e, 'removed', edgeLabel(e));
  for (const c of diff.edges.changed) if (drawn(c.to, c.from)) edge(c.to, 'changed', describeEdgeChange(c).join('; '));

  const shown = edges.slice(0, MAX_DIFF_EDGES);
  const ids = [...nodes.keys()].sort();
  for (const id of ids) {
    const n = nodes.get(id) as { state: State; type: string; kind: string; note?: string };
    const label = mermaidLabel(n.note ? `${id}: ${n.note}` : id);
    const [open, close] =
      n.type === 'library'
        ? ['([', '])']
        : n.type === 'resource'
          ? n.kind === 'database'
            ? ['[(', ')]']
            : ['[', ']']
          : ['(', ')'];
    out.push(`  ${diagramId('n', id)}${open}"${label}"${close}:::${n.state}`);
  }
  shown.forEach((e) => {
    const arrow = e.state === 'removed' ? '-.->' : e.state === 'added' ? '==>' : '-->';
    const label = e.label ? `|"${mermaidLabel(e.label)}"|` : '';
    out.push(`  ${diagramId('n', e.from)} ${arrow}${label} ${diagramId('n', e.to)}`);
  });
  if (edges.length > shown.length)
    out.push(
      `  more["${mermaidLabel(`… ${edges.length - shown.length} more changed edges (see text or JSON output)`)}"]`,
    );
  if (transitive > 0)
    out.push(
      `  transitive["${mermaidLabel(`${count(transitive, 'transitive library change', 'transitive library changes')} (see text or JSON output)`)}"]`,
    );
  for (const [state, style] of Object.entries(CLASSES)) out.push(`  classDef ${state} ${style}`);
  shown.forEach((e, i) => out.push(`  linkStyle ${i} ${LINKS[e.state]}`));
  return `${out.join('\n')}\n`;
}
