/**
 * The normalized manifest: what the rest of depmap works with once a depmap.yaml has been
 * parsed and validated. Every declaration keeps the line and column it came from, so graph
 * edges, policy violations and SARIF results can point back at the manifest.
 */

/** 1-based position inside a file. */
export interface Position {
  line: number;
  col: number;
}

export type Severity = 'error' | 'warning';

/** One problem found in a file, with where it is and how to fix it. */
export interface Problem {
  severity: Severity;
  /** Stable machine-readable code, e.g. `unknown-field`, `yaml-syntax`, `unpinned`. */
  code: string;
  /** Path of the file as given to or found by depmap. */
  file: string;
  line: number;
  col: number;
  /** Field path inside the manifest, e.g. `libraries[0].version`; empty for whole-file problems. */
  path: string;
  message: string;
  hint?: string;
}

/**
 * Why a version is or is not pinned; `reason`/`hint` when not pinned, or to say why a
 * reference has nothing to pin (`unversioned`).
 */
export interface PinVerdict {
  pinned: boolean;
  reason?: string;
  hint?: string;
  /** Images only: how the reference pins what runs, whatever the level (pin/image-tag-class.ts). */
  class?: ImagePinClass;
  /**
   * A reference discovered from deployment files: no file declares an API version, so there is
   * none to pin. Neither pinned nor unpinned, it is not a finding: `pinned` is true so that
   * every reader of pins passes it, and `reason` says why there is no version.
   */
  unversioned?: true;
}

/**
 * How an image reference pins what runs: `digest` (`@sha256:…`), `exact` (a tag naming one
 * release: `1.2.3`, `postgres:16.1`, a date), `floating` (a tag that moves: `latest`, `5`,
 * `6.2-alpine`) or `none` (no tag: Docker pulls latest). Absent when the text is no reference
 * (an unresolved variable, a malformed digest).
 */
export type ImagePinClass = 'digest' | 'exact' | 'floating' | 'none';

/** How strictly container images must be pinned: a specific tag, or a digest. */
export type DockerPinLevel = 'exact' | 'digest';

/**
 * How a version string is to be read. `native`: with the ecosystem's own manifest syntax
 * (Cargo's `1.2.3` is a caret range). `purl`: the version of a Package URL, which the purl
 * spec defines as one exact version, so a bare version is exact. `resolved`: from a
 * lockfile, where every version is the one that was installed.
 */
export type VersionSyntax = 'native' | 'purl' | 'resolved';

export interface Provided {
  api: string;
  protocol: string;
  version: string;
  description?: string;
  pos: Position;
}

/** Where a library or service came from when it was not written inline. */
interface ImportedFrom {
  /** Path of the imported file, relative to the repo root, `/`-separated. */
  file: string;
  line?: number;
}

export interface LibraryDecl {
  /** Package URL type: npm, pypi, maven, golang, cargo, gem, nuget, docker, github, composer, git, … */
  ecosystem: string;
  /** Full name as the ecosystem writes it: `@scope/pkg`, `org.slf4j:slf4j-api`, `github.com/x/y`. */
  name: string;
  /** Package URL without version or qualifiers: the library's identity in the graph. */
  purl: string;
  version?: string;
  scope?: string;
  pin: PinVerdict;
  pos: Position;
  /** Set when the library came from a lockfile or other file through `from:`. */
  importedFrom?: ImportedFrom;
  /** True for transitive dependencies taken from a lockfile. */
  transitive?: boolean;
  /** Imported: what the source format says of the library and depmap has no field for (the library node's). */
  properties?: Record<string, string>;
}

export interface ServiceDecl {
  /** Another component's name, or an infrastructure/external node. */
  name: string;
  /** service, database, cache, queue, stream, storage, search, external, … (default service) */
  kind: string;
  protocol?: string;
  api?: string;
  version?: string;
  image?: string;
  url?: string;
  critical: boolean;
  description?: string;
  /** Pin status of `version` (the API version consumed). */
  pin: PinVerdict;
  /** Pin status of `image`, when there is one. */
  imagePin?: PinVerdict;
  /**
   * Discovery: the image a resource the repo builds itself is built `FROM` (a database image
   * with the team's init scripts): what really runs, whatever the deployed tag says.
   */
  baseImage?: string;
  pos: Position;
  importedFrom?: ImportedFrom;
  /** Why an importer believes this edge exists (`depends_on`, `env ORDERS_URL=…`); discovered edges only. */
  evidence?: string;
  /** Each piece of that evidence with where it was read (discovery). */
  evidenceDetail?: Evidence[];
  /** How sure discovery is of the edge. */
  confidence?: Confidence;
  /** Imported: what the source format says of the call and depmap has no field for (the edge's). */
  properties?: Record<string, string>;
}

