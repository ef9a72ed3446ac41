/**
 * The picture of a diff, a Mermaid flowchart: the nodes that changed and their neighbours.
 * Added ones are green and bold, removed ones red and dashed, changed (re-versioned) ones
 * amber with the change written on them, unchanged neighbours grey. The one picture of a
 * change: `diff --format mermaid|svg` draws it, and the Markdown of `diff` and `check --base`
 * (a pull request comment, the job summary) embeds it.
 *
 * It never fails on size: it draws what fits the limits it is given, most telling parts first
 * (changed-parts.ts), and a note in the picture says what was left out. A flowchart for dagre,
 * no ELK: GitHub draws Mermaid with dagre only.
 */
import { isEmptyDiff } from '../../graph/diff-graphs.js';
import { count, inWords } from '../../util/words.js';
import { diagramId } from '../ids.js';
import { mermaidBareText, mermaidLabel } from '../escape/index.js';
import { flowchartConfig } from '../mermaid-flowchart.js';
import { MERMAID_LIMITS } from '../plan.js';
import { changedParts, type PartEdge, type PartNode, type PartState } from './changed-parts.js';
import type { DiffReport } from './model.js';

export interface PictureLimits {
  maxEdges: number;
  /** Characters of Mermaid text, everything included. */
  maxChars: number;
}

/** Mermaid's own limits (500 edges, 50,000 characters), with room to spare. */
export const MERMAID_PICTURE: PictureLimits = {
  maxEdges: MERMAID_LIMITS.maxEdges - 20,
  maxChars: MERMAID_LIMITS.maxTextSize - 2_000,
};

export interface DiffPicture {
  text: string;
  /** Changed edges (neighbours not counted), drawn and in all. */
  changedEdges: { drawn: number; total: number };
  /** Every edge, neighbours included, drawn and in all. */
  edges: { drawn: number; total: number };
  /** What the note in the picture says was left out; empty when nothing was. */
  leftOut: string;
}

const CLASSES: Record<PartState | 'note', string> = {
  added: 'fill:#dcfce7,stroke:#16a34a,stroke-width:3px,color:#14532d',
  removed: 'fill:#fee2e2,stroke:#dc2626,stroke-width:2px,stroke-dasharray:5 5,color:#7f1d1d',
  changed: 'fill:#fef9c3,stroke:#ca8a04,stroke-width:2px,color:#713f12',
  context: 'fill:#f8fafc,stroke:#94a3b8,color:#334155',
  note: 'fill:#ffffff,stroke:#94a3b8,stroke-dasharray:2 2,color:#334155',
};
const LINKS: Record<PartState, string> = {
  added: 'stroke:#16a34a,stroke-width:3px',
  removed: 'stroke:#dc2626,stroke-width:2px,stroke-dasharray:5 5',
  changed: 'stroke:#ca8a04,stroke-width:2px',
  context: 'stroke:#94a3b8,stroke-width:1px',
};
const ARROWS: Record<PartState, string> = { added: '==>', removed: '-.->', changed: '-->', context: '-->' };

/** Room kept for the note saying what was left out: its counts are known only at the end. */
const NOTE_ROOM = 400;

function nodeLine(n: PartNode): string {
  const label = mermaidLabel(n.note ? `${n.id}: ${n.note}` : n.id);
  const [open, close] =
    n.type === 'library'
      ? ['([', '])']
      : n.type === 'resource'
        ? n.kind === 'database'
          ? ['[(', ')]']
          : ['[', ']']
        : ['(', ')'];
  return `  ${diagramId('n', n.id)}${open}"${label}"${close}:::${n.state}`;
}

function edgeLine(e: PartEdge): string {
  const label = e.label ? `|"${mermaidLabel(e.label)}"|` : '';
  return `  ${diagramId('n', e.from)} ${ARROWS[e.state]}${label} ${diagramId('n', e.to)}`;
}

/** The lines that end the picture: classes, then one linkStyle per state listing its edges. */
function footer(edges: readonly PartEdge[]): string[] {
  const out = Object.entries(CLASSES).map(([state, style]) => `  classDef ${state} ${style}`);
  for (const state of Object.keys(LINKS) as PartState[]) {
    const indexes = edges.flatMap((e, i) => (e.state === state ? [i] : []));
    if (indexes.length > 0) out.push(`  linkStyle ${indexes.join(',')} ${LINKS[state]}`);
  }
  return out;
}

