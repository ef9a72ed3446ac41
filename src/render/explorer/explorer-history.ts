/**
 * The time slider's data: the lineage's commits as slider positions, each edge's versions as
 * intervals between positions, each node's first and last position.
 */
import type { Lineage, Stamp } from '../../history/lineage.js';
import type { GraphNode } from '../../graph/types.js';
import { column, type StringTable } from './columns.js';
import { OPEN, type ExplorerHistory } from './types.js';

export function historyData(
  lineage: Lineage,
  nodes: readonly GraphNode[],
  nodeIndex: ReadonlyMap<string, number>,
  edgeCount: number,
  lineageOfEdge: ReadonlyMap<number, Lineage['edges'][number]>,
  strings: StringTable,
): ExplorerHistory {
  // Positions: the distinct commit times of the whole lineage, each captioned by the first commit at it.
  const stamps = new Map<number, Stamp>();
  const see = (s: Stamp | undefined) => {
    if (s && !stamps.has(s.time)) stamps.set(s.time, s);
  };
  for (const e of lineage.edges) for (const v of e.versions) (see(v.from), see(v.to));
  for (const nd of lineage.nodes) (see(nd.firstSeen), see(nd.removed ? nd.lastSeen : undefined));
  const times = [...stamps.keys()].sort((a, b) => a - b).slice(0, OPEN - 1);
  const position = new Map(times.map((t, i) => [t, i]));
  const at = (s: Stamp) => position.get(s.time) ?? times.length - 1;
  const captions = times.map((t) => {
    const s = stamps.get(t) as Stamp;
    return `${s.date.slice(0, 10)} ${s.repo} ${s.commit.slice(0, 7)} ${s.subject}`;
  });

  const start = new Uint32Array(edgeCount + 1);
  const from: number[] = [];
  const to: number[] = [];
  const label: number[] = [];
  const pinned: number[] = [];
  for (let i = 0; i < edgeCount; i++) {
    start[i] = from.length;
    for (const v of lineageOfEdge.get(i)?.versions ?? []) {
      from.push(at(v.from));
      to.push(v.to ? at(v.to) : OPEN);
      label.push(strings.of(v.version ?? v.image));
      pinned.push(v.pinned ? 1 : 0);
    }
  }
  start[edgeCount] = from.length;
  const nodeFrom = new Uint16Array(nodes.length).fill(OPEN);
  const nodeTo = new Uint16Array(nodes.length).fill(OPEN);
  for (const nd of lineage.nodes) {
    const i = nodeIndex.get(nd.id);
    if (i === undefined) continue;
    nodeFrom[i] = at(nd.firstSeen);
    nodeTo[i] = nd.removed && nd.lastSeen ? at(nd.lastSeen) : OPEN;
  }
  return {
    times,
    captions,
    start: column(start),
    from: column(from),
    to: column(to),
    label: column(label, true),
    pinned: column(pinned),
    nodeFrom: column(nodeFrom),
    nodeTo: column(nodeTo),
  };
}