/**
 * A resource or catalog entity declared on its own, not as a call of a component: what an
 * imported catalog or SaaSBOM says exists even when nothing calls it (`RepoEntry.entities`).
 */
export interface EntityDecl {
  /** `resource` (a database, queue, external API…: the node id is its name) or `entity` (id `kind:name`). */
  type: 'resource' | 'entity';
  /** The node id: a resource's name, an entity's `kind:name`. */
  id: string;
  /** Resource kind (database, queue, external, service…), or the entity kind lower-cased (api, group, airesource). */
  kind: string;
  owner?: string;
  system?: string;
  description?: string;
  properties?: Record<string, string>;
  /** The calls it makes (a Backstage Resource's `dependsOn`, a SaaSBOM database's dependencies). */
  services: ServiceDecl[];
  /** The file (repo-relative) and position it is declared at. */
  file: string;
  pos: Position;
}

/** A `{ from: path }` entry, resolved by the crawler (it needs the repo's files). */
export interface FromRef {
  section: 'libraries' | 'services';
  /** Index of the entry in its list, for problems (`libraries[2].from`). */
  index?: number;
  path: string;
  transitive: boolean;
  /** Where the path is written: the value of `from:`. */
  pos: Position;
}

interface Link {
  url: string;
  title?: string;
}

export interface Manifest {
  /** Path of the manifest relative to the repo root, `/`-separated. */
  file: string;
  specVersion: 1;
  name: string;
  kind: string;
  system?: string;
  owner?: string;
  description?: string;
  /** Other names it is reached by: service references to them resolve to it. */
  aliases?: string[];
  /** The image it runs as, and that image's pin verdict. */
  image?: string;
  imagePin?: PinVerdict;
  tags: string[];
  links: Link[];
  provides: Provided[];
  libraries: LibraryDecl[];
  services: ServiceDecl[];
  fromRefs: FromRef[];
  pos: Position;
  /** Imported: what the source format says of the component and depmap has no field for (the node's). */
  properties?: Record<string, string>;
}

export interface ParseOptions {
  docker?: DockerPinLevel;
  /**
   * Also report unpinned versions as warnings (validate). Off by default: every declaration
   * keeps its pin verdict, and check's unpinned rule words it from there.
   */
  reportUnpinned?: boolean;
  /**
   * The entries of a list are not one manifest's (history parses the changed entries of
   * many versions in one document): no duplicate check across them. Each version is checked
   * for duplicates when its entries are put back in place.
   */
  independentEntries?: boolean;
}

export interface ParseResult {
  /** Present when the manifest is valid enough to be mapped (no error-level problems). */
  manifest?: Manifest;
  problems: Problem[];
}

/** Kinds of evidence a discovered edge can rest on. */
export type EvidenceKind =
  | 'address-env' // an environment variable whose value is an address of another workload
  | 'url' // a URL in a setting
  | 'connection-string' // `Host=db;…`, `jdbc:…`, `postgres://…@db/…`
  | 'properties' // a configuration property (Spring, .properties)
  | 'dockerfile-env' // an ENV line of the image's Dockerfile
  | 'depends_on' // compose start order: evidence only for a resource, or beside an address
  | 'link' // compose `links`
  | 'network-policy' // a Kubernetes NetworkPolicy egress or ingress rule
  | 'gateway-route' // a gateway's route (Spring Cloud Gateway `lb://x`, an Ingress or VirtualService)
  | 'library' // a client library of what is called (a Eureka client beside depends_on on the registry)
  | 'trace'; // a call seen in traces

/** One piece of evidence for a discovered edge: what shows it and where. */
export interface Evidence {
  kind: EvidenceKind;
  /** Repo-relative, `/`-separated. */
  file: string;
  line?: number;
  /** The text that shows it, on one line, every secret masked: `ORDERS_URL=http://orders:8080`. */
  text: string;
}

/**
 * How sure discovery is of an edge: `high` when an address names the callee (a URL, a host
 * setting, a route), `medium` for weaker but specific signs (depends_on on a database, a
 * vendor's credentials), `low` for a guess (start order beside a client library).
 */
export type Confidence = 'high' | 'medium' | 'low';
