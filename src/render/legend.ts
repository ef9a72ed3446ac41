/**
 * What a diagram's legend says. Only what a reader cannot guess from the drawing gets a line,
 * and only when the diagram draws it: a map of declared manifests has no legend, so its
 * diagrams stay as they were. Calls found by `--discover` have no API version (no file can
 * say one); drawn red as unpinned they would paint a whole discovered map red, so they are
 * drawn dashed and grey, and the legend says where they come from.
 */
import type { Diagram } from './model.js';

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
export function discoveredLegend(diagram: Diagram, styled: boolean): string | undefined {
  const which = discoveredEdges(diagram);
  if (which === 'none') return undefined;
  if (styled) return `dashed grey arrows: ${DISCOVERED_FROM}`;
  return which === 'all' ? `every arrow is ${DISCOVERED_FROM}` : `(discovered): its calls are ${DISCOVERED_FROM}`;
}
