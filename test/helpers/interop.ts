/**
 * Round trips through the graph: a file in a catalog format → its importer → the catalog as a
 * repo (src/interop/catalog-repo.ts) → the real graph build → a snapshot; and a snapshot's
 * comparable content (what an export must carry: nodes, edges, versions, owners, systems,
 * properties), sorted, without where things were declared (an import declares them in the
 * imported file).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSnapshot } from '../../src/graph/build-graph.js';
import type { GraphEdge, GraphNode, Snapshot } from '../../src/graph/types.js';
import { importFile, runImporter } from '../../src/importers/index.js';
import { listImporters } from '../../src/importers/index.js';
import { catalogRepo } from '../../src/interop/catalog-repo.js';
import { ROOT } from '../export/snapshot.js';

/** Imports one file (other files of its folder readable through `files`) into a snapshot. */
export function graphOfFile(
  file: string,
  text: string,
  options: { files?: Record<string, string>; importer?: string; id?: string } = {},
): Snapshot {
  const ctx = { file, readFile: (path: string) => options.files?.[path], transitive: false };
  const importer = options.importer ? listImporters().find((i) => i.id === options.importer) : undefined;
  if (options.importer && !importer) throw new Error(`no importer ${options.importer}`);
  const result = importer ? runImporter(importer, text, ctx) : importFile(text, ctx);
  const repo = catalogRepo(result, { id: options.id ?? 'catalog', source: file, file });
  return buildSnapshot([repo], 'depmap test');
}

export interface ComparableNode {
  id: string;
  type: GraphNode['type'];
  kind: string;
  system?: string;
  owner?: string;
  description?: string;
  provides?: string[];
  properties?: Record<string, string>;
}

export interface ComparableEdge {
  type: GraphEdge['type'];
  source: string;
  target: string;
  version?: string;
  protocol?: string;
  api?: string;
  scope?: string;
  pinned: boolean;
  properties?: Record<string, string>;
}

export interface ComparableGraph {
  nodes: ComparableNode[];
  edges: ComparableEdge[];
}

export interface CompareOptions {
  /** Leave out properties whose key starts with one of these (format-specific bookkeeping). */
  ignoreProperties?: readonly string[];
  /** Compare these node fields too (default: all of ComparableNode's). */
  withDescription?: boolean;
}

/** What a lossless export → import must give back, in a stable order. */
export function comparable(snapshot: Snapshot, options: CompareOptions = {}): ComparableGraph {
  const ignore = options.ignoreProperties ?? [];
  const props = (p: Record<string, string> | undefined) => {
    if (!p) return undefined;
    const kept = Object.entries(p)
      .filter(([k]) => !ignore.some((prefix) => k.startsWith(prefix)))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return kept.length > 0 ? Object.fromEntries(kept) : undefined;
  };
  const clean = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  const nodes = snapshot.nodes.map((n) =>
    clean<ComparableNode>({
      id: n.id,
      type: n.type,
      kind: n.kind,
      system: n.system,
      owner: n.owner,
      description: options.withDescription ? n.description : undefined,
      provides: n.provides?.map((p) => `${p.api} ${p.protocol} ${p.version}`).sort(),
      properties: props(n.properties),
    }),
  );
  const edges = snapshot.edges.map((e) =>
    clean<ComparableEdge>({
      type: e.type,
      source: e.source,
      target: e.target,
      version: e.version,
      protocol: e.protocol,
      api: e.api,
      scope: e.scope,
      pinned: e.pin.pinned,
      properties: props(e.properties),
    }),
  );
  const key = (e: ComparableEdge) =>
    `${e.type} ${e.source} ${e.target} ${e.api ?? ''} ${e.scope ?? ''} ${e.version ?? ''}`;
  nodes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  edges.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { nodes, edges };
}

/** The interop fixtures' imports: Groups, Users, Domains, Systems, APIs (one an MCP server), AiResources, namespaces. */
export function backstageFixtureGraphs(): Snapshot[] {
  const root = join(ROOT, 'test/fixtures/interop');
  const read = (path: string) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined);
  const location = (targets: string[]) =>
    `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: all }\nspec:\n  targets: [${targets.join(', ')}]\n`;
  return [
    ['backstage-demo', ['./catalog-info.yaml', './examples/mcp-server-api.yaml', './examples/ai-resources.yaml']],
    ['rhdh-showcase', ['./catalog-entities/all.yaml', './catalog-entities/groups/rhdh-team.yaml']],
    ['backstage-pattern', ['./all.yaml']],
  ].map(([dir, targets]) =>
    graphOfFile('registered.yaml', location(targets as string[]), {
      files: new Proxy({} as Record<string, string>, { get: (_t, path: string) => read(`${dir as string}/${path}`) }),
      importer: 'backstage',
    }),
  );
}
