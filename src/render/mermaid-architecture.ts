/**
 * A diagram in Mermaid's architecture-beta syntax: groups with icons and services, the
 * alternative look to the flowchart. architecture-beta has no edge labels and no styling, so
 * what the flowchart says with labels and colours is said in the node titles here.
 */
import type { Diagram, DiagramNode, GroupStyle, Shape } from './model.js';

/** architecture-beta titles are `[…]`: no brackets or line breaks inside. */
export function architectureText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\[/g, '(')
    .replace(/\]/g, ')')
    .trim();
}

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

const GROUP_ICONS: Record<GroupStyle, string> = { system: 'cloud', shared: 'server', external: 'internet', ghost: 'cloud' };

function title(node: DiagramNode): string {
  const marks: string[] = [];
  if (node.style === 'unresolved') marks.push('unresolved');
  if (node.style === 'unpinned') marks.push('unpinned');
  // Collapsed systems and parts: say what they are.
  if (node.style === 'ghost' && !node.node && node.detail) marks.push(node.detail.split('\n')[0] as string);
  return architectureText(marks.length > 0 ? `${node.label} (${marks.join(', ')})` : node.label);
}

export function renderArchitecture(diagram: Diagram): string {
  const out: string[] = ['---', `title: ${JSON.stringify(diagram.title)}`, '---', 'architecture-beta'];
  for (const group of diagram.groups) out.push(`  group ${group.id}(${GROUP_ICONS[group.style]})[${architectureText(group.label)}]`);
  const groups = new Map(diagram.groups.map((g) => [g.key, g]));
  for (const node of diagram.nodes) {
    const icon = node.style === 'external' ? 'internet' : ICONS[node.shape];
    const group = node.group === undefined ? undefined : groups.get(node.group);
    out.push(`  service ${node.id}(${icon})[${title(node)}]${group ? ` in ${group.id}` : ''}`);
  }
  // Several edges between the same two nodes are one line here: there are no labels to tell
  // them apart.
  const seen = new Set<string>();
  const direction = diagram.direction === 'LR' ? ['R', 'L'] : ['B', 'T'];
  for (const edge of diagram.edges) {
    const source = edge.sourceGroup ? `${edge.source}{group}` : edge.source;
    const target = edge.targetGroup ? `${edge.target}{group}` : edge.target;
    const key = `${source} ${target}`;
    if (seen.has(key) || edge.source === edge.target) continue;
    seen.add(key);
    out.push(`  ${source}:${direction[0]} --> ${direction[1]}:${target}`);
  }
  return `${out.join('\n')}\n`;
}
