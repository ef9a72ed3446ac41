/**
 * A diagram as a Mermaid flowchart: one subgraph per group, node shapes by kind, edge labels
 * with protocol and version, and colours for what needs attention (unpinned, unresolved).
 * Discovered edges are dashed and grey, explained by a legend box (only in a diagram that has
 * them). With observations joined, calls only they show are dashed teal with their count,
 * declared calls they never show faded, each said in the legend too. Only the classic syntax
 * that GitHub's Mermaid renders is used.
 */
import type { Diagram, DiagramEdge, DiagramNode, LineStyle, NodeStyle, Shape } from './model.js';
import { mermaidLabel, mermaidYamlScalar } from './escape/index.js';
import { LEGEND_IDS, legendLines } from './legend.js';
import {
  DISCOVERED_EDGE,
  FOCUS_WIDTH,
  GROUP_PAINT,
  LEGEND_PAINT,
  NODE_PAINT,
  OBSERVED_EDGE,
  UNOBSERVED_EDGE,
  UNPINNED_EDGE,
  type Paint,
} from './palette.js';

const SHAPES: Record<Shape, [string, string]> = {
  rounded: ['(', ')'],
  rect: ['[', ']'],
  trapezoid: ['[/', '\\]'],
  subroutine: ['[[', ']]'],
  cylinder: ['[(', ')]'],
  hexagon: ['{{', '}}'],
  parallelogram: ['[/', '/]'],
  stadium: ['([', '])'],
};

/** A Mermaid style line (`fill:…,stroke:…`) for a paint. */
function css(paint: Paint): string {
  const parts = [`fill:${paint.fill}`, `stroke:${paint.stroke}`];
  if (paint.width) parts.push(`stroke-width:${paint.width}px`);
  if (paint.dashed) parts.push('stroke-dasharray:5 4');
  parts.push(`color:${paint.text}`);
  return parts.join(',');
}

const UNPINNED_LINK = `stroke:${UNPINNED_EDGE.stroke},stroke-width:${UNPINNED_EDGE.width}px,color:${UNPINNED_EDGE.text}`;

/** Ids of the legend: no graph name maps to them (ids.ts prefixes every id it makes). */
const LEGEND_GROUP = 'grp_legend';

/**
 * The linkStyle of a discovered edge. A linkStyle replaces the edge's whole style, so it
 * carries the width of an aggregate too; dotted edges (to unresolved services) keep their dots.
 */
function discoveredLink(edge: DiagramEdge): string {
  const parts = [`stroke:${DISCOVERED_EDGE.stroke}`];
  if (edge.line !== 'dotted') parts.push(`stroke-dasharray:${DISCOVERED_EDGE.dash}`);
  const width = strokeWidth(edge.weight);
  if (width > 1 && edge.line !== 'thick') parts.push(`stroke-width:${width}px`);
  parts.push(`color:${DISCOVERED_EDGE.text}`);
  return parts.join(',');
}

/** Observed-only: teal dash-dot, at least 2px (an undeclared call is a finding), wider as an aggregate. */
function observedLink(edge: DiagramEdge): string {
  const width = Math.max(OBSERVED_EDGE.width, strokeWidth(edge.weight));
  return [
    `stroke:${OBSERVED_EDGE.stroke}`,
    `stroke-dasharray:${OBSERVED_EDGE.dash}`,
    `stroke-width:${width}px`,
    `color:${OBSERVED_EDGE.text}`,
  ].join(',');
}

/** Declared-only: faded; a discovered one keeps its dashes, a dotted one its dots, a critical one its width. */
function unobservedLink(edge: DiagramEdge): string {
  const parts = [`stroke:${UNOBSERVED_EDGE.stroke}`, `stroke-opacity:${UNOBSERVED_EDGE.opacity}`];
  if (edge.discovered && edge.line !== 'dotted') parts.push(`stroke-dasharray:${DISCOVERED_EDGE.dash}`);
  const width = strokeWidth(edge.weight);
  if (width > 1 && edge.line !== 'thick') parts.push(`stroke-width:${width}px`);
  parts.push(`color:${UNOBSERVED_EDGE.text}`);
  return parts.join(',');
}

/** Aggregated edges: thicker the more calls they stand for. */
export function strokeWidth(weight: number | undefined): number {
  if (weight === undefined || weight < 3) return 1;
  return weight < 10 ? 2 : weight < 30 ? 3 : 4;
}

const ARROWS: Record<LineStyle, string> = { normal: '-->', thick: '==>', dotted: '-.->' };

function nodeLine(node: DiagramNode): string {
  const [open, close] = SHAPES[node.shape];
  const detail = node.detail ? node.detail.split('\n').map((line) => `<br/><small>${mermaidLabel(line)}</small>`) : [];
  const text = `${mermaidLabel(node.label)}${detail.join('')}`;
  return `${node.id}${open}"${text}"${close}`;
}

/**
 * The front matter's config of every flowchart depmap writes. Straight edge segments: dagre
 * (GitHub's only layout) lays each edge label out as a node on its edge, and Mermaid draws
 * the edge through that point only when the segments are straight; its default curve bends
 * past it, so labels end up beside their edge, on other labels (two calls back and forth) and
 * on nodes. Measured with dagre on the demo's pages and the PR picture: 7 labels over others and
 * 2 on nodes with the default curve, none with straight segments (test/render/layout.test.ts).
 */
