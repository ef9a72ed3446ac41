/**
 * Discovery of one repo, whole: its compose projects and Kubernetes manifests read into
 * deployment sets, the deployment chosen and modelled (repo-model.ts), and the model as
 * manifests. The one entry point `scan --discover` and `init` share. Pure: files in.
 */
import { loadComposeSets } from './compose-sets.js';
import { loadKubernetesSets } from './kubernetes-sets.js';
import { isLibrarySourceName } from '../importers/library-sources.js';
import type { DiscoveredCall, LibraryUse } from './derive-calls.js';
import type { DeploymentSet, RepoFiles } from './model.js';
import type { LibraryCache } from './folder-libraries.js';
import type { DockerPinLevel, Manifest } from '../manifest/types.js';
import { ReadMemo } from './read-memo.js';
import {
  buildRepoModel,
  completeModel,
  libraryParts,
  libraryUses,
  modelCalls,
  modelDeployment,
  sameUses,
  type ModelDeployment,
  type RepoModel,
} from './repo-model.js';
import { ManifestMemo, modelToManifests } from './to-manifests.js';

export interface DiscoverOptions {
  /** Compose files outside the default project to read as layers (`--compose-file`), repo-relative. */
  composeFiles?: readonly string[];
  /** Kept between calls over versions of one repo (a history walk). Needs `files.version`. */
  cache?: DiscoveryCache;
}

/**
 * What a history walk keeps between versions of one repo, so a version costs what it changed:
 * the deployment sets and the deployment half of the model are kept by the files they read
 * (read-memo.ts), each folder's libraries by the versions of its library files, the calls
 * while the libraries' names stay, and each manifest while what it is made of stays.
 * Needs `files.version`.
 */
export class DiscoveryCache {
  /**
   * The Kubernetes loader reads every YAML and JSON file to see whether it holds resources;
   * library files (package.json, lockfiles) never do, and are not what a deployment set is
   * made of: their versions do not count, or each lockfile bump would read the sets again.
   */
  private readonly sets = new ReadMemo<DeploymentSet[]>(256, (path) =>
    isLibrarySourceName(path.slice(path.lastIndexOf('/') + 1)),
  );
  private readonly deployments = new ReadMemo<ModelDeployment>();
  readonly libraries: LibraryCache = new Map();
  private readonly ids = new WeakMap<DeploymentSet[], number>();
  private nextId = 0;
  /** Each deployment's last calls and the library uses they came from. */
  private readonly calls = new WeakMap<ModelDeployment, { uses: Map<string, LibraryUse[]>; calls: DiscoveredCall[] }>();
  private readonly memo = new ManifestMemo();

  model(files: RepoFiles, options: Omit<DiscoverOptions, 'cache'> = {}): RepoModel {
    return this.parts(files, options).model;
  }

  /** The repo's discovered manifests; an unchanged one is the object given last time. */
  manifests(files: RepoFiles, repoId: string, docker: DockerPinLevel): Manifest[] {
    const { model, deployment, parts } = this.parts(files, {});
    const calls = model.calls;
    this.memo.depsOf = (unit) => {
      if (unit.startsWith('workload:')) {
        const name = unit.slice('workload:'.length);
        return [repoId, docker, deployment, calls, ...(parts.byWorkload.get(name) ?? [])];
      }
      const dir = unit.slice('package:'.length);
      const found = parts.unclaimed.find((u) => u.dir === dir)?.found;
      return found ? [repoId, docker, found, parts.unclaimed.length] : undefined;
    };
    return modelToManifests(model, repoId, docker, this.memo);
  }

  private parts(files: RepoFiles, options: Omit<DiscoverOptions, 'cache'>) {
    const setsKey = JSON.stringify(options.composeFiles ?? []);
    const sets = this.sets.get(files, setsKey, (tracked) => loadSets(tracked, options));
    // Each sets object made so far is told apart by a number: the deployment is kept per sets.
    let id = this.ids.get(sets);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(sets, id);
    }
    const deployment = this.deployments.get(files, String(id), (tracked) => modelDeployment(tracked, sets));
    const parts = libraryParts(deployment, files, this.libraries);
    const uses = libraryUses(parts);
    const last = this.calls.get(deployment);
    let calls: DiscoveredCall[];
    if (last && sameUses(last.uses, uses)) calls = last.calls;
    else {
      calls = modelCalls(deployment, uses);
      this.calls.set(deployment, { uses, calls });
    }
    return { model: completeModel(deployment, parts, calls), deployment, parts };
  }
}

function loadSets(files: RepoFiles, options: Omit<DiscoverOptions, 'cache'>): DeploymentSet[] {
  return [
    ...loadComposeSets(files, options.composeFiles ? { composeFiles: options.composeFiles } : {}),
    ...loadKubernetesSets(files),
  ];
}

export function discoverRepoModel(files: RepoFiles, options: DiscoverOptions = {}): RepoModel {
  if (options.cache && files.version) return options.cache.model(files, options);
  return buildRepoModel(files, loadSets(files, options));
}
