/**
 * `scan --discover`: a repo without a depmap.yaml is mapped from what it has. The IO side of
 * discovery: list the repo's files (nothing outside it, no FIFO or device, build output and
 * tests left out), hand them to the pure discovery (src/discovery) which reads only those it
 * needs, and turn what it says into manifests and problems. The repo is marked discovered so
 * every node and edge from it says so.
 */
import { discoverRepoModel } from '../discovery/discover-repo.js';
import { repoFilesOf } from '../discovery/repo-files.js';
import { modelToManifests, toolingOnly } from '../discovery/to-manifests.js';
import { DISCOVERY_SKIPPED_DIRS, NOT_EVIDENCE_DIRS } from '../importers/discover.js';
import type { DockerPinLevel, Manifest, Problem } from '../manifest/types.js';
import { inDirOf } from '../util/skipped-dirs.js';
import { listRepoFiles } from './list-files.js';
import { readableFiles } from './readable-files.js';

/** Enough for any real repo; past it discovery stops listing rather than crawl a data dump. */
const MAX_FILES = 50_000;

/**
 * The files discovery may read: every file of the repo but build output, dependencies,
 * VCS data and what only tests or examples hold. Symlinks are never followed; FIFOs and
 * devices are listed but refused when read.
 */
function listFiles(root: string): string[] {
  try {
    return listRepoFiles(root, {
      skip: DISCOVERY_SKIPPED_DIRS,
      want: (name, dir) => !inDirOf(dir === '' ? name : `${dir}/${name}`, NOT_EVIDENCE_DIRS),
      maxFiles: MAX_FILES,
    }).files;
  } catch {
    return [];
  }
}

export interface DiscoverRepoOptions {
  docker: DockerPinLevel;
  composeFiles?: readonly string[];
}

export async function discoverManifests(
  root: string,
  repoId: string,
  options: DiscoverRepoOptions,
): Promise<{ manifests: Manifest[]; problems: Problem[] }> {
  const model = discoverRepoModel(
    repoFilesOf(readableFiles(root, listFiles(root))),
    options.composeFiles ? { composeFiles: options.composeFiles } : {},
  );
  const problems: Problem[] = model.problems.map((p) => ({
    severity: p.severity,
    code: 'discover',
    file: p.file,
    line: p.line ?? 1,
    col: 1,
    path: '',
    message: p.message,
    ...(p.hint ? { hint: p.hint } : {}),
  }));
  for (const { set, why } of model.left) {
    problems.push({
      severity: 'warning',
      code: 'discover-left-out',
      file: set.files[0] ?? '.',
      line: 1,
      col: 1,
      path: '',
      message: `not mapped: ${set.id} (${set.workloads.map((w) => w.name).join(', ')}): ${why}`,
      hint: set.kind === 'compose' ? 'map it with --compose-file <file>' : 'it stays out of the map',
    });
  }
  if (model.workloads.size > 0) {
    for (const { dir, libraries } of model.unclaimed) {
      if (toolingOnly(libraries)) continue;
      problems.push({
        severity: 'warning',
        code: 'discover-left-out',
        file: libraries[0]?.file ?? dir,
        line: 1,
        col: 1,
        path: '',
        message: `not mapped: the ${libraries.filter((l) => !l.transitive).length} libraries of ${dir || 'the repo root'}: no workload of the deployment is built from it`,
        hint: 'write it a depmap.yaml of its own (`depmap init`) if it is deployed elsewhere',
      });
    }
  }
  return { manifests: modelToManifests(model, repoId, options.docker), problems };
}
