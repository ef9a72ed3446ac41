/**
 * A graph diff as a flat list of one-line changes, the form people read (text, Markdown,
 * the timeline). Library and resource nodes that merely appear or disappear with their
 * edges are not repeated: the edge says it.
 */
import { count } from '../util/words.js';
import { describeMove } from './diff-versions.js';
import type { EdgeChange, EdgeSummary, GraphDiff, NodeChange, NodeSummary } from './diff-graphs.js';

type ChangeKind =
  | 'component-added'
  | 'component-removed'
  | 'component-changed'
  | 'resource-changed'
  | 'service-added'
  | 'service-removed'
  | 'service-changed'
  | 'library-added'
  | 'library-removed'
  | 'library-changed';

export interface ChangeLine {
  kind: ChangeKind;
  /** The component the change belongs to (the edge's source for edges). */
  component: string;
  /** The other end, for edges. */
  target?: string;
  /** `+`, `-` or `~`. */
  sign: '+' | '-' | '~';
  text: string;
  /** A line that stands for this many transitive library changes of one lockfile (the diff has each). */
  folded?: number;
}

export interface DiffCounts {
  components: { added: number; removed: number; changed: number };
  services: { added: number; removed: number; changed: number };
  libraries: { added: number; removed: number; changed: number };
  versions: { upgrades: number; downgrades: number; other: number };
  pins: { gained: number; lost: number };
}

export function countDiff(diff: GraphDiff): DiffCounts {
  const edges = (type: EdgeSummary['type']) => ({
    added: diff.edges.added.filter((e) => e.type === type).length,
    removed: diff.edges.removed.filter((e) => e.type === type).length,
    changed: diff.edges.changed.filter((e) => e.type === type).length,
  });
  const counts: DiffCounts = {
    components: {
      added: diff.nodes.added.filter((n) => n.type === 'component').length,
      removed: diff.nodes.removed.filter((n) => n.type === 'component').length,
      changed: diff.nodes.changed.filter((n) => n.type === 'component').length,
    },
    services: edges('calls-service'),
    libraries: edges('uses-library'),
    versions: { upgrades: 0, downgrades: 0, other: 0 },
    pins: { gained: 0, lost: 0 },
  };
  const moves = [
    ...diff.edges.changed.flatMap((c) => [c.version, c.image, c.baseImage]),
    ...diff.nodes.changed.flatMap((n) => n.provides.map((p) => p.version)),
  ];
  for (const move of moves) {
    if (!move) continue;
    if (move.direction === 'upgrade') counts.versions.upgrades++;
    else if (move.direction === 'downgrade') counts.versions.downgrades++;
    else counts.versions.other++;
  }
  for (const c of diff.edges.changed) for (const p of c.pin) p.to ? counts.pins.gained++ : counts.pins.lost++;
  return counts;
}

function describeNode(n: NodeSummary): string {
  const parts = [n.kind];
  if (n.system) parts.push(`system ${n.system}`);
  if (n.owner) parts.push(`owner ${n.owner}`);
  return parts.join(', ');
}

/** "grpc payments-grpc 3.2.0" / "pkg:npm/express@4.19.2 [test]" */
function describeEdge(e: EdgeSummary): string {
  if (e.type === 'uses-library') {
    return `${e.target}${e.version ? `@${e.version}` : ''}${e.scope ? ` [${e.scope}]` : ''}${e.transitive ? ' (transitive)' : ''}${e.pinned ? '' : ' (unpinned)'}`;
  }
  const parts = [e.protocol, e.api, e.version, e.image, e.baseImage ? `built from ${e.baseImage}` : undefined].filter(
    (x): x is string => Boolean(x),
  );
  return `${e.source} → ${e.target}${parts.length ? ` (${parts.join(' ')})` : ''}${e.pinned ? '' : ' (unpinned)'}`;
}

