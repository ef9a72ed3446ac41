/**
 * What every view shares: a builder that collects nodes, groups and edges, then sorts them
 * into a diagram, so the same graph always gives the same diagram.
 */
import type { GraphEdge, GraphNode, Presence } from '../graph/types.js';
import { diagramId } from './ids.js';
import type { Diagram, DiagramEdge, DiagramGroup, DiagramKind, DiagramNode, GroupStyle, LineStyle } from './model.js';
import {
  callLabel,
  compareGroups,
  compareText,
  detailOf,
  groupFor,
  isDrawnUnpinned,
  isUnpinned,
  labelOf,
  libraryLabel,
  LIBRARIES_GROUP,
  observedCounts,
  shapeOf,
  styleOf,
  type GraphIndex,
} from './placement.js';
import { plural } from './plural.js';

export interface ViewOptions {
  /** Draw libraries too (off by default: they drown the services). */
  libraries?: boolean;
}

const nodeId = (graphId: string) => diagramId('n', graphId);

export class DiagramBuilder {
  readonly nodes = new Map<string, DiagramNode>();
  readonly groups = new Map<string, DiagramGroup>();
  readonly edges = new Map<string, DiagramEdge>();

  /** Label an aggregate of one call like the call itself, not "1 call". */
  singleAsCall = false;

  constructor(readonly index: GraphIndex) {}

  /** `group`: the group key, default the node's placement; null for no group. */
  addNode(
    node: GraphNode,
    options: { group?: string | null; groupStyle?: GroupStyle; ghost?: boolean; focus?: boolean } = {},
  ): void {
    if (this.nodes.has(node.id)) return;
    const group = options.group === undefined ? this.index.groupOf.get(node.id) : options.group;
    const item: DiagramNode = {
      id: nodeId(node.id),
      key: node.id,
      label: labelOf(node),
      detail: detailOf(node),
      shape: shapeOf(node),
      style: options.ghost ? 'ghost' : styleOf(node),
      node,
    };
    if (options.focus) item.focus = true;
    if (group) {
      item.group = group;
      if (!this.groups.has(group)) this.groups.set(group, groupFor(group, options.groupStyle));
    }
    this.nodes.set(node.id, item);
  }

  /** A node that is not a graph node: an aggregate of a system in the overview. */
  addSynthetic(item: DiagramNode): void {
    if (!this.nodes.has(item.key)) this.nodes.set(item.key, item);
  }

  /** A faded node standing for several collapsed ones (another system, another part); returns its key. */
  addCollapsed(key: string, id: string, label: string, detail: string): string {
    this.addSynthetic({ id, key, label, detail, shape: 'rect', style: 'ghost' });
    return key;
  }

  addCall(edge: GraphEdge): void {
    this.addEdge(edge.key, edge.source, edge.target, edge, callLabel(edge), lineOf(edge));
  }

  addLibraryUse(edge: GraphEdge): void {
    this.addEdge(edge.key, edge.source, edge.target, edge, libraryLabel(edge), 'normal');
  }

  /** The direct libraries of `components`, in the libraries group. */
  addLibrariesOf(components: string[]): void {
    for (const id of components) {
      for (const edge of this.index.librariesOf.get(id) ?? []) {
        const lib = this.index.nodes.get(edge.target);
        if (!lib || edge.transitive) continue;
        this.addNode(lib, { group: LIBRARIES_GROUP });
        this.addLibraryUse(edge);
      }
    }
  }

