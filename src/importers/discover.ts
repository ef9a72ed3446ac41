/**
 * `scan --discover`: maps a repo that has no depmap.yaml from what it does have. Topology
 * comes from compose files, Kubernetes manifests, Backstage catalogs and CycloneDX BOMs;
 * libraries from the best dependency file of each folder (a lockfile over its manifest:
 * package-lock > pnpm-lock > yarn.lock > package.json, poetry.lock > uv.lock > Pipfile.lock
 * > requirements, Cargo.lock > Cargo.toml, Gemfile.lock > Gemfile, composer.lock >
 * composer.json). A workspace package without its own lockfile takes its direct
 * dependencies from the nearest lockfile above it. Everything returned says which file it
 * came from; nothing here touches the disk.
 */
import { detectImporter, runImporter } from './index.js';
import { addEdge } from './topology/edges.js';
import { basename, dirname } from '../util/paths.js';
import { isLibrarySourceName, librarySourcesOf, type LibrarySource } from './library-sources.js';
import { inDirOf, SKIPPED_DIR_NAMES, type BuildOutputDir } from '../util/skipped-dirs.js';
import { isUnsupportedSource, unsupportedMessage, unsupportedSourcesIn } from './unsupported-sources.js';
import type { DiscoveredComponent, DiscoveredEdge, ImportProblem, ImportedLibrary, Importer } from './types.js';

export interface RepoFile {
  /** Repo-relative, `/`-separated. */
  path: string;
  read(): string;
}

export interface DiscoveredRepo {
  components: (DiscoveredComponent & { file: string })[];
  edges: (DiscoveredEdge & { file: string })[];
  libraries: (ImportedLibrary & { file: string })[];
  problems: (ImportProblem & { file: string })[];
}

/**
 * Folders discovery never walks into: the skipped folders, and build output but for `.next`
 * and `.nuxt`, which discovery has always read (init skips them too).
 */
export const DISCOVERY_SKIPPED_DIRS: ReadonlySet<string> = new Set([
  ...SKIPPED_DIR_NAMES,
  ...(['dist', 'build', 'out', 'coverage'] satisfies BuildOutputDir[]),
]);

/**
 * Folders walked, but whose files are not deployment evidence: tests, fixtures and examples
 * describe other systems than the repo's own.
 */
export const NOT_EVIDENCE_DIRS: ReadonlySet<string> = new Set([
  'test',
  'tests',
  '__tests__',
  'e2e',
  'testdata',
  'fixture',
  'fixtures',
  '__fixtures__',
  'example',
  'examples',
  'sample',
  'samples',
]);

/** True for a file discovery does not read: in a folder it never walks, or one that is not evidence. */
const notRead = (path: string) => inDirOf(path, DISCOVERY_SKIPPED_DIRS) || inDirOf(path, NOT_EVIDENCE_DIRS);

const TOPOLOGY = new Set(['compose', 'kubernetes', 'backstage', 'cyclonedx']);

/** Files discovery may read, so a crawler can skip reading the rest. */
export function wantedForDiscovery(path: string): boolean {
  if (notRead(path)) return false;
  const name = basename(path);
  if (isLibrarySourceName(name) || isUnsupportedSource(path)) return true;
  if (/\.(ya?ml|json|csproj|fsproj|vbproj|props|toml|txt)$/.test(name) || name === '.env' || name === 'Pipfile')
    return true;
  return false;
}

/** Reads each of `files` at most once; a file that cannot be read is absent. */
export function cachedReader(files: ReadonlyMap<string, RepoFile>): (path: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (path) => {
    if (!cache.has(path)) {
      let text: string | undefined;
      try {
        text = files.get(path)?.read();
      } catch {
        text = undefined;
      }
      cache.set(path, text);
    }
    return cache.get(path);
  };
}

/**
 * A YAML or JSON file that describes topology, read, with the importer for it; undefined
 * for any other file. Compose override files are read with the file they override.
 */
