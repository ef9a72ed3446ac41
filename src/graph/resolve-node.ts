/** A node as users name it: component or service name, or a purl with or without version. */
import { UsageError } from '../errors.js';
import { canonicalPurl } from '../manifest/purl.js';
import { suggest } from '../util/suggest.js';
import type { QueryGraph } from './query-graph.js';

export function resolveNode(graph: QueryGraph, input: string): string {
  if (graph.hasNode(input)) return input;
  if (input.startsWith('pkg:')) {
    const purl = canonicalPurl(input);
    if (purl && graph.hasNode(purl)) return purl;
  }
  const lower = input.toLowerCase();
  const insensitive = graph.filterNodes((id) => id.toLowerCase() === lower);
  if (insensitive.length === 1) return insensitive[0] as string;
  // A library by its bare name ("express") when exactly one ecosystem has it.
  const byName = graph.filterNodes(
    (_, attrs) => attrs.type === 'library' && (attrs.name === input || attrs.name?.toLowerCase() === lower),
  );
  if (byName.length === 1) return byName[0] as string;
  if (byName.length > 1) {
    throw new UsageError(`"${input}" names several libraries: ${byName.join(', ')}`, {
      hint: 'give the purl, e.g. ' + byName[0],
    });
  }
  const candidates = suggest(input, graph.nodes(), 3);
  throw new UsageError(`no node named "${input}" in the graph`, {
    hint:
      candidates.length > 0
        ? `did you mean ${candidates.map((c) => `"${c}"`).join(', ')}?`
        : 'list nodes with `depmap list components|services|libraries`',
  });
}
