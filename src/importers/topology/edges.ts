/** One edge per (from, to): a second reason for the same edge adds to its evidence. */
import type { DiscoveredComponent, DiscoveredEdge, ImportResult } from '../types.js';
import { protocolOfImage } from './classify-image.js';
import { normalizeProtocol } from './vocabulary.js';

export function addEdge(edges: DiscoveredEdge[], input: DiscoveredEdge): void {
  const edge = { ...input, protocol: normalizeProtocol(input.protocol) };
  const existing = edges.find((e) => e.from === edge.from && e.to === edge.to && (e.api ?? '') === (edge.api ?? ''));
  if (!existing) {
    edges.push(stripUndefined(edge));
    return;
  }
  if (!existing.evidence.split('; ').includes(edge.evidence))
    existing.evidence = `${existing.evidence}; ${edge.evidence}`;
  existing.protocol ??= edge.protocol;
  existing.version ??= edge.version;
  existing.kind ??= edge.kind;
  existing.line ??= edge.line;
}

/**
 * A file's nodes and edges into the result, each edge with its target's kind and, where no
 * address said it, the protocol its target's image speaks.
 */
export function addTopology(
  result: ImportResult,
  components: Map<string, DiscoveredComponent>,
  edges: DiscoveredEdge[],
): void {
  for (const edge of edges) {
    const target = components.get(edge.to);
    if (!target) continue;
    edge.kind = target.kind;
    edge.protocol ??= protocolOfImage(target.image);
  }
  result.components.push(...components.values());
  result.edges.push(...edges);
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