export function readTopologyFile(
  path: string,
  read: (path: string) => string | undefined,
): { importer: Importer; text: string } | undefined {
  if (!/\.(ya?ml|json)$/.test(path) || isLibrarySourceName(basename(path))) return undefined;
  if (/(^|\/)(docker-)?compose\.override\.ya?ml$/.test(path)) return undefined;
  const text = read(path);
  // A depmap.yaml has `services:` too: it is a manifest, not a compose file.
  if (text === undefined || /^depmap:\s*\d/m.test(text)) return undefined;
  const importer = detectImporter(path, text);
  if (!importer || !TOPOLOGY.has(importer.id)) return undefined;
  // A Helm chart's templates are not manifests until rendered: nothing to map, nothing to report.
  if (importer.id === 'kubernetes' && /\{\{/.test(text)) return undefined;
  return { importer, text };
}

export function discoverRepo(files: RepoFile[]): DiscoveredRepo {
  const byPath = new Map<string, RepoFile>();
  for (const file of files) if (!notRead(file.path)) byPath.set(file.path, file);
  const readFile = cachedReader(byPath);

  const repo: DiscoveredRepo = { components: [], edges: [], libraries: [], problems: [] };
  const paths = [...byPath.keys()].sort();
  const libraryFiles = chooseLibraryFiles(paths);
  let foundLibraries = false;

  const run = (importer: Importer, path: string, text: string, workspace?: string) => {
    const result = runImporter(importer, text, {
      file: path,
      readFile,
      transitive: false,
      ...(workspace !== undefined ? { workspace } : {}),
    });
    for (const problem of result.problems) repo.problems.push({ ...problem, file: path });
    return result;
  };

  for (const { path, workspace } of libraryFiles) {
    // Two packages of one workspace share the lockfile but not their direct dependencies.
    const text = readFile(path);
    const importer = text === undefined ? undefined : detectImporter(path, text);
    if (!importer || text === undefined) continue;
    const result = run(importer, path, text, workspace);
    for (const library of result.libraries) repo.libraries.push({ ...library, file: path });
    foundLibraries ||= result.libraries.length > 0;
  }
  // A dependency file depmap does not read is named, so a folder's missing libraries are explained.
  for (const unread of unsupportedSourcesIn(paths))
    repo.problems.push({
      file: unread.path,
      line: 1,
      message: unsupportedMessage(unread),
      hint: unread.hint,
      severity: 'warning',
    });

  const boms: { path: string; libraries: ImportedLibrary[] }[] = [];
  for (const path of paths) {
    if (/(^|\/)\.github\//.test(path)) continue;
    const file = readTopologyFile(path, readFile);
    if (!file) continue;
    const result = run(file.importer, path, file.text);
    for (const component of result.components) mergeComponent(repo.components, { ...component, file: path });
    // The same edge from two files (compose and k8s) is one edge with both evidences.
    for (const edge of result.edges) addEdge(repo.edges, { ...edge, file: path } as DiscoveredEdge);
    if (result.libraries.length > 0) boms.push({ path, libraries: result.libraries });
  }
  // An SBOM's libraries only when no dependency file said anything: otherwise they repeat it.
  if (!foundLibraries)
    for (const bom of boms) for (const library of bom.libraries) repo.libraries.push({ ...library, file: bom.path });

  repo.libraries = dedupe(repo.libraries);
  return repo;
}

/** The best library sources of each folder. */
function chooseLibraryFiles(paths: string[]): LibrarySource[] {
  const present = new Set(paths);
  return [...new Set(paths.map(dirname))].sort().flatMap((dir) => librarySourcesOf(dir, present));
}

function mergeComponent(
  into: (DiscoveredComponent & { file: string })[],
  component: DiscoveredComponent & { file: string },
): void {
  const existing = into.find((c) => c.name === component.name);
  if (!existing) {
    into.push(component);
    return;
  }
  // The first file that names a node keeps it; later ones fill in what it did not say.
  for (const key of ['image', 'system', 'owner', 'description', 'provides', 'url'] as const) {
    if (existing[key] === undefined && component[key] !== undefined)
      (existing as unknown as Record<string, unknown>)[key] = component[key];
  }
  // A bare Kubernetes Service name is a plain `service`; a file that knows better (compose's
  // image says database) classifies it, and becomes where it was found.
  if (existing.infrastructure === false && existing.kind === 'service' && component.kind !== 'service') {
    existing.kind = component.kind;
    existing.infrastructure = component.infrastructure;
    existing.file = component.file;
    if (component.line !== undefined) existing.line = component.line;
    else delete existing.line;
  }
  existing.built ||= component.built;
}

function dedupe(libraries: (ImportedLibrary & { file: string })[]): (ImportedLibrary & { file: string })[] {
  const seen = new Set<string>();
  return libraries.filter((library) => {
    const key = `${library.ecosystem}:${library.name}@${library.version ?? ''}#${library.scope ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
