/**
 * The explorer's data: a snapshot (and, with history, its lineage) as string tables and typed
 * arrays, with the layout. Pure. Edges the history knows but the graph no longer has are kept,
 * marked `past`, so the slider can show them at the dates they existed.
 */
import type { Lineage } from '../../history/lineage.js';
import type { GraphEdge, GraphNode, Snapshot } from '../../graph/types.js';
import { column, floats, StringTable } from './columns.js';
import { historyData } from './explorer-history.js';
import { layoutGraph } from './layout.js';
import {
  EDGE_TYPES,
  EXPLORER_FORMAT,
  EXPLORER_VERSION,
  FLAG,
  NODE_TYPES,
  PIN_STATES,
  type ExplorerData,
  type ExplorerRepo,
} from './types.js';

export interface ExplorerInput {
  snapshot: Snapshot;
  title: string;
  generator: string;
  lineage?: Lineage;
}

/** An http(s) address to link a repo's files to, from the source it was read from; credentials never kept. */
export function webAddress(source: string): string | undefined {
  const scp = /^[\w.-]+@([\w.-]+):([\w./-]+?)(?:\.git)?\/?$/.exec(source);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const pathname = url.pathname.replace(/\.git\/?$/, '').replace(/\/$/, '');
  return `${url.protocol}//${url.host}${pathname}`;
}

interface PastEdge {
  type: GraphEdge['type'];
  source: string;
  target: string;
  repo: string;
  version?: string;
  pinned: boolean;
}

