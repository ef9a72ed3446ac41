/**
 * A diagram as JSON: what is drawn, with the graph data behind every node and edge, for
 * people who draw with their own tools. An edge drawn observed-only or declared-only says so
 * in `presence`; the graph edges behind it carry their own presence and observation.
 */
import { safeJson } from '../util/control-chars.js';
import { legendLines } from './legend.js';
import type { Diagram } from './model.js';

function diagramJson(diagram: Diagram): unknown {
  const keyOf = new Map(diagram.nodes.map((n) => [n.id, n.key]));
  const legend = legendLines(diagram, true).map((line) => line.text);
  return {
    name: diagram.name,
    kind: diagram.kind,
    title: diagram.title,
    notes: diagram.notes,
    ...(legend.length === 0 ? {} : { legend }),
    groups: diagram.groups.map((g) => ({ id: g.id, key: g.key, label: g.label, style: g.style })),
    nodes: diagram.nodes.map((n) => ({
      id: n.id,
      key: n.key,
      label: n.label,
      ...(n.detail === undefined ? {} : { detail: n.detail }),
      shape: n.shape,
      style: n.style,
      ...(n.group === undefined ? {} : { group: n.group }),
      ...(n.focus ? { focus: true } : {}),
      ...(n.node ? { node: n.node } : {}),
    })),
    edges: diagram.edges.map((e) => ({
      source: keyOf.get(e.source),
      target: keyOf.get(e.target),
      ...(e.label === undefined ? {} : { label: e.label }),
      ...(e.sourceGroup === undefined ? {} : { sourceGroup: e.sourceGroup }),
      ...(e.targetGroup === undefined ? {} : { targetGroup: e.targetGroup }),
      line: e.line,
      ...(e.weight === undefined ? {} : { weight: e.weight }),
      unpinned: e.unpinned,
      ...(e.discovered ? { discovered: true } : {}),
      ...(e.presence === undefined ? {} : { presence: e.presence }),
      edges: e.edges,
    })),
  };
}

export function renderJson(diagram: Diagram): string {
  return `${safeJson(JSON.stringify(diagramJson(diagram), null, 2))}\n`;
}
