/**
 * The organisation graph as plain data. This is also the snapshot file format
 * (`depmap scan --out graph.json`), documented in docs/snapshot.md.
 *
 * A snapshot keeps the normalized manifests of every repo as well as the nodes and edges
 * derived from them: merging shards has to re-resolve service references across repos, and
 * that needs the declarations, not just the edges of each shard.
 */
import type { Confidence, EntityDecl, Evidence, Manifest, PinVerdict, Problem } from '../manifest/types.js';

export const SNAPSHOT_FORMAT = 'depmap-snapshot';
export const SNAPSHOT_VERSION = 1;

/**
 * `entity`: a catalog entity that is neither a component, a resource nor a library (a
 * Backstage API with no provider, a Group, User, Domain or System, a custom kind). Its id is
 * `kind:name` (`api:demo-graphql`, `group:platform/sre` outside the default namespace), its
 * `kind` the entity kind lower-cased. Diagrams, policies and queries leave entities out.
 */
export type NodeType = 'component' | 'resource' | 'library' | 'entity';
export type EdgeType = 'calls-service' | 'uses-library';

export interface RepoEntry {
  /** Stable id of the repo: its folder name, or `host/org/repo` for a git URL. */
  id: string;
  /** What the user gave: a folder path or a git URL (without credentials). */
  source: string;
  /** HEAD commit when the repo is a git repo. */
  commit?: string;
  /** The ref that was checked out for a git URL source (`#ref`). */
  ref?: string;
  /** Manifests found in this repo, valid ones only. */
  manifests: Manifest[];
  /**
   * Resources and catalog entities the repo declares apart from any component (an imported
   * Backstage catalog's Resources, Groups and APIs; a SaaSBOM's databases), with their calls.
   */
  entities?: EntityDecl[];
  /** Problems found while reading this repo (invalid manifests, clone errors, …). */
  problems: Problem[];
  /** `ok`, `no-manifest` (skipped), or `failed` (reported, partly or not mapped). */
  status: 'ok' | 'no-manifest' | 'failed';
  /** True when nodes and edges were discovered from other files, not declared in a manifest. */
  discovered?: boolean;
}

/** Where a node or edge was declared. */
export interface Declared {
  repo: string;
  file: string;
  line: number;
  col: number;
}

export interface ProvidedApi {
  api: string;
  protocol: string;
  version: string;
}

export interface GraphNode {
  /** Component or resource name, or a library's versionless purl (`pkg:npm/express`). */
  id: string;
  type: NodeType;
  /** Component kind (service, job, …), resource kind (database, queue, external, …), or ecosystem for libraries. */
  kind: string;
  system?: string;
  owner?: string;
  description?: string;
  tags?: string[];
  provides?: ProvidedApi[];
  /** Components: where the manifest is. */
  declared?: Declared;
  /** Resources: a reference to a service that no component is or provides. */
  unresolved?: boolean;
  /** Libraries: ecosystem and name. */
  ecosystem?: string;
  name?: string;
  /** Components: other names references to it resolve by. */
  aliases?: string[];
  /** Components: the image it runs as, and that image's pin verdict. */
  image?: string;
  imagePin?: PinVerdict;
  /** Components discovered in several repos: the other places, joined into this node. */
  alsoDeclared?: Declared[];
  /** True when the node comes from `scan --discover`, not from a manifest. */
  discovered?: boolean;
  /** True for a node only traces or metrics name (no manifest or discovery has it); listed in `observed.unmatched`. */
  observedOnly?: boolean;
  /**
   * What an imported format carries and depmap has no field for, kept so that an export to
   * the same format writes it back: `<namespace>:<name>` keys (`backstage:lifecycle`,
   * `cyclonedx:trust-zone`), text values (JSON text for structured ones). See docs/interop.md.
   */
  properties?: Properties;
}

/** Namespaced properties (`backstage:lifecycle` → `production`); structured values are JSON text. */
export type Properties = Record<string, string>;

export interface GraphEdge {
  /** Stable key: `source -> target` plus what distinguishes parallel edges. */
  key: string;
  type: EdgeType;
  source: string;
  target: string;
  version?: string;
  pin: PinVerdict;
  protocol?: string;
  api?: string;
  scope?: string;
  critical?: boolean;
  image?: string;
  imagePin?: PinVerdict;
  /** Discovered calls to a resource the repo builds: the image its Dockerfile starts `FROM`. */
  baseImage?: string;
  url?: string;
  /** How a service reference found its target: by component `name`, by provided `api`, or not at all. */
  resolvedBy?: 'name' | 'api' | 'unresolved';
  transitive?: boolean;
  /** File the dependency was imported from (`package-lock.json`), when not inline. */
  importedFrom?: string;
  evidence?: string;
  /** Discovered edges: each piece of evidence, with its file and line. */
  evidenceDetail?: Evidence[];
  /** Discovered edges: how sure discovery is. */
  confidence?: Confidence;
  declared: Declared;
  discovered?: boolean;
  /** With observations joined (`--observed`): whether the call is declared, observed, or both. */
  presence?: Presence;
  /** What traces or service-graph metrics showed of this call. */
  observed?: Observation;
  /** What an imported format says of the relation and depmap has no field for (see GraphNode.properties). */
  properties?: Properties;
}

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  /** depmap version that wrote it (no timestamp, so the same input gives the same bytes). */
  generator: string;
  repos: RepoEntry[];
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Problems of the whole graph: duplicate component names, unresolved services, … */
  problems: GraphProblem[];
  /** Present when observations (traces, service-graph metrics) were joined with `--observed`. */
  observed?: ObservedSummary;
}

/** The `declared.repo` of an observed call whose caller no manifest has: the place is the trace file. */
export const OBSERVED_REPO = '(observed)';

/** Whether a call is declared (a manifest, or discovery), observed (traces, metrics), or both. */
export type Presence = 'declared-and-observed' | 'declared-only' | 'observed-only';

/** What traces or service-graph metrics showed of one call (see src/observe). */
export interface Observation {
  calls: number;
  errors: number;
  /** ISO 8601 UTC, when the inputs carry times (dependency links and metrics do not). */
  firstSeen?: string;
  lastSeen?: string;
  /** Latency percentiles in milliseconds, where spans give durations. */
  latencyMs?: { p50: number; p95: number; p99: number };
  /** Protocol the calls used (`http`, `grpc`, `kafka`, `postgresql`), when the spans say. */
  protocol?: string;
  /** Input files it was read from. */
  sources: string[];
}

/** The observations joined into a snapshot: what was read, the time it spans, what matched nothing. */
export interface ObservedSummary {
  files: { file: string; format: string; records: number }[];
  /** ISO 8601 UTC: the first and last time the observations carry, when they carry times. */
  window?: { from: string; to: string };
  /** Observed names that match no component, provided API or alias: reported, never merged into another. */
  unmatched: { name: string; as: 'caller' | 'callee'; calls: number }[];
  /** Bad input: a malformed line is reported with file:line and the rest is read. */
  problems: { file: string; line: number; col?: number; message: string }[];
}

export interface GraphProblem {
  severity: 'error' | 'warning';
  code: 'duplicate-component' | 'unresolved-service' | 'resource-kind-conflict' | string;
  message: string;
  /** Every place involved (both declarations of a duplicate name). */
  locations: Declared[];
}
