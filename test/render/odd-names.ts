/**
 * A hand-made snapshot whose names break naive diagram code: Mermaid keywords, arrow
 * letters, quotes, HTML, entities, pipes, non-ASCII, and names that differ only in `-`/`_`
 * or case. Snapshots can come from importers or hand edits, not only from manifests.
 */
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type GraphEdge,
  type GraphNode,
  type Snapshot,
} from '../../src/graph/types.js';

const declared = { repo: 'odd', file: 'depmap.yaml', line: 1, col: 1 };

export const ODD_COMPONENTS = [
  'end',
  'graph',
  'a"quote',
  '<script>alert(1)</script>',
  '#hash;',
  'ünï-cödé',
  'o-ring',
  'x-ray',
  'a_b',
  'a-b',
  'pipe|bar',
];

export function oddSnapshot(): Snapshot {
  const systems = ['Billing & Co', 'billing', 'end'];
  const nodes: GraphNode[] = ODD_COMPONENTS.map((id, i) => ({
    id,
    type: 'component',
    kind: i === 0 ? 'frontend' : 'service',
    system: systems[i % systems.length] as string,
    declared,
  }));
  nodes.push({ id: 'db "main"', type: 'resource', kind: 'database' });
  nodes.push({ id: 'who?', type: 'resource', kind: 'service', unresolved: true });
  nodes.push({ id: 'pkg:npm/%40scope/x', type: 'library', kind: 'npm', ecosystem: 'npm', name: '@scope/x' });
  const edges: GraphEdge[] = [];
  const call = (source: string, target: string, extra: Partial<GraphEdge> = {}) =>
    edges.push({
      key: `${source} -> ${target}`,
      type: 'calls-service',
      source,
      target,
      pin: { pinned: true },
      declared,
      protocol: 'http',
      version: '1.0.0',
      ...extra,
    });
  for (let i = 0; i + 1 < ODD_COMPONENTS.length; i++)
    call(ODD_COMPONENTS[i] as string, ODD_COMPONENTS[i + 1] as string);
  call('end', 'db "main"', { protocol: 'sql', version: '16 "x" | y' });
  call('graph', 'who?', { resolvedBy: 'unresolved' });
  call('a-b', 'end', { pin: { pinned: false, reason: 'a range' }, version: '^1 <2' });
  edges.push({
    key: 'end -> pkg:npm/%40scope/x',
    type: 'uses-library',
    source: 'end',
    target: 'pkg:npm/%40scope/x',
    pin: { pinned: false, reason: 'range' },
    version: '^1.0.0',
    declared,
  });
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    generator: 'test',
    repos: [],
    nodes,
    edges,
    problems: [],
  };
}
