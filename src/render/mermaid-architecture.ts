/**
 * A diagram in Mermaid's architecture-beta syntax: groups with icons and services, the
 * alternative look to the flowchart. architecture-beta has no edge labels and no styling, so
 * what the flowchart says with labels and colours is said in the node titles here, and its
 * legend (discovered edges) is a service of its own in a legend group: it draws no title.
 * Nor can it dash or fade an arrow: with observations joined, its legend names the calls only
 * they show and the declared calls they never show, and names only they know are titled
 * "(observed only)".
 */
import { mermaidBareText } from './escape/index.js';
import { discoveredEdges, LEGEND_IDS, legendLines } from './legend.js';
import type { Diagram, DiagramNode, GroupStyle, Shape } from './model.js';

/** architecture-beta titles are `[…]` and decode no entities: syntax becomes look-alikes. */
const architectureText = (text: string) => mermaidBareText(text);

const ICONS: Record<Shape, string> = {
  rounded: 'server',
  rect: 'server',
  trapezoid: 'internet',
  subroutine: 'server',
  cylinder: 'database',
  hexagon: 'disk',
  parallelogram: 'disk',
  stadium: 'cloud',
};

const GROUP_ICONS: Record<GroupStyle, string> = {
  system: 'cloud',
  shared: 'server',
  external: 'internet',
  ghost: 'cloud',
};

/** `markDiscovered`: in a diagram with declared and discovered calls, say which components' calls are discovered. */
function title(node: DiagramNode, markDiscovered: boolean): string {
  const marks: string[] = [];
  if (node.style === 'unresolved') marks.push('unresolved');
  if (node.style === 'unpinned') marks.push('unpinned');
  if (node.style === 'observed') marks.push('observed only');
  if (markDiscovered && node.node?.type === 'component' && node.node.discovered) marks.push('discovered');
  // Collapsed systems and parts: say what they are.
  if (node.style === 'ghost' && !node.node && node.detail) marks.push(node.detail.split('\n')[0] as string);
  return architectureText(marks.length > 0 ? `${node.label} (${marks.join(', ')})` : node.label);
}

type Side = 'T' | 'B' | 'L' | 'R';

/**
 * Layers of the call graph: callers above callees (longest path from the callers, cycles
 * broken where the depth-first walk meets them).
 */
function layers(diagram: Diagram): Map<string, number> {
  const out = new Map<string, string[]>();
  for (const e of diagram.edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const layer = new Map<string, number>();
  const state = new Map<string, 1 | 2>();
  const order: string[] = [];
  const visit = (id: string) => {
    state.set(id, 1);
    for (const next of out.get(id) ?? []) if (!state.has(next)) visit(next);
    state.set(id, 2);
    order.push(id);
  };
  for (const node of diagram.nodes) if (!state.has(node.id)) visit(node.id);
  // Reverse post-order is a topological order once back edges are ignored.
  const position = new Map(order.map((id, i) => [id, order.length - i]));
  for (const id of [...order].reverse()) {
    for (const next of out.get(id) ?? []) {
      if ((position.get(next) as number) > (position.get(id) as number))
        layer.set(next, Math.max(layer.get(next) ?? 0, (layer.get(id) ?? 0) + 1));
    }
    if (!layer.has(id)) layer.set(id, 0);
  }
  return layer;
}

/**
 * The sides an edge leaves and enters by. architecture-beta aligns the ends of an edge on
 * those sides (\`a:B --> T:b\` puts b right below a), so contradicting sides make nodes and
 * groups overlap: callees go below their callers by layer, same-layer calls sideways, and
 * calls back up leave by the top. (Avoiding sides already in use was tried: it made whole
 * groups overlap, which is worse.)
 */
function sidesOf(layer: Map<string, number>, source: string, target: string, direction: 'LR' | 'TB'): [Side, Side] {
  const from = layer.get(source) ?? 0;
  const to = layer.get(target) ?? 0;
  const [down, up, across, back]: Side[] = direction === 'LR' ? ['R', 'L', 'B', 'T'] : ['B', 'T', 'R', 'L'];
  if (to > from) return [down as Side, up as Side];
  if (to < from) return [up as Side, down as Side];
  return [across as Side, back as Side];
}

export function renderArchitecture(diagram: Diagram): string {
  const out: string[] = ['---', `title: ${JSON.stringify(diagram.title)}`, '---', 'architecture-beta'];
  for (const group of diagram.groups)
    out.push(`  group ${group.id}(${GROUP_ICONS[group.style]})[${architectureText(group.label)}]`);
  const groups = new Map(diagram.groups.map((g) => [g.key, g]));
  const mixed = discoveredEdges(diagram) === 'some';
  for (const node of diagram.nodes) {
    const icon = node.style === 'external' ? 'internet' : ICONS[node.shape];
    const group = node.group === undefined ? undefined : groups.get(node.group);
    out.push(`  service ${node.id}(${icon})[${title(node, mixed)}]${group ? ` in ${group.id}` : ''}`);
  }
  const legend = legendLines(diagram, false);
  if (legend.length > 0) {
    // Ids no graph name maps to (ids.ts prefixes every id it makes).
    out.push('  group grp_legend(cloud)[legend]');
    for (const line of legend)
      out.push(`  service ${LEGEND_IDS[line.key]}(disk)[${architectureText(line.text)}] in grp_legend`);
  }
  // Several edges between the same two nodes are one line here: there are no labels to tell
  // them apart.
  const seen = new Set<string>();
  const layer = layers(diagram);
  for (const edge of diagram.edges) {
    const source = edge.sourceGroup ? `${edge.source}{group}` : edge.source;
    const target = edge.targetGroup ? `${edge.target}{group}` : edge.target;
    const key = `${source} ${target}`;
    if (seen.has(key) || edge.source === edge.target) continue;
    seen.add(key);
    const [from, to] = sidesOf(layer, edge.source, edge.target, diagram.direction);
    out.push(`  ${source}:${from} --> ${to}:${target}`);
  }
  return `${out.join('\n')}\n`;
}
