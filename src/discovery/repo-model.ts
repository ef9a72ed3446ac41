/**
 * One repo's deployment model, and the calls it shows: the hub of discovery. The loaders give
 * every deployment set of the repo (compose projects, Kubernetes folders); this chooses the
 * deployment among them, merges its workloads, finds each workload's source folder, reads
 * what that folder adds (the Dockerfile's environment and base image, the application's
 * config for the profiles the deployment activates, its libraries), says what each workload
 * is, and derives the calls from all of it. Pure: files in, model out.
 */
import { findAddresses } from '../importers/topology/addresses.js';
import type { ImportedLibrary } from '../importers/types.js';
import { attributeSources, sourceFolders, type SourceMatch } from './attribute-sources.js';
import { chooseDeployment, type ChosenDeployment } from './choose-deployment.js';
import { classifyWorkload, type WorkloadClass } from './classify-workload.js';
import { deriveCalls, type DiscoveredCall, type LibraryUse } from './derive-calls.js';
import { folderLibraries, type FolderLibraries, type LibraryCache } from './folder-libraries.js';
import { mergeWorkloads } from './merge-workloads.js';
import { readDockerfile } from './dockerfile.js';
import { parseImageReference } from '../manifest/image-reference.js';
import type { DeploymentSet, FileProblem, ImageRef, RepoFiles, Route, Workload } from './model.js';
import { nameIndex, type NameIndex } from './name-index.js';
import { readModuleConfig } from './spring-config.js';

export interface RepoModel {
  workloads: Map<string, Workload>;
  classes: Map<string, WorkloadClass>;
  sources: Map<string, SourceMatch>;
  /** The base image each workload built here starts from (its Dockerfile's FROM), where it names one. */
  baseImages: Map<string, string>;
  /** Each workload's libraries, from its source folder. */
  libraries: Map<string, (ImportedLibrary & { file: string })[]>;
  /** The folders each workload's libraries come from: its source folder and the packages inside it. */
  libraryDirs: Map<string, string[]>;
  /** Source folders with libraries that no workload of the deployment is built from. */
  unclaimed: { dir: string; libraries: (ImportedLibrary & { file: string })[] }[];
  calls: DiscoveredCall[];
  left: ChosenDeployment['left'];
  problems: FileProblem[];
}

const at = (dir: string, name: string) => (dir === '' ? name : `${dir}/${name}`);

/** The Spring profiles a workload runs with, from the settings that name them. */
function activeProfiles(workload: Workload): string[] {
  const setting = [...workload.settings]
    .reverse()
    .find((s) => /^(SPRING_PROFILES_ACTIVE|spring\.profiles\.active)$/i.test(s.key));
  return setting ? setting.value.split(/[,\s]+/).filter(Boolean) : [];
}

export function buildRepoModel(files: RepoFiles, sets: readonly DeploymentSet[], cache?: LibraryCache): RepoModel {
  const deployment = modelDeployment(files, sets);
  const parts = libraryParts(deployment, files, cache);
  return completeModel(deployment, parts, modelCalls(deployment, libraryUses(parts)));
}

/**
 * The deployment half of the model: the chosen sets' workloads with what their source folders
 * add (Dockerfile, application config), their source folders and what each workload is.
 * Libraries are not read here: a history walk keeps this half while only lockfiles change.
 * Never changed once built (the library half and the manifests only read it).
 */
export interface ModelDeployment {
  workloads: Map<string, Workload>;
  classes: Map<string, WorkloadClass>;
  sources: Map<string, SourceMatch>;
  index: NameIndex;
  routes: Route[];
  /** The base image of each application built here, as a build library. */
  bases: Map<string, Library>;
  /** The base image each workload built here starts from, resolved (no unset build argument). */
  baseImages: Map<string, string>;
  /** Every source folder of the repo, in path order. */
  folders: string[];
  left: ChosenDeployment['left'];
  problems: FileProblem[];
}

