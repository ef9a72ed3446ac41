/** What a check judges: the graph as it is, the policy, and optionally the graph at a base revision. */
import type { DockerPinLevel } from '../manifest/types.js';
import type { RepoEntry, Snapshot } from '../graph/types.js';
import type { Policy } from './policy.js';
import type { CheckScope, Finding } from './types.js';

export interface CheckInput {
  snapshot: Snapshot;
  policy: Policy;
  /** `repo` when one repo was scanned (its own CI); org-wide rules then only warn by default. */
  scope: CheckScope;
  /** Image pin level in force: --docker, else the policy's, else the config's, else exact. */
  docker: DockerPinLevel;
  /** Folder of each repo as the user sees it (relative to the working folder), by repo id; default the id. */
  roots?: ReadonlyMap<string, string>;
  /** Each scanned repo at the base revision (`--base`), by repo id; enables new-dependency. */
  base?: { ref: string; repos: ReadonlyMap<string, RepoEntry> };
  /**
   * Report only findings in these repos (by id): the repos being checked, when the snapshot
   * also holds the rest of the organisation for context (`--org`). Default: every repo.
   */
  only?: ReadonlySet<string>;
  /** Drift between manifests and lockfiles, found by the caller (it needs the lockfiles). */
  drift?: readonly Finding[];
}
