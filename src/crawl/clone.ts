/**
 * Clones or updates a git URL into the cache, shallow: a scan needs only the tip. Runs git in
 * the environment every git call of depmap gets (git-env.ts: transports limited to safe ones,
 * no prompts), with no submodules; simple-git adds its own refusal of unsafe options.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { IoError } from '../errors.js';
import { gitEnv } from './git-env.js';
import { gitReason } from './git-reason.js';
import { cacheKey, type GitUrl } from './git-url.js';
import { exists } from '../util/fs-exists.js';

const FULL_SHA = /^[0-9a-f]{40}$/;

function git(dir: string | undefined, env: NodeJS.ProcessEnv): SimpleGit {
  const vars = gitEnv(env);
  const g = simpleGit({
    baseDir: dir,
    maxConcurrentProcesses: 4,
    // simple-git refuses git variables it is not told of, and an askpass, ssh command or pager
    // unless allowed: every one here is depmap's own choice (git-env.ts), none the caller's.
    // The arguments cannot bring their own: URLs and refs are checked by git-url.ts.
    allowEnvironment: Object.keys(vars),
    unsafe: { allowUnsafeAskPass: true, allowUnsafeSshCommand: true, allowUnsafePager: true },
  });
  return g.env(vars);
}

/** Returns the checkout folder of `url` at its ref (default branch when none). */
export async function cloneOrUpdate(
  url: GitUrl,
  cacheDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const dir = path.join(cacheDir, cacheKey(url));
  await mkdir(cacheDir, { recursive: true });
  try {
    if (await exists(path.join(dir, '.git'))) {
      const g = git(dir, env);
      const ref = url.ref ?? 'HEAD';
      await g.raw(['fetch', '--depth', '1', '--no-tags', '--no-recurse-submodules', 'origin', ref]);
      await g.raw(['checkout', '--force', '--detach', 'FETCH_HEAD']);
      return dir;
    }
    await rm(dir, { recursive: true, force: true });
    const args = ['--depth', '1', '--no-tags', '--no-recurse-submodules'];
    if (url.ref && !FULL_SHA.test(url.ref)) args.push('--branch', url.ref);
    await git(undefined, env).clone(url.url, dir, args);
    if (url.ref && FULL_SHA.test(url.ref)) {
      const g = git(dir, env);
      await g.raw(['fetch', '--depth', '1', 'origin', url.ref]);
      await g.raw(['checkout', '--force', '--detach', 'FETCH_HEAD']);
    }
    return dir;
  } catch (error) {
    throw new IoError(
      `cannot clone ${url.display}${url.ref ? `#${url.ref}` : ''}: ${gitReason((error as Error).message)}`,
      {
        hint: 'check the URL, the ref and your access to the repository',
      },
    );
  }
}
