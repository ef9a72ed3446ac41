/**
 * Sources for history commands: local checkouts as they are, and git URLs cloned with their
 * whole history (a bare clone: history is read from objects, never from a working tree).
 *
 * `<cache>` is depmap's one clone cache, the folder `--cache-dir` and a config's `cacheDir`
 * name for every command (default `~/.cache/depmap/repos`): a scan keeps its shallow
 * working clones at `<cache>/<key>`, history keeps its bare clones at `<cache>/history/<key>`.
 * Keys end in a hash, so neither can be taken for the other.
 */
import type { Location } from '../errors.js';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { IoError, isDepmapError, type DepmapError } from '../errors.js';
import { cacheKey, type GitUrl } from '../crawl/git-url.js';
import { expandSources, type RepoSource } from '../crawl/sources.js';
import { runGit } from './run-git.js';
import { exists } from '../util/fs-exists.js';

export interface HistorySource {
  id: string;
  /** Folder git runs in: a checkout (or a folder inside one), or a bare clone in the cache. */
  dir: string;
  /** How the user wrote it, for messages. */
  display: string;
  /** Tip to read from (default HEAD). */
  rev?: string;
  /**
   * Why the source cannot be read (a clone that failed). Readers report it like any repo
   * they cannot read: one of many is left out, a source alone is an error.
   */
  error?: DepmapError;
}

export interface HistorySourceOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  cacheDir: string;
  onClone?: (source: RepoSource) => void;
  /** Where a source was written (a config line): its errors are reported there. */
  locate?: (spec: string) => Location | undefined;
}

export async function historySources(
  specs: readonly string[],
  options: HistorySourceOptions,
): Promise<HistorySource[]> {
  const repos = await expandSources(specs, options.cwd, options.env, options.locate);
  const out: HistorySource[] = [];
  for (const repo of repos) {
    if (repo.type === 'git') options.onClone?.(repo);
    out.push(await historySource(repo, options.cacheDir, options.env));
  }
  return out;
}

/** A crawl's source as a history source: a folder as it is, a git URL cloned (or its failure). */
export async function historySource(
  repo: RepoSource,
  cacheDir: string,
  env: NodeJS.ProcessEnv,
): Promise<HistorySource> {
  if (repo.type === 'local') return { id: repo.id, dir: repo.path, display: repo.display };
  const source: HistorySource = {
    id: repo.id,
    dir: cloneDir(repo.git, cacheDir),
    display: repo.display,
    rev: repo.git.ref ?? 'HEAD',
  };
  try {
    source.dir = await fullClone(repo.git, cacheDir, env);
  } catch (error) {
    if (!isDepmapError(error)) throw error;
    source.error = error;
  }
  return source;
}

/** Where `url` is cloned with its history: one clone per repository, whatever ref is read from it. */
function cloneDir(url: GitUrl, cacheDir: string): string {
  const { ref: _ref, ...rest } = url;
  return path.join(cacheDir, 'history', cacheKey(rest));
}

/** A bare clone of `url` with full history, branches and tags, brought up to date. */
async function fullClone(url: GitUrl, cacheDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const dir = cloneDir(url, cacheDir);
  try {
    if (!(await exists(path.join(dir, 'HEAD')))) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(path.dirname(dir), { recursive: true });
      await runGit(['clone', '--bare', '--quiet', '--no-recurse-submodules', '--', url.url, dir], {
        cwd: path.dirname(dir),
        env,
      });
    } else {
      await runGit(
        [
          'fetch',
          '--quiet',
          '--prune',
          '--no-recurse-submodules',
          'origin',
          '+refs/heads/*:refs/heads/*',
          '+refs/tags/*:refs/tags/*',
        ],
        { cwd: dir, env },
      );
    }
    return dir;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new IoError(`cannot clone ${url.display}${url.ref ? `#${url.ref}` : ''} with its history: ${message}`, {
      hint: 'check the URL, the ref and your access to the repository',
    });
  }
}
