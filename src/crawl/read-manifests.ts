/**
 * The one loop that reads manifest files from disk, for scan and check (through readRepo)
 * and for validate: each file read as a regular file (a FIFO, a device or a huge file is a
 * finding about that file, never a hang), parsed, and its `from:` imports resolved inside
 * its repo. Problems name files as the caller shows them.
 */
import path from 'node:path';
import { IoError } from '../errors.js';
import { FileReadError, readRegularFileSync } from '../io/read-file.js';
import { MAX_YAML_BYTES } from '../manifest/load-yaml.js';
import { parseManifestBytes } from '../manifest/parse.js';
import { importedPinProblems } from '../manifest/pin-words.js';
import { problemAt } from '../manifest/problem.js';
import type { DockerPinLevel, Manifest, Problem } from '../manifest/types.js';
import { manifestUnreadable } from './manifest-unreadable.js';

interface ReadManifestsOptions {
  /** Absolute folder the manifests are named from (`Manifest.file`), and their imports reported from. */
  root: string;
  /** A `/`-separated path relative to `root` → the name problems give that file. */
  shown(rel: string): string;
  /** The top of the repo a manifest's folder belongs to: nothing outside it is imported. */
  repoRoot(dir: string): Promise<string>;
  docker: DockerPinLevel;
  /** Also report unpinned versions, inline and imported, as warnings (validate). */
  reportUnpinned?: boolean;
  /**
   * A file the machine cannot read (permissions, IO) stops the run with an IoError, as
   * validate wants; else it is a problem of that file, and the crawl goes on.
   */
  failOnUnreadable?: boolean;
}

interface ManifestRead {
  /** Absolute path of the file. */
  path: string;
  /** The file as `shown` names it. */
  shown: string;
  /** Set when the manifest parsed without errors. */
  manifest?: Manifest;
  problems: Problem[];
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/** Reads `files` (absolute paths under `root`), in order. */
export async function readManifests(files: readonly string[], options: ReadManifestsOptions): Promise<ManifestRead[]> {
  const read: ManifestRead[] = [];
  for (const file of files) read.push(await readManifest(file, options));
  return read;
}

async function readManifest(file: string, options: ReadManifestsOptions): Promise<ManifestRead> {
  const rel = toPosix(path.relative(options.root, file));
  const shown = options.shown(rel);
  let bytes: Buffer;
  try {
    bytes = readRegularFileSync(file, MAX_YAML_BYTES);
  } catch (error) {
    const aboutTheFile = error instanceof FileReadError && error.reason !== 'unreadable' && error.reason !== 'missing';
    if (options.failOnUnreadable && !aboutTheFile) {
      const why = error instanceof FileReadError ? `it ${error.detail}` : (error as Error).message;
      throw new IoError(`cannot read ${shown}: ${why}`);
    }
    return { path: file, shown, problems: [problemAt(shown, 'error', 'unreadable', manifestUnreadable(rel, error))] };
  }
  const { docker, reportUnpinned } = options;
  const result = parseManifestBytes(bytes, rel, { docker, reportUnpinned });
  const problems = result.problems.map((p) => ({ ...p, file: shown }));
  const manifest = result.manifest;
  if (!manifest) return { path: file, shown, problems };
  // The importers load only for a manifest that imports a file.
  if (manifest.fromRefs.length > 0) {
    const { resolveImports } = await import('./resolve-imports.js');
    const importProblems = await resolveImports(manifest, {
      repoRoot: await options.repoRoot(path.dirname(file)),
      reportRoot: options.root,
      manifestPath: file,
      docker,
    });
    // Unpinned versions inside imported files count like inline ones.
    if (reportUnpinned) importProblems.push(...importedPinProblems(manifest));
    for (const p of importProblems) problems.push({ ...p, file: options.shown(p.file) });
  }
  return { path: file, shown, manifest, problems };
}
