/**
 * What `depmap explore` embeds in its page: the graph as string tables and typed arrays (base64
 * in the JSON), positions laid out in Node, and the lineage the time slider reads. Shared by
 * the Node side that writes it and the page that reads it (a type-only import there).
 *
 * Indexes: every string (ids, kinds, owners, versions, files…) is an index into `strings`; -1
 * means none. Nodes and edges are numbered by their place in the arrays. An edge's file and
 * repo are -1 when they are its source node's (most edges are declared in its manifest).
 */

export const EXPLORER_FORMAT = 'depmap-explorer';
export const EXPLORER_VERSION = 1;

/** Node types, in `nodes.type`. */
export const NODE_TYPES = ['component', 'resource', 'library', 'entity'] as const;
/** Edge types, in `edges.type`. */
export const EDGE_TYPES = ['calls-service', 'uses-library'] as const;
/** An edge's pin status, in `edges.pin`. */
export const PIN_STATES = ['pinned', 'unpinned', 'n/a'] as const;

/** Bits of `nodes.flags` and `edges.flags`. */
export const FLAG = {
  /** From `--discover`: nobody declared it. */
  discovered: 1,
  /** Traces or metrics show it (an edge: the call was observed). */
  observed: 2,
  /** Only traces or metrics know it: no manifest or discovery has it. */
  observedOnly: 4,
  /** A node: a service reference nothing resolves to. An edge: a call to such a node. */
  unresolved: 8,
  /** A component whose image is unpinned, or an edge whose image is. */
  imageUnpinned: 16,
  /** An edge: not in the graph now, only in its history (the slider shows it in the past). */
  past: 32,
  /** An edge: marked critical in its manifest. */
  critical: 64,
  /** An edge: a transitive library (from a lockfile), not a direct one. */
  transitive: 128,
} as const;

/**
 * A column of numbers: a letter for the width (b: 1 byte, h: 2, i: 4, f: float32) then the
 * bytes in base64 (little-endian); signed columns are stored plus one; '' is a column of
 * defaults (0, or -1 for signed). See explorer-data.ts's `column`.
 */
type Base64 = string;

interface ExplorerNodes {
  count: number;
  /** Uint32: the node's id (a name, or a library's purl). */
  id: Base64;
  /** Uint8: index into NODE_TYPES. */
  type: Base64;
  /** Int32: kind (service, database, npm, …). */
  kind: Base64;
  /** Int16: index into `systems`, -1 none. */
  system: Base64;
  /** Int32: owner. */
  owner: Base64;
  /** Uint8: FLAG bits. */
  flags: Base64;
  /** Float32 pairs: x, y from the layout. */
  xy: Base64;
  /** Int32: where it is declared: file (a string), and Uint32 line; repo as an index into `repos`. */
  file: Base64;
  line: Base64;
  repo: Base64;
  /** Int32: description, image. */
  description: Base64;
  image: Base64;
}

interface ExplorerEdges {
  count: number;
  /** Uint32: node indexes. */
  source: Base64;
  target: Base64;
  /** Uint8: index into EDGE_TYPES. */
  type: Base64;
  /** Uint8: index into PIN_STATES. */
  pin: Base64;
  /** Uint8: FLAG bits. */
  flags: Base64;
  /** Int32: version (or image for a call to infrastructure), protocol, api, scope, file. */
  version: Base64;
  protocol: Base64;
  api: Base64;
  scope: Base64;
  file: Base64;
  /** Uint32 line of the declaration; Int32 repo index. */
  line: Base64;
  repo: Base64;
  /** Uint32 observed calls and errors (0 when not observed). */
  calls: Base64;
  errors: Base64;
}

/**
 * The time slider's data. `times` are the distinct commit times of the history in order; a
 * position is an index into them. Each edge has its versions CSR-style: those of edge `i` are
 * `start[i]` to `start[i + 1]`, each valid from position `from` until `to` (65535: still
 * valid). An edge without any version has no history (a repo read without it): always shown.
 */
export interface ExplorerHistory {
  /** ms since the epoch, ascending. */
  times: number[];
  /** What happened at each position, for the slider's caption: `repo abc1234 subject`. */
  captions: string[];
  /** Uint32, edges.count + 1 entries. */
  start: Base64;
  /** Uint16 positions. */
  from: Base64;
  to: Base64;
  /** Int32: the version (or image) of each version. */
  label: Base64;
  /** Uint8: 1 when that version was pinned. */
  pinned: Base64;
  /** Uint16 per node: first and last position it was there (65535: open); nodes without lineage: 65535 / 65535. */
  nodeFrom: Base64;
  nodeTo: Base64;
}

export interface ExplorerRepo {
  id: string;
  /** An http(s) address to link declarations to (`…/blob/<commit>/<file>#L<line>`), when the repo has one. */
  web?: string;
  commit?: string;
}

export interface ExplorerData {
  format: typeof EXPLORER_FORMAT;
  version: typeof EXPLORER_VERSION;
  generator: string;
  title: string;
  strings: string[];
  systems: string[];
  repos: ExplorerRepo[];
  nodes: ExplorerNodes;
  edges: ExplorerEdges;
  history?: ExplorerHistory;
  /** True when observations were joined (the provenance filter offers "observed"). */
  observed: boolean;
}

/** The sentinel of an open end in the history's Uint16 positions. */
export const OPEN = 0xffff;