export function modelDeployment(files: RepoFiles, sets: readonly DeploymentSet[]): ModelDeployment {
  const problems: FileProblem[] = sets.flatMap((s) => s.problems);
  const chosen = chooseDeployment(sets);
  const { workloads, routes: setRoutes } = mergeWorkloads(chosen.sets);
  const sources = attributeSources(workloads.values(), files);
  const present = new Set(files.paths);
  const routes: Route[] = [...setRoutes];
  const baseImages = new Map<string, string>();
  const baseRefs = new Map<string, ImageRef>();

  for (const [name, workload] of workloads) {
    const source = sources.get(name);
    const dockerfile =
      workload.build?.dockerfile ??
      (source && present.has(at(source.dir, 'Dockerfile')) ? at(source.dir, 'Dockerfile') : undefined);
    const text = dockerfile === undefined ? undefined : files.read(dockerfile);
    if (dockerfile !== undefined && text !== undefined) {
      const facts = readDockerfile(text, dockerfile, workload.build?.args ?? {});
      problems.push(...(facts.problems ?? []));
      // The image's own defaults come first: the deployment's settings override them.
      workload.settings.unshift(...facts.env);
      if (facts.from?.ref ?? facts.from?.written) {
        baseImages.set(name, (facts.from.ref ?? facts.from.written) as string);
        baseRefs.set(name, facts.from);
      }
      for (const port of facts.expose) if (!workload.ports.some((p) => p.port === port)) workload.ports.push({ port });
    }
    if (source) {
      const env = new Map(workload.settings.filter((s) => s.via !== 'properties').map((s) => [s.key, s.value]));
      const config = readModuleConfig(files, source.dir, { profiles: activeProfiles(workload), env });
      problems.push(...config.problems);
      workload.settings.push(...config.settings);
      for (const route of config.routes) routes.push({ ...route, from: name });
      if (config.name && config.name !== name && !workload.aliases.includes(config.name)) {
        workload.aliases.push(config.name);
      }
    }
  }

  const index = nameIndex(workloads.values());
  const callsOthers = (w: Workload) =>
    w.settings.some((s) =>
      findAddresses(s.key, s.value).some((a) => {
        const target = index.resolve(a.host);
        return target !== undefined && target !== w.name;
      }),
    );
  const classes = new Map(
    [...workloads].map(([name, w]) => [name, classifyWorkload(w, baseImages.get(name), callsOthers(w))]),
  );
  const bases = new Map<string, Library>();
  for (const [name, ref] of baseRefs) {
    const base = classes.get(name)?.role === 'app' ? baseLibrary(ref) : undefined;
    if (base) bases.set(name, base);
  }
  const folders = sourceFolders(files);
  const resolved = new Map(
    [...baseRefs].flatMap(([name, from]) => (from.ref && !from.ref.includes('$') ? [[name, from.ref]] : [])),
  );
  return {
    workloads,
    classes,
    sources,
    index,
    routes,
    bases,
    baseImages: resolved,
    folders,
    left: chosen.left,
    problems,
  };
}

type Library = ImportedLibrary & { file: string };

/**
 * Where each workload's libraries come from: the folder reads (each the object the library
 * cache gives, the same object while its files are unchanged) and the base image's library.
 * Two calls that give the same parts give the same libraries.
 */
export interface LibraryParts {
  /** By workload, in the deployment's order: what its libraries are made of, in order. */
  byWorkload: Map<string, (FolderLibraries | Library)[]>;
  libraryDirs: Map<string, string[]>;
  unclaimed: { dir: string; found: FolderLibraries }[];
  problems: FileProblem[];
}

export function libraryParts(deployment: ModelDeployment, files: RepoFiles, cache?: LibraryCache): LibraryParts {
  const { workloads, sources } = deployment;
  const present = presentOf(files);
  const read = (dir: string) => folderLibraries(dir, files, present, cache);
  const byWorkload = new Map<string, (FolderLibraries | Library)[]>();
  const libraryDirs = new Map<string, string[]>();
  const problems: FileProblem[] = [];
  const claimed = new Set<string>();
  for (const [name] of workloads) {
    const source = sources.get(name);
    if (!source) continue;
    claimed.add(source.dir);
    libraryDirs.set(name, [source.dir]);
    const found = read(source.dir);
    problems.push(...found.problems);
    const parts: (FolderLibraries | Library)[] = [found];
    // The image an application is built from is a dependency of its build, as its libraries are.
    const base = deployment.bases.get(name);
    if (base) parts.push(base);
    if (found.libraries.length > 0 || base) byWorkload.set(name, parts);
  }
  // A source folder inside a workload's (a PHP app in `ratings/html` of the `ratings` context) is
  // part of that workload; any other is a package no workload of the deployment is built from.
  const unclaimed: LibraryParts['unclaimed'] = [];
  const owners = [...sources].map(([name, match]) => ({ name, dir: match.dir }));
  for (const dir of deployment.folders) {
    if (claimed.has(dir)) continue;
    const found = read(dir);
    if (found.libraries.length === 0) continue;
    const inside = owners
      .filter((o) => (o.dir === '' ? workloads.size === 1 : dir.startsWith(`${o.dir}/`)))
      .sort((a, b) => b.dir.length - a.dir.length)[0];
    if (inside) {
      problems.push(...found.problems);
      byWorkload.set(inside.name, [...(byWorkload.get(inside.name) ?? []), found]);
      libraryDirs.set(inside.name, [...(libraryDirs.get(inside.name) ?? []), dir]);
    } else unclaimed.push({ dir, found });
  }
  return { byWorkload, libraryDirs, unclaimed, problems };
}

