/**
 * What a diagram's legend says. Only what a reader cannot guess from the drawing gets a line,
 * and only when the diagram draws it: a map of declared manifests has no legend, so its
 * diagrams stay as they were. Calls found by `--discover` have no API version (no file can
 * say one); drawn red as unpinned they would paint a whole discovered map red, so they are
 * drawn dashed and grey, and the legend says where they come from.
 *
 * With observations joined (`--observed`), calls only the traces or metrics show are drawn
 * dashed in teal with their count, declared calls they never show faded, and names only they
 * know in dashed teal boxes: each gets its line when the diagram draws one.
 */
import type { Diagram, DiagramEdge } from './model.js';
import { plural } from './plural.js';

/** Where a discovered node or edge comes from, in the words every renderer and page uses. */
export const DISCOVERED_FROM = 'discovered from deployment files (not declared in a depmap.yaml)';

/** Which edges of a diagram are discovered: none, some, or all. */
export function discoveredEdges(diagram: Diagram): 'none' | 'some' | 'all' {
  const discovered = diagram.edges.filter((e) => e.discovered).length;
  return discovered === 0 ? 'none' : discovered === diagram.edges.length ? 'all' : 'some';
}

/**
 * The legend line for discovered edges; undefined when the diagram has none. `styled`: the
 * renderer draws them dashed and grey (flowchart, DOT). Else it cannot style edges
 * (architecture-beta): the line speaks of every arrow, or of the calls of the components
 * marked "(discovered)" (a discovered call always starts at a discovered component).
 */
function discoveredLegend(diagram: Diagram, styled: boolean): string | undefined {
  const which = discoveredEdges(diagram);
  if (which === 'none') return undefined;
  if (styled) return `dashed grey arrows: ${DISCOVERED_FROM}`;
  return which === 'all' ? `every arrow is ${DISCOVERED_FROM}` : `(discovered): its calls are ${DISCOVERED_FROM}`;
}

/** What an observed-only call is, in the words every renderer and page uses. */
export const OBSERVED_ONLY = 'observed in traces or metrics, declared in no depmap.yaml';
/** What a declared-only call is, once observations are joined. */
export const NOT_OBSERVED = 'declared, never seen in the traces or metrics (stale or dormant)';
/** What an observed-only node is. */
export const OBSERVED_NODE = 'named only by the traces or metrics (in no manifest)';

export type LegendKey = 'discovered' | 'observed' | 'unobserved' | 'observed-node';

/** Ids of the legend's lines in Mermaid: no graph name maps to them (ids.ts prefixes every id it makes). */
export const LEGEND_IDS: Record<LegendKey, string> = {
  discovered: 'legend_discovered',
  observed: 'legend_observed',
  unobserved: 'legend_unobserved',
  'observed-node': 'legend_observed_node',
};

export interface LegendLine {
  key: LegendKey;
  text: string;
}

/** architecture-beta: how many calls a legend line lists by name before "and N more". */
const LISTED = 5;

/**
 * The legend of a diagram, a line per kind of mark it draws; empty when it draws none (a
 * map of declared manifests, without observations). `styled` as for discoveredLegend: a
 * renderer that cannot style edges (architecture-beta) names the observed-only and unseen
 * calls instead (a few, then how many more), and marks observed-only nodes in their titles.
 */
export function legendLines(diagram: Diagram, styled: boolean): LegendLine[] {
  const lines: LegendLine[] = [];
  const discovered = discoveredLegend(diagram, styled);
  if (discovered !== undefined) lines.push({ key: 'discovered', text: discovered });
  const observed = diagram.edges.filter((e) => e.presence === 'observed-only');
  const unobserved = diagram.edges.filter((e) => e.presence === 'declared-only');
  if (observed.length > 0)
    lines.push({
      key: 'observed',
      text: styled
        ? `dashed teal arrows, with their call count: ${OBSERVED_ONLY}`
        : `arrows ${OBSERVED_ONLY}: ${listed(diagram, observed, true)}`,
    });
  if (unobserved.length > 0)
    lines.push({
      key: 'unobserved',
      text: styled
        ? `faded grey arrows: ${NOT_OBSERVED}`
        : `arrows ${NOT_OBSERVED}: ${listed(diagram, unobserved, false)}`,
    });
  if (diagram.nodes.some((n) => n.style === 'observed'))
    lines.push({
      key: 'observed-node',
      text: styled ? `dashed teal boxes: ${OBSERVED_NODE}` : `(observed only): ${OBSERVED_NODE}`,
    });
  return lines;
}

/** `web → cart (1,204 calls), orders → tax, and 3 more`: the calls of an unstyled diagram, by name. */
function listed(diagram: Diagram, edges: DiagramEdge[], counts: boolean): string {
  const label = new Map(diagram.nodes.map((n) => [n.id, n.label]));
  const groupLabel = new Map(diagram.groups.map((g) => [g.id, g.label]));
  const end = (id: string, group: string | undefined) =>
    (group === undefined ? undefined : groupLabel.get(group)) ?? label.get(id) ?? id;
  const names = edges.slice(0, LISTED).map((e) => {
    const calls = e.edges.reduce((sum, g) => sum + (g.observed?.calls ?? 0), 0);
    const count = counts && e.edges.some((g) => g.observed) ? ` (${plural(calls, 'call')})` : '';
    return `${end(e.source, e.sourceGroup)} → ${end(e.target, e.targetGroup)}${count}`;
  });
  if (edges.length > LISTED) names.push(`and ${(edges.length - LISTED).toLocaleString('en-US')} more`);
  return names.join(', ');
}
