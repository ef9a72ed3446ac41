/**
 * Sources for history commands: local checkouts as they are, and git URLs cloned with their
 * whole history (a bare clone: history is read from objects, never from a working tree)
 * into `<cache>/history/`, apart from the shallow clones a scan keeps.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { IoError } from '../errors.js';
import { cacheKey, type GitUrl } from '../crawl/git-url.js';
import { expandSources, type RepoSource } from '../crawl/sources.js';
import { runGit } from './git.js';

export interface HistorySource {
  id: string;
  /** Folder git runs in: a checkout (or a folder inside one), or a bare clone in the cache. */
  dir: string;
  /** How the user wrote it, for messages. */
  display: string;
  /** Tip to read from (default HEAD). */
  rev?: string;
}

export interface HistorySourceOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  cacheDir: string;
  onClone?: (source: RepoSource) => void;
}

export async function historySources(specs: readonly string[], options: HistorySourceOptions): Promise<HistorySource[]> {
  const repos = await expandSources(specs, options.cwd, options.env);
  const out: HistorySource[] = [];
  for (const repo of repos) {
    if (repo.type === 'local') {
      out.push({ id: repo.id, dir: repo.path, display: repo.display });
    } else {
      options.onClone?.(repo);
      const dir = await fullClone(repo.git, options.cacheDir, options.env);
      out.push({ id: repo.id, dir, display: repo.display, rev: repo.git.ref ?? 'HEAD' });
    }
  }
  return out;
}

/** One clone per repository, whatever ref is read from it. */
function withoutRef(url: GitUrl): GitUrl {
  const { ref: _ref, ...rest } = url;
  return rest;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** A bare clone of `url` with full history, branches and tags, brought up to date. */
export async function fullClone(url: GitUrl, cacheDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const dir = path.join(cacheDir, 'history', cacheKey(withoutRef(url)));
  try {
    if (!(await exists(path.join(dir, 'HEAD')))) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(path.dirname(dir), { recursive: true });
      await runGit(['clone', '--bare', '--quiet', '--no-recurse-submodules', '--', url.url, dir], { cwd: path.dirname(dir), env });
    } else {
      await runGit(['fetch', '--quiet', '--prune', '--no-recurse-submodules', 'origin', '+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*'], { cwd: dir, env });
    }
    return dir;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new IoError(`cannot clone ${url.display}${url.ref ? `#${url.ref}` : ''} with its history: ${message}`, {
      hint: 'check the URL, the ref and your access to the repository',
    });
  }
}