/**
 * The picture of `report` within `limits`. `elsewhere` ends the note on what was left out:
 * where the reader finds all of it.
 */
export function diffPicture(
  report: DiffReport,
  limits: PictureLimits = MERMAID_PICTURE,
  elsewhere = 'the text and JSON outputs list every change',
): DiffPicture {
  const head = [
    '---',
    ...flowchartConfig(false),
    '---',
    'flowchart LR',
    `  %% depmap diff ${mermaidBareText(report.from)} → ${mermaidBareText(report.to)}`,
  ];
  if (isEmptyDiff(report.diff)) {
    const text = `${[...head, `  none["${mermaidLabel('no changes')}"]`].join('\n')}\n`;
    return { text, changedEdges: { drawn: 0, total: 0 }, edges: { drawn: 0, total: 0 }, leftOut: '' };
  }
  const parts = changedParts(report);
  // Sizes are counted as the text is written: every line and its newline, and for each edge
  // its index in a linkStyle list (digits and a comma).
  const linkStyles = Object.values(LINKS).reduce((sum, style) => sum + `  linkStyle  ${style}\n`.length, 0);
  let size = `${[...head, ...footer([])].join('\n')}\n`.length + NOTE_ROOM + linkStyles;
  const placed = new Map<string, string>();
  const edges: PartEdge[] = [];
  const nodeCost = (ids: readonly string[]) =>
    [...new Set(ids)].reduce(
      (sum, id) => sum + (placed.has(id) ? 0 : nodeLine(parts.nodes.get(id) as PartNode).length + 1),
      0,
    );
  const place = (ids: readonly string[]) => {
    for (const id of ids) if (!placed.has(id)) placed.set(id, nodeLine(parts.nodes.get(id) as PartNode));
  };
  for (const n of parts.subjects) {
    if (n.type === 'library') continue; // drawn with the edge that brings it, or at the end
    const cost = nodeCost([n.id]);
    if (size + cost > limits.maxChars) continue;
    size += cost;
    place([n.id]);
  }
  for (const e of parts.edges) {
    if (edges.length >= limits.maxEdges) break;
    const cost = edgeLine(e).length + 1 + String(edges.length).length + 1 + nodeCost([e.from, e.to]);
    if (size + cost > limits.maxChars) continue;
    size += cost;
    place([e.from, e.to]);
    edges.push(e);
  }
  for (const n of parts.subjects) {
    const cost = nodeCost([n.id]);
    if (cost === 0 || size + cost > limits.maxChars) continue;
    size += cost;
    place([n.id]);
  }

  const changedEdges = parts.edges.filter((e) => e.state !== 'context');
  const drawnChanged = edges.filter((e) => e.state !== 'context').length;
  const drawnSubjects = parts.subjects.filter((n) => placed.has(n.id)).length;
  const missing = [
    changedEdges.length > drawnChanged
      ? count(changedEdges.length - drawnChanged, 'changed edge', 'changed edges')
      : '',
    parts.subjects.length > drawnSubjects
      ? count(parts.subjects.length - drawnSubjects, 'changed node', 'changed nodes')
      : '',
    parts.edges.length - changedEdges.length > edges.length - drawnChanged
      ? count(
          parts.edges.length - changedEdges.length - (edges.length - drawnChanged),
          'unchanged call of a changed node',
          'unchanged calls of changed nodes',
        )
      : '',
  ].filter(Boolean);
  const notes: string[] = [];
  if (missing.length > 0) notes.push(`not drawn, to stay readable and under GitHub's limits: ${inWords(missing)}`);
  if (parts.transitive > 0)
    notes.push(`${count(parts.transitive, 'transitive library change', 'transitive library changes')}, never drawn`);
  const leftOut = notes.length > 0 ? `${notes.join('; ')} (${elsewhere})` : '';

  const out = [...head, ...[...placed.keys()].sort().map((id) => placed.get(id) as string)];
  for (const e of edges) out.push(edgeLine(e));
  if (leftOut) out.push(`  more["${mermaidLabel(`… ${leftOut}`)}"]:::note`);
  out.push(...footer(edges));
  return {
    text: `${out.join('\n')}\n`,
    changedEdges: { drawn: drawnChanged, total: changedEdges.length },
    edges: { drawn: edges.length, total: parts.edges.length },
    leftOut,
  };
}

export function renderDiffMermaid(report: DiffReport): string {
  return diffPicture(report).text;
}
