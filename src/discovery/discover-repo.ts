/**
 * Discovery of one repo, whole: its compose projects and Kubernetes manifests read into
 * deployment sets, the deployment chosen and modelled (repo-model.ts), and the model as
 * manifests. The one entry point `scan --discover` and `init` share. Pure: files in.
 */
import { loadComposeSets } from './compose-sets.js';
import { loadKubernetesSets } from './kubernetes-sets.js';
import type { RepoFiles } from './model.js';
import { buildRepoModel, type RepoModel } from './repo-model.js';

export interface DiscoverOptions {
  /** Compose files outside the default project to read as layers (`--compose-file`), repo-relative. */
  composeFiles?: readonly string[];
}

export function discoverRepoModel(files: RepoFiles, options: DiscoverOptions = {}): RepoModel {
  const sets = [
    ...loadComposeSets(files, options.composeFiles ? { composeFiles: options.composeFiles } : {}),
    ...loadKubernetesSets(files),
  ];
  return buildRepoModel(files, sets);
}
