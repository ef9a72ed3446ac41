/**
 * What every page of the docs shares: the graph, where each page lives, and the diagrams
 * collected on the way (written as .mmd, and drawn as .svg next to their page).
 */
import { findCycles, type Cycle } from '../../graph/find-cycles.js';
import { findSkew, type SkewReport } from '../../graph/find-skew.js';
import { toQueryGraph } from '../../graph/query-graph.js';
import type { GraphEdge, GraphNode, Snapshot } from '../../graph/types.js';
import { fileSlug } from '../ids.js';
import { renderFlowchart } from '../mermaid-flowchart.js';
import type { Diagram } from '../model.js';
import { indexGraph, isUnpinned, type GraphIndex } from '../placement.js';
import { diagramBlock, link, md } from './markdown.js';

export interface Warnings {
  unpinned: GraphEdge[];
  unresolved: { id: string; callers: GraphEdge[] }[];
  skew: SkewReport;
  cycles: Cycle[];
}

/**
 * A list longer than this (the components on one version of a library, the consumers of an
 * API version) is counted where many such lists meet, and listed whole on a page of its own:
 * at 3,000 components the lists made warnings.md and libraries.md 13–14 MB pages.
 */
export const INLINE_LIST = 12;
/** A warnings table with more rows than this is split by system into pages of their own. */
export const SECTION_ROWS = 500;

export class Site {
  readonly index: GraphIndex;
  readonly warnings: Warnings;
  /** Diagrams by their path without extension, in the order pages asked for them. */
  readonly diagrams = new Map<string, string>();
  /** Pages made on the way by other pages (a library's users, a system's warnings), by path. */
  readonly pages = new Map<string, () => string>();

  readonly snapshot: Snapshot;

  constructor(
    input: Snapshot,
    readonly svg: boolean,
  ) {
    this.index = indexGraph(input);
    // Sorted: the pages list things in this order.
    const snapshot = this.index.snapshot;
    this.snapshot = snapshot;
    const unresolved = snapshot.nodes
      .filter((n) => n.unresolved)
      .map((n) => ({ id: n.id, callers: this.index.callsTo.get(n.id) ?? [] }));
    this.warnings = {
      unpinned: snapshot.edges.filter((e) => isUnpinned(e) && !e.transitive),
      unresolved,
      skew: findSkew(snapshot),
      cycles: findCycles(toQueryGraph(snapshot)),
    };
  }

  componentPage(id: string): string | undefined {
    return this.index.nodes.get(id)?.type === 'component' ? `components/${fileSlug(id)}.md` : undefined;
  }

  systemPage(system: string | null): string {
    // "_none" cannot be the slug of a system name (names start with a letter or digit).
    return system === null ? 'systems/_none.md' : `systems/${fileSlug(system)}.md`;
  }

  libraryPage(id: string): string {
    return `libraries/${fileSlug(id)}.md`;
  }

  /**
   * The page that lists a library among the others: libraries.md, or, past SECTION_ROWS
   * libraries used directly, its ecosystem's page.
   */
  librariesPageOf(library: GraphNode): string {
    if (this.librariesUsed <= SECTION_ROWS) return 'libraries.md';
    return `libraries/ecosystem-${fileSlug(library.ecosystem ?? library.kind)}.md`;
  }

  /** How many libraries some component uses directly. */
  get librariesUsed(): number {
    this.used ??= this.snapshot.nodes.filter(
      (n) => n.type === 'library' && (this.index.usersOf.get(n.id) ?? []).some((e) => !e.transitive),
    ).length;
    return this.used;
  }
  private used: number | undefined;

  /** A node's name, linked to its page when it has one. */
  nodeLink(from: string, id: string): string {
    const page = this.componentPage(id);
    const node = this.index.nodes.get(id);
    const text = node?.type === 'library' ? (node.name ?? id) : id;
    return page ? link(from, page, text) : md(text);
  }

  systemLink(from: string, system: string | undefined): string {
    return system === undefined ? '' : link(from, this.systemPage(system), system);
  }

  /** Embeds a diagram on `page`, stored as `name`.mmd (and .svg). */
  diagram(page: string, name: string, diagram: Diagram): string {
    const mermaid = renderFlowchart(diagram);
    this.diagrams.set(name, mermaid);
    return diagramBlock(page, { name, mermaid, alt: diagram.title }, this.svg);
  }
}
