/**
 * Colours and line styles shared by the Mermaid and DOT renderers, so that a node looks the
 * same in both. Blue: our components; grey: infrastructure; orange: third parties; red:
 * needs attention (unresolved, unpinned); faded and dashed: context from elsewhere; grey and
 * dashed edges: calls discovered from deployment files, which nobody has declared (or pinned)
 * yet, so they are not red. With observations joined (`--observed`): teal, dash-dot: calls
 * only the traces show (undeclared) and names only they know; faded grey: declared calls the
 * traces never show (stale or dormant). Teal is a hue no other mark uses, mid-dark so that it
 * reads on GitHub's light and dark backgrounds alike (contrast ≈ 3.7 on white, ≈ 5 on #0d1117).
 */
import type { GroupStyle, NodeStyle } from './model.js';

export interface Paint {
  fill: string;
  stroke: string;
  text: string;
  dashed?: boolean;
  width?: number;
}

export const NODE_PAINT: Record<NodeStyle, Paint> = {
  component: { fill: '#dbeafe', stroke: '#1d4ed8', text: '#0f172a' },
  frontend: { fill: '#e0f2fe', stroke: '#0369a1', text: '#0f172a' },
  resource: { fill: '#f1f5f9', stroke: '#475569', text: '#0f172a' },
  external: { fill: '#ffedd5', stroke: '#c2410c', text: '#431407' },
  unresolved: { fill: '#fee2e2', stroke: '#dc2626', text: '#7f1d1d', dashed: true, width: 2 },
  library: { fill: '#ede9fe', stroke: '#6d28d9', text: '#1e1b4b' },
  unpinned: { fill: '#fee2e2', stroke: '#dc2626', text: '#7f1d1d', width: 2 },
  system: { fill: '#dbeafe', stroke: '#1d4ed8', text: '#0f172a' },
  ghost: { fill: '#ffffff', stroke: '#94a3b8', text: '#64748b', dashed: true },
  observed: { fill: '#f0fdfa', stroke: '#0d9488', text: '#134e4a', dashed: true, width: 2 },
};

export const GROUP_PAINT: Record<GroupStyle, Paint> = {
  system: { fill: '#f8fafc', stroke: '#64748b', text: '#0f172a' },
  shared: { fill: '#f8fafc', stroke: '#94a3b8', text: '#334155', dashed: true },
  external: { fill: '#fff7ed', stroke: '#fb923c', text: '#7c2d12', dashed: true },
  ghost: { fill: '#ffffff', stroke: '#cbd5e1', text: '#64748b', dashed: true },
};

/** Edges whose version is not pinned. */
export const UNPINNED_EDGE = { stroke: '#dc2626', text: '#b91c1c', width: 2 };
/** Edges discovered from deployment files: neutral, dashed. */
export const DISCOVERED_EDGE = { stroke: '#64748b', text: '#475569', dash: '6 4' };
/** Calls only observations show (undeclared): teal, dash-dot (unlike the dashes of discovered calls and the dots of unresolved ones). */
export const OBSERVED_EDGE = { stroke: '#0d9488', text: '#0f766e', dash: '8 3 2 3', width: 2 };
/**
 * Declared calls no observation shows (stale or dormant): light grey and half transparent, so
 * they fade into a light background and a dark one alike; solid, unlike discovered calls.
 */
export const UNOBSERVED_EDGE = { stroke: '#94a3b8', text: '#94a3b8', opacity: 0.6 };
/** The legend's text: inside the legend group's dashed frame, without a frame of its own. */
export const LEGEND_PAINT: Paint = { fill: '#ffffff', stroke: '#ffffff', text: '#475569' };
/** The node a focus view is centred on. */
export const FOCUS_WIDTH = 4;
