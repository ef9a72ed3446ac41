/**
 * One repo on disk → its RepoEntry: every manifest found, parsed, with its imports
 * resolved. Never throws for a broken repo: what went wrong becomes problems and a status.
 */
import path from 'node:path';
import { ConfigError, errorMessage } from '../errors.js';
import { problemAt } from '../manifest/problem.js';
import type { DockerPinLevel } from '../manifest/types.js';
import type { RepoEntry } from '../graph/types.js';
import { findManifests } from './find-manifests.js';
import { findRepoRoot, readGitHead } from './git-head.js';
import { readManifests } from './read-manifests.js';

export interface ReadRepoOptions {
  docker?: DockerPinLevel;
  /** Id of the repo in the graph (default: the folder name). */
  id?: string;
  /** What the user gave for it (default: the path). */
  source?: string;
  ref?: string;
  /** Path prefix for problems, so messages point at files the user can open. */
  displayRoot?: string;
  /** Map a repo without a manifest from its compose, Kubernetes, Backstage and lock files. */
  discover?: boolean;
  /** With discover: compose files outside the default project to read as layers (repo-relative). */
  composeFiles?: readonly string[];
}

const toPosix = (p: string) => p.split(path.sep).join('/');

export async function readRepo(root: string, options: ReadRepoOptions = {}): Promise<RepoEntry> {
  const absRoot = path.resolve(root);
  const entry: RepoEntry = {
    id: options.id ?? path.basename(absRoot),
    source: options.source ?? root,
    manifests: [],
    problems: [],
    status: 'ok',
  };
  if (options.ref) entry.ref = options.ref;
  const display = options.displayRoot ?? root;
  const shown = (rel: string) => toPosix(path.join(display, rel));
  try {
    // A folder inside a checkout (a monorepo package) belongs to the whole repo: its commit is
    // the checkout's, and its manifests may import the root lockfile.
    const repoRoot = (await findRepoRoot(absRoot)) ?? absRoot;
    const head = readGitHead(repoRoot);
    if (head.commit) entry.commit = head.commit;
    if (head.problem) entry.problems.push(problemAt(display, 'warning', 'git', head.problem));
    const found = await findManifests(absRoot);
    for (const skipped of found.skipped) {
      entry.problems.push(
        problemAt(shown(path.relative(absRoot, skipped.path)), 'warning', 'skipped', `not followed: ${skipped.reason}`),
      );
    }
    if (found.files.length === 0 && options.discover) {
      const { discoverManifests } = await import('./discover-repo.js');
      const discovered = await discoverManifests(absRoot, entry.id, {
        docker: options.docker ?? 'exact',
        ...(options.composeFiles ? { composeFiles: options.composeFiles } : {}),
      });
      for (const p of discovered.problems) entry.problems.push({ ...p, file: shown(p.file) });
      if (discovered.manifests.length > 0) {
        entry.discovered = true;
        entry.manifests.push(...discovered.manifests);
        if (entry.problems.some((p) => p.severity === 'error')) entry.status = 'failed';
        return entry;
      }
      // No workload, no package: a catalog repo (Backstage entities, a SaaSBOM) is mapped from its catalog.
      const catalog = await catalogOf(absRoot, entry.id, options.docker ?? 'exact');
      if (catalog && (catalog.manifests.length > 0 || (catalog.entities?.length ?? 0) > 0)) {
        entry.discovered = true;
        entry.manifests.push(...catalog.manifests);
        if (catalog.entities) entry.entities = catalog.entities;
        for (const p of catalog.problems) entry.problems.push({ ...p, file: shown(p.file) });
        if (entry.problems.some((p) => p.severity === 'error')) entry.status = 'failed';
        return entry;
      }
    }
    if (found.files.length === 0) {
      entry.status = 'no-manifest';
      entry.problems.push(
        problemAt(display, 'warning', 'no-manifest', 'no manifest (depmap.yaml) in this repo; skipped', {
          hint: 'run `depmap init` in it to write one',
        }),
      );
      return entry;
    }
    // Pin status is kept on every declaration; check reports it from there.
    const read = await readManifests(found.files, {
      root: absRoot,
      shown,
      repoRoot: async () => repoRoot,
      docker: options.docker ?? 'exact',
    });
    for (const file of read) {
      entry.problems.push(...file.problems);
      if (file.manifest) entry.manifests.push(file.manifest);
    }
  } catch (error) {
    entry.problems.push(problemAt(display, 'error', 'unreadable', errorMessage(error)));
  }
  if (entry.problems.some((p) => p.severity === 'error')) entry.status = 'failed';
  return entry;
}

/** The repo read as a catalog (`depmap import`'s reader), or undefined when it holds none. */
async function catalogOf(root: string, id: string, docker: DockerPinLevel): Promise<RepoEntry | undefined> {
  const { readCatalog } = await import('./read-catalogs.js');
  try {
    return readCatalog(root, root, id, { docker });
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
}
