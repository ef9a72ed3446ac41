/**
 * What the picture of a diff may draw, most telling first: the nodes that changed, the
 * service edges that changed, the library edges that changed, then the unchanged calls to and
 * from a changed node (its neighbours: who calls a re-versioned API, and still asks for the old
 * version). Cropping keeps a prefix of each list, so the order is the order of importance.
 */
import { describeEdgeChange, describeNodeChange } from '../../graph/diff-describe.js';
import type { EdgeSummary, NodeSummary } from '../../graph/diff-graphs.js';
import type { DiffReport } from './model.js';

export type PartState = 'added' | 'removed' | 'changed' | 'context';

export interface PartNode {
  id: string;
  state: PartState;
  type: string;
  kind: string;
  /** What changed on the node itself, shown after its name. */
  note?: string;
}

export interface PartEdge {
  from: string;
  to: string;
  state: PartState;
  label: string;
  library: boolean;
}

export interface ChangedParts {
  /** Nodes that changed themselves, components and services before libraries. */
  subjects: PartNode[];
  /** Every node an edge may need, by id. */
  nodes: Map<string, PartNode>;
  /** Service changes, library changes, then unchanged neighbour calls. */
  edges: PartEdge[];
  /** Changes of transitive libraries: never drawn, only counted. */
  transitive: number;
}

function edgeLabel(e: Pick<EdgeSummary, 'type' | 'version' | 'scope' | 'protocol' | 'api'>): string {
  if (e.type === 'uses-library') return [e.version, e.scope ? `[${e.scope}]` : ''].filter(Boolean).join(' ');
  return [e.protocol, e.api, e.version].filter(Boolean).join(' ');
}

export function changedParts(report: DiffReport): ChangedParts {
  const { diff } = report;
  const nodes = new Map<string, PartNode>();
  const see = (id: string, state: PartState, summary?: Pick<NodeSummary, 'type' | 'kind'>) => {
    const existing = nodes.get(id);
    if (existing && existing.state !== 'context') return;
    nodes.set(id, {
      id,
      state,
      type: summary?.type ?? existing?.type ?? 'component',
      kind: summary?.kind ?? existing?.kind ?? '',
    });
  };
  for (const n of diff.nodes.added) see(n.id, 'added', n);
  for (const n of diff.nodes.removed) see(n.id, 'removed', n);
  // The graphs, when given, know the kind of a node the diff only names (a database at an edge's end).
  const known = new Map([...(report.before?.nodes ?? []), ...(report.after?.nodes ?? [])].map((n) => [n.id, n]));
  for (const c of diff.nodes.changed) {
    see(c.id, 'changed', { type: c.type, kind: known.get(c.id)?.kind ?? '' });
    (nodes.get(c.id) as PartNode).note = describeNodeChange(c).join('; ');
  }
  const subjects = [...nodes.values()].sort((a, b) => Number(a.type === 'library') - Number(b.type === 'library'));

  const service: PartEdge[] = [];
  const library: PartEdge[] = [];
  const edge = (e: EdgeSummary, state: PartState, label: string) => {
    see(e.source, 'context', known.get(e.source));
    see(e.target, 'context', e.type === 'uses-library' ? { type: 'library', kind: '' } : known.get(e.target));
    const isLibrary = e.type === 'uses-library';
    (isLibrary ? library : service).push({ from: e.source, to: e.target, state, label, library: isLibrary });
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

  const neighbours = neighbourCalls(report, new Set(diff.nodes.changed.map((c) => c.id)));
  for (const e of neighbours) {
    see(e.source, 'context', known.get(e.source));
    see(e.target, 'context', known.get(e.target));
  }
  const context = neighbours.map((e) => ({
    from: e.source,
    to: e.target,
    state: 'context' as const,
    label: edgeLabel(e),
    library: false,
  }));
  return { subjects, nodes, edges: [...service, ...library, ...context], transitive };
}

/** Calls to or from a changed node that are the same on both sides, in key order. */
function neighbourCalls(report: DiffReport, changed: ReadonlySet<string>) {
  const { before, after } = report;
  if (!before || !after || changed.size === 0) return [];
  const was = new Set(before.edges.map((e) => e.key));
  const moved = new Set(report.diff.edges.changed.map((c) => c.to.key));
  return after.edges
    .filter(
      (e) =>
        e.type === 'calls-service' &&
        (changed.has(e.source) || changed.has(e.target)) &&
        was.has(e.key) &&
        !moved.has(e.key),
    )
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