export function explorerData(input: ExplorerInput): ExplorerData {
  const { snapshot, lineage } = input;
  const strings = new StringTable();
  const systems: string[] = [];
  const systemIndex = new Map<string, number>();
  const systemOf = (name: string | undefined) => {
    if (name === undefined) return -1;
    let i = systemIndex.get(name);
    if (i === undefined) {
      i = systems.length;
      systems.push(name);
      systemIndex.set(name, i);
    }
    return i;
  };
  const repos: ExplorerRepo[] = [];
  const repoIndex = new Map<string, number>();
  for (const entry of snapshot.repos) {
    const repo: ExplorerRepo = { id: entry.id };
    const web = webAddress(entry.source);
    if (web) repo.web = web;
    if (entry.commit) repo.commit = entry.commit;
    repoIndex.set(entry.id, repos.length);
    repos.push(repo);
  }
  const repoOf = (id: string | undefined) => {
    if (id === undefined) return -1;
    let i = repoIndex.get(id);
    if (i === undefined) {
      i = repos.length;
      repos.push({ id });
      repoIndex.set(id, i);
    }
    return i;
  };

  // Nodes: the graph's, then those only the history has (gone since, or ends of past edges).
  const nodes: GraphNode[] = [...snapshot.nodes];
  const nodeIndex = new Map<string, number>(nodes.map((n, i) => [n.id, i]));
  const addNode = (node: GraphNode) => {
    if (nodeIndex.has(node.id)) return;
    nodeIndex.set(node.id, nodes.length);
    nodes.push(node);
  };
  const edges: (GraphEdge | PastEdge)[] = snapshot.edges.filter(
    (e) => nodeIndex.has(e.source) && nodeIndex.has(e.target),
  );
  const lineageOfEdge = new Map<number, Lineage['edges'][number]>();
  if (lineage) {
    for (const line of lineage.nodes) {
      addNode({ id: line.id, type: line.type, kind: line.kind, ...pick(line, ['owner', 'system']) } as GraphNode);
    }
    const current = new Map<string, number>();
    edges.forEach((e, i) => current.set(`${(e as GraphEdge).declared.repo}\0${(e as GraphEdge).key}`, i));
    for (const line of lineage.edges) {
      const { key, target } = line;
      let i = current.get(`${line.repo}\0${key}`);
      if (i === undefined) {
        const last = line.versions.at(-1);
        for (const id of [line.source, target]) {
          if (!nodeIndex.has(id)) addNode(pastNode(id, line.type === 'uses-library' && id === target));
        }
        i = edges.length;
        const past: PastEdge = {
          type: line.type,
          source: line.source,
          target,
          repo: line.repo,
          pinned: last?.pinned ?? true,
        };
        const version = last?.version ?? last?.image;
        if (version !== undefined) past.version = version;
        edges.push(past);
      }
      lineageOfEdge.set(i, line);
    }
  }

  const n = nodes.length;
  const nodeId = new Uint32Array(n);
  const nodeType = new Uint8Array(n);
  const nodeKind = new Int32Array(n);
  const nodeSystem = new Int16Array(n);
  const nodeOwner = new Int32Array(n);
  const nodeFlags = new Uint8Array(n);
  const nodeFile = new Int32Array(n);
  const nodeLine = new Uint32Array(n);
  const nodeRepo = new Int32Array(n);
  const nodeDescription = new Int32Array(n);
  const nodeImage = new Int32Array(n);
  const groups: string[] = [];
  const library = new Uint8Array(n);
  nodes.forEach((node, i) => {
    nodeId[i] = strings.of(node.id);
    nodeType[i] = Math.max(0, NODE_TYPES.indexOf(node.type));
    nodeKind[i] = strings.of(node.kind);
    nodeSystem[i] = systemOf(node.system);
    nodeOwner[i] = strings.of(node.owner);
    nodeFlags[i] =
      (node.discovered ? FLAG.discovered : 0) |
      (node.observedOnly ? FLAG.observedOnly | FLAG.observed : 0) |
      (node.unresolved ? FLAG.unresolved : 0) |
      (node.imagePin && !node.imagePin.pinned ? FLAG.imageUnpinned : 0);
    nodeFile[i] = strings.of(node.declared?.file);
    nodeLine[i] = node.declared?.line ?? 0;
    nodeRepo[i] = repoOf(node.declared?.repo);
    nodeDescription[i] = strings.of(node.description);
    nodeImage[i] = strings.of(node.image);
    groups.push(node.system ?? '');
    if (node.type === 'library') library[i] = 1;
  });

  const m = edges.length;
  const source = new Uint32Array(m);
  const target = new Uint32Array(m);
  const type = new Uint8Array(m);
  const pin = new Uint8Array(m);
  const flags = new Uint8Array(m);
  const version = new Int32Array(m);
  const protocol = new Int32Array(m);
  const api = new Int32Array(m);
  const scope = new Int32Array(m);
  const file = new Int32Array(m);
  const line = new Uint32Array(m);
  const repo = new Int32Array(m);
  const calls = new Uint32Array(m);
  const errors = new Uint32Array(m);
  edges.forEach((edge, i) => {
    source[i] = nodeIndex.get(edge.source) as number;
    target[i] = nodeIndex.get(edge.target) as number;
    type[i] = Math.max(0, EDGE_TYPES.indexOf(edge.type));
    if (!('key' in edge)) {
      pin[i] = PIN_STATES.indexOf(edge.pinned ? 'pinned' : 'unpinned');
      flags[i] = FLAG.past;
      version[i] = strings.of(edge.version);
      protocol[i] = api[i] = scope[i] = file[i] = -1;
      repo[i] = repoOf(edge.repo);
      return;
    }
    pin[i] = PIN_STATES.indexOf(edge.pin.unversioned ? 'n/a' : edge.pin.pinned ? 'pinned' : 'unpinned');
    flags[i] =
      (edge.discovered ? FLAG.discovered : 0) |
      (edge.observed ? FLAG.observed : 0) |
      (edge.presence === 'observed-only' ? FLAG.observedOnly : 0) |
      (edge.resolvedBy === 'unresolved' ? FLAG.unresolved : 0) |
      (edge.imagePin && !edge.imagePin.pinned ? FLAG.imageUnpinned : 0) |
      (edge.critical ? FLAG.critical : 0) |
      (edge.transitive ? FLAG.transitive : 0);
    version[i] = strings.of(edge.version ?? edge.image);
    protocol[i] = strings.of(edge.protocol);
    api[i] = strings.of(edge.api);
    scope[i] = strings.of(edge.scope);
    // Most edges are declared in their source's manifest: that place is not repeated.
    const from = nodes[source[i] as number];
    const inherited = from?.declared?.file === edge.declared.file && from?.declared?.repo === edge.declared.repo;
    file[i] = inherited ? -1 : strings.of(edge.declared.file);
    repo[i] = inherited ? -1 : repoOf(edge.declared.repo);
    line[i] = edge.declared.line;
    calls[i] = edge.observed?.calls ?? 0;
    errors[i] = edge.observed?.errors ?? 0;
  });

  const xy = layoutGraph({ groups, library, source, target });
  const data: ExplorerData = {
    format: EXPLORER_FORMAT,
    version: EXPLORER_VERSION,
    generator: input.generator,
    title: input.title,
    strings: strings.list,
    systems,
    repos,
    nodes: {
      count: n,
      id: column(nodeId),
      type: column(nodeType),
      kind: column(nodeKind, true),
      system: column(nodeSystem, true),
      owner: column(nodeOwner, true),
      flags: column(nodeFlags),
      xy: floats(xy),
      file: column(nodeFile, true),
      line: column(nodeLine),
      repo: column(nodeRepo, true),
      description: column(nodeDescription, true),
      image: column(nodeImage, true),
    },
    edges: {
      count: m,
      source: column(source),
      target: column(target),
      type: column(type),
      pin: column(pin),
      flags: column(flags),
      version: column(version, true),
      protocol: column(protocol, true),
      api: column(api, true),
      scope: column(scope, true),
      file: column(file, true),
      line: column(line),
      repo: column(repo, true),
      calls: column(calls),
      errors: column(errors),
    },
    observed: snapshot.observed !== undefined,
  };
  if (lineage) data.history = historyData(lineage, nodes, nodeIndex, m, lineageOfEdge, strings);
  return data;
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) if (value[k] !== undefined) out[k] = value[k];
  return out;
}

/** A node only a past edge names: a library (by its purl) or a service gone from every manifest. */
function pastNode(id: string, library: boolean): GraphNode {
  if (library || id.startsWith('pkg:')) {
    const ecosystem = /^pkg:([^/]+)\//.exec(id)?.[1] ?? 'library';
    return { id, type: 'library', kind: ecosystem, ecosystem };
  }
  return { id, type: 'resource', kind: 'service', unresolved: true };
}
