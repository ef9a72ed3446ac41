/**
 * A diagram as Graphviz DOT, for people who already draw with Graphviz: the same groups
 * (clusters), shapes, colours, labels and legend as the Mermaid flowchart. The legend is a
 * sample edge drawn the way discovered (observed-only, unseen) edges are, and a sample box
 * for names only observations know. Graphviz has one dash pattern: observed-only calls are
 * told from discovered ones by their colour and width.
 */
import { dotString } from './escape/index.js';
import { DISCOVERED_FROM, legendLines, NOT_OBSERVED, OBSERVED_NODE, OBSERVED_ONLY } from './legend.js';
import type { Diagram, DiagramEdge, DiagramNode, Shape } from './model.js';
import { strokeWidth } from './mermaid-flowchart.js';
import {
  DISCOVERED_EDGE,
  FOCUS_WIDTH,
  GROUP_PAINT,
  NODE_PAINT,
  OBSERVED_EDGE,
  UNOBSERVED_EDGE,
  UNPINNED_EDGE,
  type Paint,
} from './palette.js';

/** `#94a3b8` at `opacity` as Graphviz's `#rrggbbaa`. */
const faded = (colour: string, opacity: number) =>
  `${colour}${Math.round(opacity * 255)
    .toString(16)
    .padStart(2, '0')}`;

const SHAPES: Record<Shape, { shape: string; style?: string; peripheries?: number }> = {
  rounded: { shape: 'box', style: 'rounded' },
  rect: { shape: 'box' },
  trapezoid: { shape: 'trapezium' },
  subroutine: { shape: 'box', peripheries: 2 },
  cylinder: { shape: 'cylinder' },
  hexagon: { shape: 'hexagon' },
  parallelogram: { shape: 'parallelogram' },
  stadium: { shape: 'box', style: 'rounded' },
};

const attrs = (list: [string, string | number][]) =>
  `[${list.map(([k, v]) => `${k}=${typeof v === 'number' ? v : dotString(v)}`).join(', ')}]`;

function paintAttrs(paint: Paint, base: string[]): [string, string | number][] {
  const style = [...base, 'filled'];
  if (paint.dashed) style.push('dashed');
  const list: [string, string | number][] = [
    ['style', style.join(',')],
    ['fillcolor', paint.fill],
    ['color', paint.stroke],
    ['fontcolor', paint.text],
  ];
  if (paint.width) list.push(['penwidth', paint.width]);
  return list;
}

function nodeLine(node: DiagramNode): string {
  const shape = SHAPES[node.shape];
  const label = node.detail ? `${node.label}\n${node.detail}` : node.label;
  const list: [string, string | number][] = [
    ['label', label],
    ['shape', shape.shape],
    ...paintAttrs(NODE_PAINT[node.style], shape.style ? [shape.style] : []),
  ];
  if (shape.peripheries) list.push(['peripheries', shape.peripheries]);
  if (node.focus) list.push(['penwidth', FOCUS_WIDTH]);
  return `${dotString(node.id)} ${attrs(list)}`;
}

function edgeLine(edge: DiagramEdge): string {
  const list: [string, string | number][] = [];
  if (edge.label) list.push(['label', edge.label]);
  const observedOnly = edge.presence === 'observed-only' && !edge.unpinned;
  if (edge.line === 'thick') list.push(['penwidth', 2.5]);
  else if (observedOnly) list.push(['penwidth', Math.max(OBSERVED_EDGE.width, strokeWidth(edge.weight))]);
  else if (strokeWidth(edge.weight) > 1) list.push(['penwidth', strokeWidth(edge.weight)]);
  if (edge.line === 'dotted') list.push(['style', 'dotted']);
  else if (edge.discovered || observedOnly) list.push(['style', 'dashed']);
  // As the flowchart: red first, then what the observations say, then discovered.
  if (edge.unpinned) list.push(['color', UNPINNED_EDGE.stroke], ['fontcolor', UNPINNED_EDGE.text]);
  else if (observedOnly) list.push(['color', OBSERVED_EDGE.stroke], ['fontcolor', OBSERVED_EDGE.text]);
  else if (edge.presence === 'declared-only')
    list.push(['color', faded(UNOBSERVED_EDGE.stroke, UNOBSERVED_EDGE.opacity)], ['fontcolor', UNOBSERVED_EDGE.text]);
  else if (edge.discovered) list.push(['color', DISCOVERED_EDGE.stroke], ['fontcolor', DISCOVERED_EDGE.text]);
  // Edges to a group's box: Graphviz clips them at the cluster (needs compound=true).
  if (edge.sourceGroup) list.push(['ltail', `cluster_${edge.sourceGroup}`]);
  if (edge.targetGroup) list.push(['lhead', `cluster_${edge.targetGroup}`]);
  return `${dotString(edge.source)} -> ${dotString(edge.target)}${list.length > 0 ? ` ${attrs(list)}` : ''}`;
}