export function describeNodeChange(c: NodeChange): string[] {
  const out = c.fields.map((f) => `${f.field} ${f.from ?? '(none)'} → ${f.to ?? '(none)'}`);
  for (const p of c.provides) {
    if (p.change === 'added') out.push(`provides + ${p.api} ${p.to?.version ?? ''} (${p.to?.protocol ?? ''})`);
    else if (p.change === 'removed') out.push(`provides - ${p.api} ${p.from?.version ?? ''}`);
    else if (p.version) out.push(`provides ${p.api} ${describeMove(p.version)}`);
    else out.push(`provides ${p.api} protocol ${p.from?.protocol ?? ''} → ${p.to?.protocol ?? ''}`);
  }
  return out;
}

export function describeEdgeChange(c: EdgeChange): string[] {
  const out: string[] = [];
  if (c.version) out.push(describeMove(c.version));
  if (c.image) out.push(`image ${describeMove(c.image)}`);
  if (c.baseImage) out.push(`base image ${describeMove(c.baseImage)}`);
  for (const p of c.pin) {
    const what = p.of === 'image' ? 'image' : 'version';
    out.push(p.to ? `${what} now pinned` : `${what} no longer pinned${p.reason ? ` (${p.reason})` : ''}`);
  }
  for (const f of c.fields) {
    if (f.field === 'transitive') out.push(f.to === 'direct' ? 'now a direct dependency' : 'now only transitive');
    else out.push(`${f.field} ${f.from ?? '(none)'} → ${f.to ?? '(none)'}`);
  }
  return out;
}

/** Transitive library changes of one lockfile told one by one; more make one line (the diff keeps each). */
const MAX_TRANSITIVE_LINES = 3;

interface TransitiveGroup {
  component: string;
  file: string | undefined;
  added: EdgeSummary[];
  removed: EdgeSummary[];
  changed: EdgeChange[];
}

function edgeLine(e: EdgeSummary, sign: '+' | '-'): ChangeLine {
  const library = e.type === 'uses-library';
  const kind = library
    ? sign === '+'
      ? 'library-added'
      : 'library-removed'
    : sign === '+'
      ? 'service-added'
      : 'service-removed';
  return {
    kind,
    component: e.source,
    target: e.target,
    sign,
    text: library ? `${e.source} uses ${describeEdge(e)}` : `${describeEdge(e)}`,
  };
}

function edgeChangeLine(c: EdgeChange): ChangeLine {
  const library = c.type === 'uses-library';
  return {
    kind: library ? 'library-changed' : 'service-changed',
    component: c.source,
    target: c.target,
    sign: '~',
    text: `${library ? `${c.source}: ${c.target}` : `${c.source} → ${c.target}`} ${describeEdgeChange(c).join('; ')}${c.from.transitive && c.to.transitive ? ' (transitive)' : ''}`,
  };
}

/** `web: 12 transitive libraries changed in package-lock.json (8 changed, 3 added, 1 removed)` */
function transitiveLine(g: TransitiveGroup, n: number): ChangeLine {
  const only = g.added.length === n ? 'added' : g.removed.length === n ? 'removed' : undefined;
  const parts = [
    g.changed.length ? `${g.changed.length} changed` : '',
    g.added.length ? `${g.added.length} added` : '',
    g.removed.length ? `${g.removed.length} removed` : '',
  ].filter(Boolean);
  return {
    kind: only === 'added' ? 'library-added' : only === 'removed' ? 'library-removed' : 'library-changed',
    component: g.component,
    sign: only === 'added' ? '+' : only === 'removed' ? '-' : '~',
    text: `${g.component}: ${count(n, 'transitive library', 'transitive libraries')} ${only ?? 'changed'}${g.file ? ` in ${g.file}` : ''}${only ? '' : ` (${parts.join(', ')})`}`,
    folded: n,
  };
}

export interface DescribeOptions {
  /** Count the edges of an added or removed component on its line instead of listing each. */
  fold?: boolean;
}

