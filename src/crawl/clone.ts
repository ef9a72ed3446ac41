/**
 * Clones or updates a git URL into the cache, shallow: a scan needs only the tip. Runs git
 * with transports limited to safe ones, no prompts, and no hooks or submodules; simple-git
 * adds its own refusal of unsafe options.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { IoError } from '../errors.js';
import { gitReason } from './git-reason.js';
import { cacheKey, type GitUrl } from './git-url.js';
import { exists } from '../fs-exists.js';

const SAFE_ENV = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_ALLOW_PROTOCOL: 'https:http:ssh:git:file',
  GIT_CONFIG_NOSYSTEM: '1',
};

const FULL_SHA = /^[0-9a-f]{40}$/;

function git(dir: string | undefined, env: NodeJS.ProcessEnv): SimpleGit {
  // GIT_ALLOW_PROTOCOL (below) is what shuts out ext:: and fd::; simple-git itself refuses
  // -c overrides of protocol or hook settings, so none are passed.
  const g = simpleGit({ baseDir: dir, maxConcurrentProcesses: 4, allowEnvironment: Object.keys(SAFE_ENV) });
  return g.env({ ...pickEnv(env), ...SAFE_ENV });
}

function pickEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'SSH_AUTH_SOCK', 'HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY']) {
    const value = env[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
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