  /**
   * Adds `edge` to an aggregated edge between two keys (overview, collapsed neighbours).
   * With `ends`, an end is drawn at a group's box instead of the node, so that all the
   * members' calls to one collapsed node are one edge.
   */
  addToAggregate(
    from: string,
    to: string,
    edge: GraphEdge,
    ends: { sourceGroup?: string; targetGroup?: string } = {},
  ): void {
    const key = `${ends.sourceGroup ?? from}\u0000${ends.targetGroup ?? to}`;
    const existing = this.edges.get(key);
    if (existing) {
      existing.edges.push(edge);
      // Red only when every call it stands for is unpinned; the label counts the others.
      existing.unpinned &&= isDrawnUnpinned(edge);
      // Discovered only when every call is: one declared call among them is declared knowledge.
      if (existing.discovered && edge.discovered !== true) delete existing.discovered;
      return;
    }
    const item = this.edgeBetween(from, to, edge, 'normal');
    if (!item) return;
    if (ends.sourceGroup) item.sourceGroup = ends.sourceGroup;
    if (ends.targetGroup) item.targetGroup = ends.targetGroup;
    this.edges.set(key, item);
  }

  private addEdge(key: string, from: string, to: string, edge: GraphEdge, label: string, line: LineStyle): void {
    if (this.edges.has(key)) return;
    const item = this.edgeBetween(from, to, edge, line);
    if (!item) return;
    if (label) item.label = label;
    this.edges.set(key, item);
  }

  /** An edge between two drawn nodes; undefined when either end is not drawn. */
  private edgeBetween(from: string, to: string, edge: GraphEdge, line: LineStyle): DiagramEdge | undefined {
    const sourceItem = this.nodes.get(from);
    const targetItem = this.nodes.get(to);
    if (!sourceItem || !targetItem) return undefined;
    const item: DiagramEdge = {
      source: sourceItem.id,
      target: targetItem.id,
      line,
      unpinned: isDrawnUnpinned(edge),
      edges: [edge],
    };
    if (edge.discovered) item.discovered = true;
    return item;
  }

  build(name: string, kind: DiagramKind, title: string, notes: string[] = [], direction: 'LR' | 'TB' = 'TB'): Diagram {
    const groupOrder = [...this.groups.keys()].sort(compareGroups);
    const rank = new Map(groupOrder.map((g, i) => [g, i]));
    const typeRank = (n: DiagramNode) =>
      n.node?.type === 'component' || !n.node ? 0 : n.node.type === 'resource' ? 1 : 2;
    const nodes = [...this.nodes.values()].sort(
      (a, b) =>
        (a.group === undefined ? -1 : (rank.get(a.group) as number)) -
          (b.group === undefined ? -1 : (rank.get(b.group) as number)) ||
        typeRank(a) - typeRank(b) ||
        compareText(a.label, b.label) ||
        compareText(a.key, b.key),
    );
    const joined = this.index.snapshot.observed !== undefined;
    // Aggregated edges get their count label once all their edges are in.
    for (const edge of this.edges.values()) {
      const presence = drawnPresence(edge.edges, joined);
      if (presence) edge.presence = presence;
      if (edge.label !== undefined) continue;
      const only = edge.edges.length === 1 ? (edge.edges[0] as GraphEdge) : undefined;
      if (only && this.singleAsCall) {
        // One call: say which, as any other call.
        edge.label = callLabel(only);
        edge.line = lineOf(only);
      } else {
        edge.label = aggregateLabel(edge, joined);
        edge.weight = edge.edges.length;
      }
    }
    const edges = [...this.edges.entries()]
      .sort(
        ([ka, a], [kb, b]) => compareText(a.source, b.source) || compareText(a.target, b.target) || compareText(ka, kb),
      )
      .map(([, e]) => e);
    protocolOnResources(nodes, edges);
    return {
      name,
      kind,
      title,
      direction,
      groups: groupOrder.map((g) => this.groups.get(g) as DiagramGroup),
      nodes,
      edges,
      notes,
    };
  }
}

/**
 * A resource every drawn caller reaches by the same protocol, with no version, says it once,
 * `queue · kafka`, and its edges keep only what is particular to them (`unpinned image`):
 * three "kafka" labels side by side tell nobody which line is which, and every label ELK
 * places pushes the others further from their edges.
 */
