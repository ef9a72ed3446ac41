/**
 * Discovery of one repo, whole: its compose projects and Kubernetes manifests read into
 * deployment sets, the deployment chosen and modelled (repo-model.ts), and the model as
 * manifests. The one entry point `scan --discover` and `init` share. Pure: files in.
 */
import { loadComposeSets } from './compose-sets.js';
import { loadKubernetesSets } from './kubernetes-sets.js';
import { isLibrarySourceName } from '../importers/library-sources.js';
import type { DeploymentSet, RepoFiles } from './model.js';
import type { LibraryCache } from './folder-libraries.js';
import { buildRepoModel, type RepoModel } from './repo-model.js';

export interface DiscoverOptions {
  /** Compose files outside the default project to read as layers (`--compose-file`), repo-relative. */
  composeFiles?: readonly string[];
  /**
   * Kept between calls over versions of one repo (a history walk): the deployment sets are
   * read again only when a file they can come from changed. Needs `files.version`.
   */
  cache?: DiscoveryCache;
}

export interface DiscoveryCache {
  key?: string;
  sets?: DeploymentSet[];
  libraries?: LibraryCache;
}

/** Files the compose and Kubernetes loaders read their sets from (lockfiles are the libraries' own). */
const SET_FILE = /(\.(ya?ml|json|env)|(^|\/)\.env(\..*)?)$/;

export function discoverRepoModel(files: RepoFiles, options: DiscoverOptions = {}): RepoModel {
  const key =
    options.cache && files.version
      ? [
          files.paths.join('\n'),
          ...files.paths
            .filter((p) => SET_FILE.test(p) && !isLibrarySourceName(p.slice(p.lastIndexOf('/') + 1)))
            .map((p) => `${p} ${files.version?.(p) ?? ''}`),
        ].join('\n')
      : undefined;
  let sets = key !== undefined && options.cache?.key === key ? options.cache.sets : undefined;
  if (!sets) {
    sets = [
      ...loadComposeSets(files, options.composeFiles ? { composeFiles: options.composeFiles } : {}),
      ...loadKubernetesSets(files),
    ];
    if (options.cache && key !== undefined) {
      options.cache.key = key;
      options.cache.sets = sets;
    }
  }
  if (options.cache && files.version) options.cache.libraries ??= new Map();
  return buildRepoModel(files, sets, options.cache?.libraries);
}
