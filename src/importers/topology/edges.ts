/** One edge per (from, to): a second reason for the same edge adds to its evidence. */
import type { DiscoveredEdge } from '../types.js';
import { normalizeProtocol } from './vocabulary.js';

export function addEdge(edges: DiscoveredEdge[], input: DiscoveredEdge): void {
  const edge = { ...input, protocol: normalizeProtocol(input.protocol) };
  const existing = edges.find((e) => e.from === edge.from && e.to === edge.to && (e.api ?? '') === (edge.api ?? ''));
  if (!existing) {
    edges.push(stripUndefined(edge));
    return;
  }
  if (!existing.evidence.split('; ').includes(edge.evidence)) existing.evidence = `${existing.evidence}; ${edge.evidence}`;
  existing.protocol ??= edge.protocol;
  existing.version ??= edge.version;
  existing.kind ??= edge.kind;
  existing.line ??= edge.line;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