/** The paths of a repo as a set, made once per list of paths. */
const presentSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function presentOf(files: RepoFiles): ReadonlySet<string> {
  let present = presentSets.get(files.paths);
  if (!present) {
    present = new Set(files.paths);
    presentSets.set(files.paths, present);
  }
  return present;
}

/** A workload's libraries from its parts. */
function librariesOf(parts: readonly (FolderLibraries | Library)[]): Library[] {
  if (parts.length === 1 && 'libraries' in (parts[0] as object)) return [...(parts[0] as FolderLibraries).libraries];
  return parts.flatMap((p) => ('libraries' in p ? p.libraries : [p]));
}

/** The libraries of each workload as derive-calls sees them: purls without version, where declared. */
export function libraryUses(parts: LibraryParts): Map<string, LibraryUse[]> {
  return new Map(
    [...parts.byWorkload].map(([name, list]) => [
      name,
      // A client library is evidence of a call only when the workload asks for it itself.
      librariesOf(list)
        .filter((l) => !l.transitive)
        .map((l) => ({
          purl: `pkg:${l.ecosystem}/${l.name}`,
          file: l.file,
          ...(l.line !== undefined ? { line: l.line } : {}),
        })),
    ]),
  );
}

/** The calls of a deployment, given what libraries each workload is built with. */
export function modelCalls(deployment: ModelDeployment, uses: ReadonlyMap<string, LibraryUse[]>): DiscoveredCall[] {
  const { workloads, classes, index, routes } = deployment;
  return deriveCalls({ workloads, classes, index, routes, libraries: uses });
}

/** True when two workloads' library uses are the same: the calls derived from them are too. */
export function sameUses(a: ReadonlyMap<string, LibraryUse[]>, b: ReadonlyMap<string, LibraryUse[]>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, x] of a) {
    const y = b.get(name);
    if (!y || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) {
      const p = x[i] as LibraryUse;
      const q = y[i] as LibraryUse;
      if (p.purl !== q.purl || p.file !== q.file || p.line !== q.line) return false;
    }
  }
  return true;
}

/** The whole model from its two halves and the calls between them. */
export function completeModel(deployment: ModelDeployment, parts: LibraryParts, calls: DiscoveredCall[]): RepoModel {
  const libraries = new Map<string, Library[]>();
  for (const [name, list] of parts.byWorkload) {
    const libs = librariesOf(list);
    if (libs.length > 0) libraries.set(name, libs);
  }
  return {
    workloads: deployment.workloads,
    classes: deployment.classes,
    sources: deployment.sources,
    baseImages: deployment.baseImages,
    libraries,
    libraryDirs: parts.libraryDirs,
    unclaimed: parts.unclaimed.map(({ dir, found }) => ({ dir, libraries: [...found.libraries] })),
    calls,
    left: deployment.left,
    problems: [...deployment.problems, ...parts.problems],
  };
}

/** A Dockerfile's `FROM` as a build library (`pkg:docker/python@3.14.6-slim`); none for an unresolved or stage image. */
function baseLibrary(from: ImageRef | undefined): (ImportedLibrary & { file: string }) | undefined {
  const image = from?.ref;
  if (!from || !image || image.includes('$') || image === 'scratch') return undefined;
  const { registry, repository, tag, digest } = parseImageReference(image);
  const version = tag !== undefined && digest !== undefined ? `${tag}@${digest}` : (tag ?? digest);
  return {
    ecosystem: 'docker',
    name: registry ? `${registry}/${repository}` : repository,
    ...(version !== undefined ? { version } : {}),
    scope: 'build',
    syntax: 'native',
    file: from.file,
    ...(from.line !== undefined ? { line: from.line } : {}),
  };
}
