/**
 * A diagram as the renderers see it: what to draw, already decided (groups, shapes, marks),
 * so that Mermaid, architecture-beta, DOT and JSON draw the same picture from one value.
 */
import type { GraphEdge, GraphNode } from '../graph/types.js';

/** How a node is drawn; each renderer maps these to its own shapes. */
export type Shape =
  'rounded' | 'rect' | 'trapezoid' | 'subroutine' | 'cylinder' | 'hexagon' | 'parallelogram' | 'stadium';

/** Colour and line style of a node. */
export type NodeStyle =
  | 'component'
  | 'frontend'
  | 'resource'
  | 'external'
  | 'unresolved'
  | 'library'
  | 'unpinned'
  | 'system'
  | 'ghost'
  /** A name only the observations (traces, metrics) know: no manifest or discovery has it. */
  | 'observed';

export interface DiagramNode {
  /** Identifier in the diagram text (see ids.ts). */
  id: string;
  /** What it stands for: a graph node id, or `system:<name>` in the overview. */
  key: string;
  label: string;
  /** Second, smaller line: the kind, a count. */
  detail?: string;
  shape: Shape;
  style: NodeStyle;
  /** The node a focus diagram is centred on. */
  focus?: boolean;
  /** Key of the group (subgraph) it is drawn in. */
  group?: string;
  /** The graph node, when the diagram node is one. */
  node?: GraphNode;
}

export type LineStyle = 'normal' | 'thick' | 'dotted';

export interface DiagramEdge {
  source: string;
  target: string;
  label?: string;
  /** thick: critical; dotted: to an unresolved service. */
  line: LineStyle;
  /** Drawn in red: a version that is not pinned (never for a discovered edge). */
  unpinned: boolean;
  /**
   * Drawn dashed and grey: every graph edge it stands for was discovered from deployment
   * files, not declared in a depmap.yaml. The legend says so (legend.ts).
   */
  discovered?: boolean;
  /** The graph edges it stands for (several in the overview). */
  edges: GraphEdge[];
  /**
   * Set only when the snapshot has observations joined (`--observed`): `observed-only`, drawn
   * dashed in its own colour with its call count (never red: nobody declared a version to
   * pin); `declared-only`, drawn faded (stale or dormant). Absent: drawn as a declared call.
   * An aggregated edge is observed-only (or declared-only) only when every call it stands for
   * is; a mix is drawn as declared, and its label counts each kind.
   */
  presence?: 'observed-only' | 'declared-only';
  /** How many calls an aggregated edge stands for: drawn thicker the more there are. */
  weight?: number;
  /**
   * Id of the group whose box the edge starts or ends at (calls between a whole system and a
   * collapsed node); `source`/`target` then name one member, for renderers without edges
   * to groups.
   */
  sourceGroup?: string;
  targetGroup?: string;
}

export type GroupStyle = 'system' | 'shared' | 'external' | 'ghost';

export interface DiagramGroup {
  id: string;
  key: string;
  label: string;
  style: GroupStyle;
}

export type DiagramKind = 'architecture' | 'overview' | 'system' | 'focus' | 'libraries';

export interface Diagram {
  /** File name without extension: `architecture`, `system-commerce`, `focus-checkout`. */
  name: string;
  kind: DiagramKind;
  title: string;
  direction: 'LR' | 'TB';
  groups: DiagramGroup[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** What a reader should know: what was split, left out or merged. */
  notes: string[];
}
