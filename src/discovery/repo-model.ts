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
import { folderLibraries, type LibraryCache } from './folder-libraries.js';
import { mergeWorkloads } from './merge-workloads.js';
import { readDockerfile } from './dockerfile.js';
import { parseImageReference } from '../manifest/image-reference.js';
import type { DeploymentSet, FileProblem, ImageRef, RepoFiles, Route, Workload } from './model.js';
import { nameIndex } from './name-index.js';
import { readModuleConfig } from './spring-config.js';

export interface RepoModel {
  workloads: Map<string, Workload>;
  classes: Map<string, WorkloadClass>;
  sources: Map<string, SourceMatch>;
  /** The `FROM` image of each workload the repo builds (its Dockerfile's final stage), when resolved. */
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

  const libraries = new Map<string, (ImportedLibrary & { file: string })[]>();
  const libraryDirs = new Map<string, string[]>();
  const claimed = new Set<string>();
  for (const [name] of workloads) {
    const source = sources.get(name);
    if (!source) continue;
    claimed.add(source.dir);
    libraryDirs.set(name, [source.dir]);
    const found = folderLibraries(source.dir, files, present, cache);
    problems.push(...found.problems);
    // The image an application is built from is a dependency of its build, as its libraries are.
    const base = classes.get(name)?.role === 'app' ? baseLibrary(baseRefs.get(name)) : undefined;
    if (base) found.libraries.push(base);
    if (found.libraries.length > 0) libraries.set(name, found.libraries);
  }
  // A source folder inside a workload's (a PHP app in `ratings/html` of the `ratings` context) is
  // part of that workload; any other is a package no workload of the deployment is built from.
  const unclaimed: RepoModel['unclaimed'] = [];
  const owners = [...sources].map(([name, match]) => ({ name, dir: match.dir }));
  for (const dir of sourceFolders(files)) {
    if (claimed.has(dir)) continue;
    const found = folderLibraries(dir, files, present, cache);
    if (found.libraries.length === 0) continue;
    const inside = owners
      .filter((o) => (o.dir === '' ? workloads.size === 1 : dir.startsWith(`${o.dir}/`)))
      .sort((a, b) => b.dir.length - a.dir.length)[0];
    if (inside) {
      problems.push(...found.problems);
      libraries.set(inside.name, [...(libraries.get(inside.name) ?? []), ...found.libraries]);
      libraryDirs.set(inside.name, [...(libraryDirs.get(inside.name) ?? []), dir]);
    } else unclaimed.push({ dir, libraries: found.libraries });
  }

  // A client library is evidence of a call only when the workload asks for it itself.
  const uses = new Map<string, LibraryUse[]>(
    [...libraries].map(([name, libs]) => [
      name,
      libs
        .filter((l) => !l.transitive)
        .map((l) => ({
          purl: `pkg:${l.ecosystem}/${l.name}`,
          file: l.file,
          ...(l.line !== undefined ? { line: l.line } : {}),
        })),
    ]),
  );
  const calls = deriveCalls({ workloads, classes, index, routes, libraries: uses });
  const resolved = new Map(
    [...baseRefs].flatMap(([name, from]) => (from.ref && !from.ref.includes('$') ? [[name, from.ref]] : [])),
  );
  return {
    workloads,
    classes,
    sources,
    baseImages: resolved,
    libraries,
    libraryDirs,
    unclaimed,
    calls,
    left: chosen.left,
    problems,
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
