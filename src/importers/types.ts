/**
 * The contract of every importer: a pure function from one file's text (plus read access to
 * the other files of the same repo) to the libraries, components and edges it describes.
 * Importers never touch the disk themselves, never execute anything from a repo, and never
 * throw on bad input: a malformed file gives problems with line numbers.
 */
import type { VersionSyntax } from '../manifest/types.js';

export interface ImportContext {
  /** Repo-relative, `/`-separated path of the file being imported. */
  file: string;
  /** Another repo file (repo-relative); the caller guarantees it cannot escape the repo; undefined when missing. */
  readFile(path: string): string | undefined;
  /** Include transitive dependencies where the format has them. */
  transitive: boolean;
  /**
   * Repo-relative directory of the package whose direct dependencies are wanted, for a
   * lockfile shared by the workspaces of a monorepo (package-lock, pnpm-lock, yarn.lock).
   * Defaults to the lockfile's own directory (the root project).
   */
  workspace?: string;
}

export type LibraryScope = 'runtime' | 'dev' | 'test' | 'optional' | 'peer' | 'build';

export interface ImportedLibrary {
  /** purl type: npm, pypi, maven, golang, cargo, gem, nuget, composer, … */
  ecosystem: string;
  name: string;
  version?: string;
  scope?: LibraryScope;
  line?: number;
  transitive?: boolean;
  /** `resolved` for lockfiles, `native` for manifests like package.json, `purl` for purls. */
  syntax: VersionSyntax;
  /**
   * The purl of the parent or BOM that manages its version (Maven `<dependencyManagement>`
   * of a parent POM or an imported BOM): with a version when that POM is in the repo,
   * without one when it is not (`pkg:maven/org.springframework.boot/spring-boot-starter-parent@3.5.5`).
   */
  managedBy?: string;
  /**
   * Catalog imports (a CycloneDX BOM's `dependencies`): the names of the components that use
   * it. Absent: the file's one component uses it (a lockfile, a single application's BOM).
   */
  usedBy?: string[];
  /** What the format says of the library and depmap has no field for (`cyclonedx:licenses`). */
  properties?: Record<string, string>;
}

export interface ProvidedApiRef {
  api: string;
  protocol: string;
  /** Empty when the source does not say (a Backstage API without a versioned definition). */
  version: string;
}

export interface DiscoveredComponent {
  name: string;
  /** service | frontend | job | database | cache | queue | stream | storage | search | external | … */
  kind: string;
  image?: string;
  line?: number;
  system?: string;
  owner?: string;
  description?: string;
  provides?: ProvidedApiRef[];
  /** Databases, caches, queues, externals: things a team runs or buys rather than writes. */
  infrastructure: boolean;
  /** Built from the repo's own source (compose `build:`): the likeliest "this repo's component". */
  built?: boolean;
  /** Compose profiles the service belongs to; absent when it is always started. */
  profiles?: string[];
  /** An address (external APIs, Kubernetes ExternalName services). */
  url?: string;
  /**
   * Catalog imports: what the node is in depmap's graph, when its kind does not say it
   * (`entity` for a Backstage API without a provider, a Group, a custom kind; `component` for
   * a service a SaaSBOM marks internal). Absent: infrastructure and externals are resources,
   * the rest components.
   */
  type?: 'component' | 'resource' | 'entity';
  /** Catalog imports: the repo-relative file the node is declared in, when not the imported file itself. */
  file?: string;
  tags?: string[];
  /** What the format says of the node and depmap has no field for (`backstage:lifecycle`). */
  properties?: Record<string, string>;
}

export interface DiscoveredEdge {
  from: string;
  to: string;
  /** Kind of the target (database, service, …) when the importer knows it. */
  kind?: string;
  protocol?: string;
  api?: string;
  version?: string;
  line?: number;
  /** Why the importer believes the edge exists: `depends_on`, `env ORDERS_URL=http://orders:8080`. Secrets are masked. */
  evidence: string;
  /** Catalog imports: the repo-relative file the edge is declared in, when not the imported file itself. */
  file?: string;
  /** The caller cannot work without it (depmap's own `critical`). */
  critical?: boolean;
  /** What the format says of the relation and depmap has no field for. */
  properties?: Record<string, string>;
}

export interface ImportProblem {
  /** Catalog imports: the repo-relative file the problem is in, when not the imported file itself. */
  file?: string;
  line?: number;
  message: string;
  hint?: string;
  /** `error` (default): the file could not be read as its format says. `warning`: read, with a caveat. */
  severity?: 'error' | 'warning';
}

export interface ImportResult {
  libraries: ImportedLibrary[];
  components: DiscoveredComponent[];
  edges: DiscoveredEdge[];
  problems: ImportProblem[];
}

export interface Importer {
  id: string;
  /** The files it reads, as help and docs name them (Markdown: names in backticks). */
  files: string;
  /** What it makes of them, for the docs table (Markdown). */
  description: string;
  provides: 'libraries' | 'services' | 'both';
  /** True when this importer reads files with this path (or base name). */
  matches(fileName: string): boolean;
  /** Where its files stand among those that give a folder's libraries (`init`, `--discover`). */
  library?: LibraryRole;
  /** How to know its files by their content, when their name says nothing. */
  sniff?: ContentSniffer;
  parse(text: string, ctx: ImportContext): ImportResult;
}

/**
 * A folder's libraries come from one file per family: the best one present, a lockfile
 * over its manifest. Families are listed in the registry's order; within one, by rank.
 */
export interface LibraryRole {
  /** The ecosystem family (`npm`, `python`, …) whose files stand in for each other. */
  family: string;
  /** Its place in the family, best first (1 is the best). */
  rank: number;
  /**
   * `lockfile`: the versions that were resolved (what the drift rule compares a manifest
   * with); `ranges`: a manifest with the ranges as written.
   */
  kind: 'lockfile' | 'ranges';
  /** The file names that are a folder's library source, best first. */
  names?: readonly string[];
  /** Or: every file of the folder whose name matches is one (`requirements-dev.txt`, `*.csproj`). */
  every?: RegExp;
  /**
   * In a workspace package without a lockfile of its own, read the nearest lockfile of the
   * family above it instead, for that package (`ImportContext.workspace`).
   */
  workspace?: boolean;
}

interface ContentSniffer {
  /** The file names it may look into (`.json`, `.yaml`). */
  ext: RegExp;
  /** True when the start of the file (its first 64 KiB) is in this importer's format. */
  test(head: string): boolean;
  /** The sign is common to other formats too (a top-level `services:`): tried after every other sniffer. */
  loose?: boolean;
}

/** One service reference of a component, as `services: { from: … }` contributes it to a manifest. */
export interface ImportedServiceRef {
  name: string;
  kind: string;
  protocol?: string;
  api?: string;
  version?: string;
  image?: string;
  url?: string;
  line?: number;
  evidence: string;
}

export function emptyResult(): ImportResult {
  return { libraries: [], components: [], edges: [], problems: [] };
}
