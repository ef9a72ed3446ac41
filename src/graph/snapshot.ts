/**
 * Snapshot files: serialize with a stable order (same graph, same bytes), read back with
 * checks, and merge shards by re-resolving every service reference over all repos.
 */
import { safeJson } from '../util/control-chars.js';
import { ConfigError } from '../errors.js';
import { buildSnapshot } from './build-graph.js';
import { DecodeError, DecoderV2, SNAPSHOT_FILE_VERSION_2 } from './snapshot-v2.js';
import {
  cutManifests,
  defineLazyEdges,
  isList,
  LazyItems,
  lazyEdgesOf,
  MANIFESTS_SECTION,
} from './snapshot-v2-lazy.js';
import { snapshotChunksV2 } from './snapshot-v2-write.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type GraphEdge, type RepoEntry, type Snapshot } from './types.js';

/** The file versions this depmap reads; it writes the last unless asked for another. */
const SNAPSHOT_FILE_VERSIONS = [SNAPSHOT_VERSION, SNAPSHOT_FILE_VERSION_2] as const;
export type SnapshotFileVersion = (typeof SNAPSHOT_FILE_VERSIONS)[number];
// Version 1 stays what is written unless asked: version 2's shared tables renumber on any change,
// so a one-version bump rewrites most of its lines (16 changed lines in version 1, 347 of 444 in
// version 2, on the demo organisation), and committed snapshots are read as diffs.
const DEFAULT_SNAPSHOT_FILE_VERSION: SnapshotFileVersion = 1;

/**
 * The snapshot as JSON text, in pieces: one line per repo, node, edge and problem. Readable
 * as a `git diff` (a changed edge is a changed line), and written piece by piece so a graph
 * larger than a JS string can hold is still saved. Version 1 (the default) spells every
 * object out; version 2 is the compact form of snapshot-v2.ts.
 */
export function snapshotChunks(
  snapshot: Snapshot,
  version: SnapshotFileVersion = DEFAULT_SNAPSHOT_FILE_VERSION,
): Generator<string> {
  return version === SNAPSHOT_FILE_VERSION_2 ? snapshotChunksV2(snapshot) : snapshotChunksV1(snapshot);
}

function* snapshotChunksV1(snapshot: Snapshot): Generator<string> {
  yield `{"format": ${JSON.stringify(snapshot.format)}, "version": ${snapshot.version}, "generator": ${JSON.stringify(snapshot.generator)},\n`;
  const sections = ['repos', 'nodes', 'edges', 'problems'] as const;
  for (const [s, key] of sections.entries()) {
    const items = snapshot[key] as readonly unknown[];
    yield `"${key}": [`;
    for (let i = 0; i < items.length; i++) yield `${i === 0 ? '\n' : ',\n'}${safeJson(JSON.stringify(items[i]))}`;
    yield `${items.length > 0 ? '\n' : ''}]${s < sections.length - 1 || snapshot.observed ? ',' : ''}\n`;
  }
  // The observations joined (--observed): what was read, its window, the names that matched nothing.
  if (snapshot.observed) yield `"observed": ${safeJson(JSON.stringify(snapshot.observed))}\n`;
  yield '}\n';
}

export function serializeSnapshot(
  snapshot: Snapshot,
  version: SnapshotFileVersion = DEFAULT_SNAPSHOT_FILE_VERSION,
): string {
  return [...snapshotChunks(snapshot, version)].join('');
}