export function flowchartConfig(elk: boolean): string[] {
  return ['config:', ...(elk ? ['  layout: elk'] : []), '  flowchart:', '    curve: linear'];
}

/**
 * ELK only where there are groups (subgraphs): it lays out nested groups far better than
 * dagre, and where it is not installed (GitHub) Mermaid falls back to dagre, which still draws
 * the same graph. Without groups (the systems overview) dagre is the better layout, so depmap
 * draws what GitHub draws: it lays each edge label out as a node on its edge, where ELK puts
 * labels by their arrowhead, a stack of them at every node many edges reach (measured on the
 * generated large organisation's overview: 33 of 49 labels nearer another edge than their own,
 * or off it, with ELK; none with dagre and straight segments; test/render/layout.test.ts).
 */
export function renderFlowchart(diagram: Diagram): string {
  const out: string[] = [
    '---',
    `title: ${mermaidYamlScalar(diagram.title)}`,
    ...flowchartConfig(diagram.groups.length > 0),
    '---',
    `flowchart ${diagram.direction}`,
  ];
  const byGroup = new Map<string | undefined, DiagramNode[]>();
  for (const node of diagram.nodes) {
    const list = byGroup.get(node.group);
    if (list) list.push(node);
    else byGroup.set(node.group, [node]);
  }
  for (const node of byGroup.get(undefined) ?? []) out.push(`  ${nodeLine(node)}`);
  for (const group of diagram.groups) {
    out.push(`  subgraph ${group.id}["${mermaidLabel(group.label)}"]`);
    for (const node of byGroup.get(group.key) ?? []) out.push(`    ${nodeLine(node)}`);
    out.push('  end');
  }
  const legend = legendLines(diagram, true);
  if (legend.length > 0) {
    out.push(`  subgraph ${LEGEND_GROUP}["legend"]`);
    for (const line of legend) out.push(`    ${LEGEND_IDS[line.key]}["${mermaidLabel(line.text)}"]`);
    out.push('  end');
  }
  const unpinned: number[] = [];
  // Link styles by kind, in this order, then by style text: the same edges, the same lines.
  const styled = { discovered: new Map<string, number[]>(), presence: new Map<string, number[]>() };
  const add = (map: Map<string, number[]>, link: string, i: number) => map.set(link, [...(map.get(link) ?? []), i]);
  diagram.edges.forEach((edge, i) => {
    const arrow = ARROWS[edge.line];
    const source = edge.sourceGroup ?? edge.source;
    const target = edge.targetGroup ?? edge.target;
    out.push(
      edge.label ? `  ${source} ${arrow}|"${mermaidLabel(edge.label)}"| ${target}` : `  ${source} ${arrow} ${target}`,
    );
    // Red first: a declared version that is not pinned is a finding, seen or not.
    if (edge.unpinned) unpinned.push(i);
    else if (edge.presence === 'observed-only') add(styled.presence, observedLink(edge), i);
    else if (edge.presence === 'declared-only') add(styled.presence, unobservedLink(edge), i);
    else if (edge.discovered) add(styled.discovered, discoveredLink(edge), i);
  });
  const byStyle = new Map<NodeStyle, string[]>();
  for (const node of diagram.nodes) {
    const list = byStyle.get(node.style);
    if (list) list.push(node.id);
    else byStyle.set(node.style, [node.id]);
  }
  for (const [style, ids] of [...byStyle].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push(`  classDef ${style} ${css(NODE_PAINT[style])}`);
    out.push(`  class ${ids.join(',')} ${style}`);
  }
  const focus = diagram.nodes.filter((n) => n.focus).map((n) => n.id);
  if (focus.length > 0) out.push(`  classDef focus stroke-width:${FOCUS_WIDTH}px`, `  class ${focus.join(',')} focus`);
  for (const group of diagram.groups) out.push(`  style ${group.id} ${css(GROUP_PAINT[group.style])}`);
  if (unpinned.length > 0) out.push(`  linkStyle ${unpinned.join(',')} ${UNPINNED_LINK}`);
  for (const [link, indexes] of [...styled.discovered, ...styled.presence])
    out.push(`  linkStyle ${indexes.join(',')} ${link}`);
  if (legend.length > 0) {
    const ids = legend.map((line) => LEGEND_IDS[line.key]);
    out.push(`  classDef legend ${css(LEGEND_PAINT)}`, `  class ${ids.join(',')} legend`);
    out.push(`  style ${LEGEND_GROUP} ${css(GROUP_PAINT.ghost)}`);
  }
  const widths = new Map<number, number[]>();
  diagram.edges.forEach((edge, i) => {
    const width = strokeWidth(edge.weight);
    if (width > 1 && !edge.unpinned && !edge.discovered && !edge.presence)
      widths.set(width, [...(widths.get(width) ?? []), i]);
  });
  for (const [width, indexes] of [...widths].sort(([a], [b]) => a - b))
    out.push(`  linkStyle ${indexes.join(',')} stroke-width:${width}px`);
  return `${out.join('\n')}\n`;
}