type Attrs = [string, string | number][];

/** Two points and a sample edge between them, labelled with what such edges are. */
function sampleEdge(from: string, to: string, colour: string, edge: Attrs): string[] {
  const point: Attrs = [
    ['shape', 'point'],
    ['width', 0.06],
    ['color', colour],
  ];
  return [
    `    ${dotString(from)} ${attrs(point)};`,
    `    ${dotString(to)} ${attrs(point)};`,
    `    ${dotString(from)} -> ${dotString(to)} ${attrs(edge)};`,
  ];
}

/** A sample of each mark the diagram draws (see legend.ts), in one faded cluster. */
function legendCluster(diagram: Diagram): string[] {
  const out: string[] = [];
  for (const line of legendLines(diagram, true)) {
    if (line.key === 'discovered')
      out.push(
        ...sampleEdge('legend_from', 'legend_to', DISCOVERED_EDGE.stroke, [
          ['label', DISCOVERED_FROM],
          ['style', 'dashed'],
          ['color', DISCOVERED_EDGE.stroke],
          ['fontcolor', DISCOVERED_EDGE.text],
        ]),
      );
    else if (line.key === 'observed')
      out.push(
        ...sampleEdge('legend_observed_from', 'legend_observed_to', OBSERVED_EDGE.stroke, [
          ['label', `${OBSERVED_ONLY}, with the number of calls seen`],
          ['style', 'dashed'],
          ['penwidth', OBSERVED_EDGE.width],
          ['color', OBSERVED_EDGE.stroke],
          ['fontcolor', OBSERVED_EDGE.text],
        ]),
      );
    else if (line.key === 'unobserved') {
      const colour = faded(UNOBSERVED_EDGE.stroke, UNOBSERVED_EDGE.opacity);
      out.push(
        ...sampleEdge('legend_unobserved_from', 'legend_unobserved_to', colour, [
          ['label', NOT_OBSERVED],
          ['color', colour],
          ['fontcolor', UNOBSERVED_EDGE.text],
        ]),
      );
    } else
      out.push(
        `    ${dotString('legend_observed_node')} ${attrs([['label', OBSERVED_NODE], ['shape', 'box'], ...paintAttrs(NODE_PAINT.observed, [])])};`,
      );
  }
  if (out.length === 0) return [];
  return [
    `  subgraph ${dotString('cluster_legend')} {`,
    `    graph ${attrs([['label', 'legend'], ...paintAttrs(GROUP_PAINT.ghost, [])])};`,
    ...out,
    '  }',
  ];
}

export function renderDot(diagram: Diagram): string {
  const out: string[] = [
    `// ${diagram.title.replace(/[\r\n]+/g, ' ')} (generated by depmap)`,
    `digraph ${dotString(diagram.name)} {`,
    `  graph ${attrs([
      ['rankdir', diagram.direction],
      ['label', diagram.title],
      ['labelloc', 't'],
      ['fontname', 'Helvetica'],
      ['fontsize', 16],
      ['newrank', 'true'],
      ['compound', 'true'],
      ['nodesep', 0.4],
      ['ranksep', 0.6],
    ])};`,
    `  node ${attrs([
      ['fontname', 'Helvetica'],
      ['fontsize', 11],
      ['margin', '0.15,0.07'],
    ])};`,
    `  edge ${attrs([
      ['fontname', 'Helvetica'],
      ['fontsize', 9],
      ['color', '#475569'],
    ])};`,
  ];
  for (const node of diagram.nodes) if (node.group === undefined) out.push(`  ${nodeLine(node)};`);
  for (const group of diagram.groups) {
    const paint = GROUP_PAINT[group.style];
    out.push(`  subgraph ${dotString(`cluster_${group.id}`)} {`);
    out.push(`    graph ${attrs([['label', group.label], ...paintAttrs(paint, [])])};`);
    for (const node of diagram.nodes) if (node.group === group.key) out.push(`    ${nodeLine(node)};`);
    out.push('  }');
  }
  for (const edge of diagram.edges) out.push(`  ${edgeLine(edge)};`);
  out.push(...legendCluster(diagram));
  out.push('}');
  return `${out.join('\n')}\n`;
}