/** Reads a snapshot file's text; `file` is named in errors. */
export function parseSnapshot(text: string, file: string): Snapshot {
  let value: unknown;
  // Version 2's manifests are parsed when first read, not with the rest (snapshot-v2.ts).
  let manifests: (() => unknown[]) | undefined;
  const cut = text.startsWith(V2_HEAD) ? cutManifests(text) : undefined;
  try {
    if (cut) {
      try {
        value = JSON.parse(cut.rest);
        manifests = lazyList(cut.manifests);
      } catch {
        value = JSON.parse(text); // the error, or a layout the cut misread
      }
    } else value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file} is not JSON: ${(error as Error).message}`, {
      hint: 'give a file written by `depmap scan --out`',
    });
  }
  const v = value as Partial<Snapshot> | null;
  if (!v || typeof v !== 'object' || v.format !== SNAPSHOT_FORMAT) {
    throw new ConfigError(`${file} is not a depmap snapshot (no "format": "${SNAPSHOT_FORMAT}")`, {
      hint: 'give a file written by `depmap scan --out`',
    });
  }
  const version = v.version as number;
  if (!(SNAPSHOT_FILE_VERSIONS as readonly number[]).includes(version)) {
    throw new ConfigError(
      `${file} is snapshot version ${String(v.version)}; this depmap reads versions ${SNAPSHOT_FILE_VERSIONS.join(' and ')}`,
      {
        hint: 'write it again with this version of depmap',
      },
    );
  }
  for (const key of ['repos', 'nodes', 'edges', 'problems'] as const) {
    if (!Array.isArray(v[key]))
      throw new ConfigError(`${file}: "${key}" must be a list`, { hint: 'the file is damaged; scan again' });
  }
  if (version !== SNAPSHOT_FILE_VERSION_2) {
    checkShape(v as Snapshot, file);
    return v as Snapshot;
  }
  try {
    const raw = v as Record<string, unknown>;
    if (!manifests && Array.isArray(raw[MANIFESTS_SECTION])) manifests = () => raw[MANIFESTS_SECTION] as unknown[];
    return decodeV2(raw, file, manifests);
  } catch (error) {
    throw error instanceof DecodeError ? damagedAt(file, error) : error;
  }
}

/** How version 2 files start (snapshot-v2-write.ts). */
const V2_HEAD = `{"format": "${SNAPSHOT_FORMAT}", "version": ${SNAPSHOT_FILE_VERSION_2},`;

/** A JSON list's text, parsed when first asked for; not JSON is a DecodeError then. */
function lazyList(text: string): () => unknown[] {
  let list: unknown[] | undefined;
  return () => {
    if (list) return list;
    try {
      list = JSON.parse(text) as unknown[];
    } catch (error) {
      throw new DecodeError(`"${MANIFESTS_SECTION}"`, `is not JSON: ${(error as Error).message}`);
    }
    return list;
  };
}

/** A DecodeError as the ConfigError a damaged version 1 file gives: the file, the entry, what. */
function damagedAt(file: string, error: DecodeError): ConfigError {
  return new ConfigError(`${file}: ${error.where} ${error.what}`, {
    hint: 'the file is damaged or was edited by hand; write it again with `depmap scan --out`',
  });
}

/**
 * A version 2 file's items as the objects version 1 holds. The repos' manifests and the edges
 * are decoded when first read: `impact` reads the ends of every edge and the whole of the few
 * it reaches, and no manifest; `merge` and `docs` read everything. What checkShape checks of
 * an edge is checked now, on the encoded edges; anything else damaged in an edge or a
 * manifest is the same located error, when it is read.
 */
function decodeV2(raw: Record<string, unknown>, file: string, manifests?: () => unknown[]): Snapshot {
  const decoder = new DecoderV2(raw, (error) => damagedAt(file, error), manifests);
  const rawRepos = raw.repos as unknown[];
  const snapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    generator: raw.generator,
    repos: rawRepos.map((repo, i) => decoder.itemWithLazy(repo, `repos[${i}]`, 'manifests')),
    nodes: decoder.section(raw.nodes, 'nodes'),
  } as unknown as Snapshot;
  const lazy = new LazyItems<GraphEdge>(decoder, raw.edges as unknown[], 'edges');
  defineLazyEdges(snapshot, lazy);
  snapshot.problems = decoder.section(raw.problems, 'problems') as Snapshot['problems'];
  if (raw.observed !== undefined)
    snapshot.observed = decoder.object(raw.observed, 'observed') as unknown as Snapshot['observed'];
  const index = new Map<string, number>();
  snapshot.nodes.forEach((node, i) => {
    if (node && typeof node.id === 'string' && !index.has(node.id)) index.set(node.id, i);
  });
  // Edges that would not pass are decoded now, so that checkShape names the first bad one.
  lazy.endpoints = decoder.edgesPass(raw.edges as unknown[], index, EDGE_TYPES);
  if (!lazy.endpoints) snapshot.edges = lazy.all();
  checkShape(snapshot, file);
  return snapshot;
}

const NODE_TYPES = new Set(['component', 'resource', 'library', 'entity']);
const EDGE_TYPES = new Set(['calls-service', 'uses-library']);
const REPO_STATUS = new Set(['ok', 'no-manifest', 'failed']);

/**
 * What the commands rely on, checked before they run: a damaged or hand-edited snapshot is
 * a clear error naming the first bad entry, never a crash halfway through a render.
 */
function checkShape(snapshot: Snapshot, file: string): void {
  const fail = (where: string, what: string): never => {
    throw new ConfigError(`${file}: ${where} ${what}`, {
      hint: 'the file is damaged or was edited by hand; write it again with `depmap scan --out`',
    });
  };
  const text = (value: unknown) => typeof value === 'string' && value.length > 0;
  snapshot.repos.forEach((repo, i) => {
    if (!repo || typeof repo !== 'object') fail(`repos[${i}]`, 'must be an object');
    if (!text(repo.id)) fail(`repos[${i}].id`, 'must be text');
    if (!isList(repo, 'manifests') || !Array.isArray(repo.problems))
      fail(`repos[${i}]`, 'must have "manifests" and "problems" lists');
    if (!REPO_STATUS.has(repo.status)) fail(`repos[${i}].status`, `must be one of ${[...REPO_STATUS].join(', ')}`);
  });
  const ids = new Set<string>();
  snapshot.nodes.forEach((node, i) => {
    if (!node || typeof node !== 'object') fail(`nodes[${i}]`, 'must be an object');
    if (!text(node.id)) fail(`nodes[${i}].id`, 'must be text');
    if (!NODE_TYPES.has(node.type)) fail(`nodes[${i}].type`, `must be one of ${[...NODE_TYPES].join(', ')}`);
    if (typeof node.kind !== 'string') fail(`nodes[${i}].kind`, 'must be text');
    if (ids.has(node.id)) fail(`nodes[${i}].id`, `"${node.id}" is there twice`);
    ids.add(node.id);
  });
  // Edges read from version 2 and not read yet have passed these checks encoded (edgesPass).
  const edges = lazyEdgesOf(snapshot) ? [] : snapshot.edges;
  edges.forEach((edge, i) => {
    if (!edge || typeof edge !== 'object') fail(`edges[${i}]`, 'must be an object');
    if (!text(edge.key)) fail(`edges[${i}].key`, 'must be text');
    if (!EDGE_TYPES.has(edge.type)) fail(`edges[${i}].type`, `must be one of ${[...EDGE_TYPES].join(', ')}`);
    if (!ids.has(edge.source)) fail(`edges[${i}].source`, `"${String(edge.source)}" is not a node of the snapshot`);
    if (!ids.has(edge.target)) fail(`edges[${i}].target`, `"${String(edge.target)}" is not a node of the snapshot`);
    if (!edge.pin || typeof edge.pin.pinned !== 'boolean') fail(`edges[${i}].pin`, 'must be { pinned: true|false }');
    const d = edge.declared;
    if (!d || !text(d.repo) || typeof d.file !== 'string' || typeof d.line !== 'number')
      fail(`edges[${i}].declared`, 'must be { repo, file, line, col }');
    if (edge.observed !== undefined && (typeof edge.observed !== 'object' || typeof edge.observed.calls !== 'number'))
      fail(`edges[${i}].observed`, 'must be { calls, errors, … }');
  });
  const o = snapshot.observed;
  if (o !== undefined) {
    if (
      !o ||
      typeof o !== 'object' ||
      !Array.isArray(o.files) ||
      !Array.isArray(o.unmatched) ||
      !Array.isArray(o.problems)
    )
      fail('observed', 'must be { files, unmatched, problems }');
  }
}

export interface MergeResult {
  snapshot: Snapshot;
  /** Repos that appear in several inputs at different commits. */
  conflicts: string[];
}

/**
 * Joins snapshots (the shards of one crawl, or crawls of different parts of an
 * organisation). A repo present twice is kept once when it is the same commit; otherwise
 * the later input wins and the conflict is reported. Duplicate component names across
 * inputs are reported by the graph build like in a scan.
 */
export function mergeSnapshots(
  inputs: readonly { snapshot: Snapshot; file: string }[],
  generator: string,
): MergeResult {
  const repos = new Map<string, { repo: RepoEntry; file: string }>();
  const conflicts: string[] = [];
  for (const { snapshot, file } of inputs) {
    for (const repo of snapshot.repos) {
      const existing = repos.get(repo.id);
      if (existing && existing.repo.commit !== repo.commit) {
        conflicts.push(
          `repo ${repo.id} is in ${existing.file} at ${existing.repo.commit?.slice(0, 7) ?? 'no commit'} and in ${file} at ${repo.commit?.slice(0, 7) ?? 'no commit'}; keeping ${file}`,
        );
      }
      repos.set(repo.id, { repo, file });
    }
  }
  return {
    snapshot: buildSnapshot(
      [...repos.values()].map((r) => r.repo),
      generator,
    ),
    conflicts,
  };
}