export function describeDiff(diff: GraphDiff, options: DescribeOptions = {}): ChangeLine[] {
  const lines: ChangeLine[] = [];
  const folded = new Set<string>();
  const withEdges = (id: string, edges: readonly EdgeSummary[]) => {
    if (!options.fold) return '';
    folded.add(id);
    const libraries = edges.filter((e) => e.source === id && e.type === 'uses-library');
    const direct = libraries.filter((e) => !e.transitive).length;
    const transitive = libraries.length - direct;
    const services = edges.filter((e) => e.source === id && e.type === 'calls-service').length;
    const parts = [
      direct ? count(direct, 'library', 'libraries') : '',
      services ? count(services, 'service') : '',
    ].filter(Boolean);
    const also = transitive
      ? `${parts.length ? ' (and ' : ' with '}${count(transitive, 'transitive library', 'transitive libraries')}${parts.length ? ')' : ''}`
      : '';
    return `${parts.length ? ` with ${parts.join(' and ')}` : ''}${also}`;
  };
  for (const n of diff.nodes.removed) {
    if (n.type === 'component') {
      lines.push({
        kind: 'component-removed',
        component: n.id,
        sign: '-',
        text: `component ${n.id} (${describeNode(n)})${withEdges(n.id, diff.edges.removed)}`,
      });
    }
  }
  for (const n of diff.nodes.added) {
    if (n.type === 'component') {
      lines.push({
        kind: 'component-added',
        component: n.id,
        sign: '+',
        text: `component ${n.id} (${describeNode(n)})${withEdges(n.id, diff.edges.added)}`,
      });
    }
  }
  for (const c of diff.nodes.changed) {
    const kind = c.type === 'component' ? 'component-changed' : 'resource-changed';
    lines.push({ kind, component: c.id, sign: '~', text: `${c.id}: ${describeNodeChange(c).join('; ')}` });
  }
  // A lockfile bump moves many transitive packages at once: more than a few of one lockfile are one line.
  const groups = new Map<string, TransitiveGroup>();
  const grouped = (e: EdgeSummary): TransitiveGroup | undefined => {
    if (e.type !== 'uses-library' || !e.transitive) return undefined;
    const key = `${e.source}\0${e.importedFrom ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { component: e.source, file: e.importedFrom, added: [], removed: [], changed: [] };
      groups.set(key, group);
    }
    return group;
  };
  for (const e of diff.edges.removed) {
    if (folded.has(e.source)) continue;
    const group = grouped(e);
    if (group) group.removed.push(e);
    else lines.push(edgeLine(e, '-'));
  }
  for (const e of diff.edges.added) {
    if (folded.has(e.source)) continue;
    const group = grouped(e);
    if (group) group.added.push(e);
    else lines.push(edgeLine(e, '+'));
  }
  for (const c of diff.edges.changed) {
    // A package that became direct, or stopped being so, is told on its own.
    const group = c.from.transitive ? grouped(c.to) : undefined;
    if (group) group.changed.push(c);
    else lines.push(edgeChangeLine(c));
  }
  for (const group of groups.values()) {
    const n = group.added.length + group.removed.length + group.changed.length;
    if (n > MAX_TRANSITIVE_LINES) lines.push(transitiveLine(group, n));
    else {
      for (const e of group.removed) lines.push(edgeLine(e, '-'));
      for (const e of group.added) lines.push(edgeLine(e, '+'));
      for (const c of group.changed) lines.push(edgeChangeLine(c));
    }
  }
  const order: Record<ChangeLine['kind'], number> = {
    'component-added': 0,
    'component-removed': 1,
    'component-changed': 2,
    'resource-changed': 3,
    'service-added': 4,
    'service-removed': 5,
    'service-changed': 6,
    'library-added': 7,
    'library-removed': 8,
    'library-changed': 9,
  };
  return lines.sort(
    (a, b) => a.component.localeCompare(b.component) || order[a.kind] - order[b.kind] || a.text.localeCompare(b.text),
  );
}