function protocolOnResources(nodes: DiagramNode[], edges: DiagramEdge[]): void {
  const into = new Map<string, DiagramEdge[]>();
  for (const edge of edges) into.set(edge.target, [...(into.get(edge.target) ?? []), edge]);
  for (const node of nodes) {
    const calls = into.get(node.id);
    if (node.node?.type !== 'resource' || node.node.unresolved || !calls) continue;
    const only = (e: DiagramEdge) => (e.edges.length === 1 && e.targetGroup === undefined ? e.edges[0] : undefined);
    const protocols = new Set(calls.map((e) => only(e)?.protocol));
    const protocol = protocols.size === 1 ? [...protocols][0] : undefined;
    if (!protocol || calls.some((e) => only(e)?.version !== undefined || !e.label?.startsWith(protocol))) continue;
    node.detail = node.detail ? `${node.detail} · ${protocol}` : protocol;
    for (const edge of calls) {
      const rest = (edge.label as string).slice(protocol.length).replace(/^ · /, '');
      if (rest) edge.label = rest;
      else delete edge.label;
    }
  }
}

/** Observed-only calls draw their own dashes: the dots of an unresolved target would hide them. */
function lineOf(edge: GraphEdge): LineStyle {
  if (edge.presence === 'observed-only') return 'normal';
  if (edge.resolvedBy === 'unresolved') return 'dotted';
  return edge.critical ? 'thick' : 'normal';
}

/**
 * The presence of a call as drawn. Observed-only whenever the edge says so; declared-only
 * only once observations are joined (without them nothing is stale, only unknown). A call the
 * join left unmarked is declared-only unless it carries an observation. Library uses have none.
 */
function presenceOf(edge: GraphEdge, joined: boolean): Presence | undefined {
  if (edge.type !== 'calls-service') return undefined;
  if (edge.presence === 'observed-only') return edge.presence;
  if (!joined) return undefined;
  return edge.presence ?? (edge.observed ? 'declared-and-observed' : 'declared-only');
}

/**
 * How a diagram edge standing for `edges` is drawn: observed-only (or declared-only) only when
 * every call it stands for is, so that one declared (or seen) call among them is never
 * drawn as undeclared (or stale); a mix is drawn as declared, and its label counts each kind.
 */
function drawnPresence(edges: GraphEdge[], joined: boolean): DiagramEdge['presence'] {
  const kinds = new Set(edges.map((e) => presenceOf(e, joined)));
  const only = kinds.size === 1 ? [...kinds][0] : undefined;
  return only === 'observed-only' || only === 'declared-only' ? only : undefined;
}

/**
 * `4 calls · 1 unpinned`; with observations joined, also how many of them are undeclared and
 * how many were never seen (unless all are: the drawing says so), and what the observations
 * counted of them all, `· 2 undeclared · 1 not seen · 1,204 observed calls · 3 errors`.
 */
function aggregateLabel(edge: DiagramEdge, joined: boolean): string {
  const parts = [plural(edge.edges.length, 'call')];
  const unpinned = edge.edges.filter(isUnpinned).length;
  if (unpinned > 0) parts.push(`${unpinned} unpinned`);
  const count = (presence: Presence) => edge.edges.filter((e) => presenceOf(e, joined) === presence).length;
  const undeclared = count('observed-only');
  const unseen = count('declared-only');
  if (undeclared > 0 && undeclared < edge.edges.length) parts.push(`${undeclared} undeclared`);
  if (unseen > 0 && unseen < edge.edges.length) parts.push(`${unseen} not seen`);
  const observed = edge.edges.filter((e) => e.observed);
  if (observed.length > 0) {
    const sum = (pick: (e: GraphEdge) => number) => observed.reduce((total, e) => total + pick(e), 0);
    const calls = sum((e) => e.observed?.calls ?? 0);
    const errors = sum((e) => e.observed?.errors ?? 0);
    parts.push(observedCounts({ calls, errors }, 'observed call'));
  }
  return parts.join(' · ');
}
