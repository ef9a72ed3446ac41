/**
 * How the graph questions print their answers: readable text, and the JSON shapes of
 * `--format json`. Pure: values in, strings out.
 */
import { safeJson } from '../util/control-chars.js';
import type { findSkew } from '../graph/find-skew.js';
import type { QueryGraph } from '../graph/query-graph.js';
import type { Reached } from '../graph/traverse.js';
import type { GraphEdge, GraphNode } from '../graph/types.js';
import { terminalText } from '../render/escape/index.js';
import { count } from '../util/words.js';

export const json = (value: unknown) => `${safeJson(JSON.stringify(value, null, 2))}\n`;

export function describeNode(node: GraphNode | undefined): string {
  if (!node) return '';
  const parts = [node.type === 'library' ? 'library' : node.kind];
  if (node.system) parts.push(`system ${node.system}`);
  if (node.owner) parts.push(`owner ${node.owner}`);
  if (node.unresolved) parts.push('unresolved');
  return parts.join(', ');
}

function describeEdge(edge: GraphEdge): string {
  const parts: string[] = [];
  if (edge.type === 'uses-library') parts.push('uses');
  else parts.push(edge.protocol ?? 'calls');
  if (edge.api) parts.push(edge.api);
  if (edge.version) parts.push(edge.version);
  if (!edge.pin.pinned) parts.push('(unpinned)');
  return parts.join(' ');
}

export function reachedJson(graph: QueryGraph, reached: Reached[]) {
  return reached.map((r) => ({
    id: r.id,
    type: graph.getNodeAttribute(r.id, 'type'),
    kind: graph.getNodeAttribute(r.id, 'kind'),
    depth: r.depth,
    path: r.path,
    edge: {
      type: r.via.type,
      version: r.via.version,
      protocol: r.via.protocol,
      api: r.via.api,
      pinned: r.via.pin.pinned,
      declared: r.via.declared,
    },
  }));
}

export function reachedText(graph: QueryGraph, reached: Reached[]): string {
  const lines: string[] = [];
  let depth = 0;
  for (const r of reached) {
    if (r.depth !== depth) {
      depth = r.depth;
      lines.push(`depth ${depth}:`);
    }
    lines.push(`  ${r.id}  [${describeNode(graph.getNodeAttributes(r.id))}]`);
    lines.push(`      ${r.path.join(' → ')}   (${describeEdge(r.via)})`);
  }
  return lines.map(terminalText).join('\n');
}

export function skewText(report: ReturnType<typeof findSkew>): string {
  const lines: string[] = [];
  if (report.libraries.length > 0) {
    lines.push(`${count(report.libraries.length, 'library', 'libraries')} at several versions:`);
    for (const lib of report.libraries) {
      lines.push(`  ${lib.library}`);
      for (const v of lib.versions) lines.push(`    ${v.version.padEnd(16)} ${v.components.join(', ')}`);
    }
  }
  if (report.apis.length > 0) {
    lines.push(`${count(report.apis.length, 'API')} consumed at several versions:`);
    for (const api of report.apis) {
      lines.push(
        `  ${api.provider} ${api.api}${api.provided.length > 0 ? ` (provides ${api.provided.join(', ')})` : ''}`,
      );
      for (const v of api.versions) lines.push(`    ${v.version.padEnd(16)} ${v.consumers.join(', ')}`);
    }
  }
  if (report.mismatches.length > 0) {
    lines.push(`${count(report.mismatches.length, 'API version')} not provided:`);
    for (const m of report.mismatches) {
      lines.push(
        `  ${m.consumer} → ${m.provider} ${m.api} ${m.version}: provider offers ${m.provided.join(', ')}  (${m.declared.repo}:${m.declared.file}:${m.declared.line})`,
      );
    }
  }
  if (lines.length === 0) lines.push('no version skew');
  return `${lines.map(terminalText).join('\n')}\n`;
}

export function table(header: string[], data: string[][]): string {
  const rows = data.map((r) => r.map(terminalText));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
