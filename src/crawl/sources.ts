/**
 * Sources as users write them: a folder, a glob of folders (`~/src/*`), or a git URL with an
 * optional `#ref`. Expanded into a sorted list of repos with stable ids.
 */
import { statSync, type Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { atLocation, IoError, isDepmapError, UsageError, type Location } from '../errors.js';
import { SKIPPED_DIRS, type SkippedDir } from '../util/skipped-dirs.js';
import { MANIFEST_NAMES } from './find-manifests.js';
import { looksLikeGitUrl, parseGitUrl, type GitUrl } from './git-url.js';
import { exists } from '../util/fs-exists.js';

export type RepoSource =
  | { type: 'local'; id: string; path: string; display: string }
  | { type: 'git'; id: string; git: GitUrl; display: string };

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Skipped folders a glob never matches nor enters. Only these two of SKIPPED_DIRS: a glob
 * names its folders itself, and `~/src/*` has always matched a checkout named `vendor` or
 * `target`.
 */
const GLOB_SKIPPED = ['node_modules', '.git'] satisfies SkippedDir[];

function expandHome(p: string, env: NodeJS.ProcessEnv = process.env): string {
  if (p === '~') return env.HOME ?? os.homedir();
  if (p.startsWith('~/')) return path.join(env.HOME ?? os.homedir(), p.slice(2));
  return p;
}

/** Expands sources into repos: globs to folders, URLs parsed and checked. */
export async function expandSources(
  specs: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
  /** Where a source was written (a config line): its errors are reported there. */
  locate?: (spec: string) => Location | undefined,
): Promise<RepoSource[]> {
  const repos: RepoSource[] = [];
  for (const spec of specs) {
    try {
      await expandOne(spec, cwd, env, repos);
    } catch (error) {
      const at = locate?.(spec);
      throw at && isDepmapError(error) && !error.location ? atLocation(error, at) : error;
    }
  }
  return disambiguate(dedupe(repos));
}

async function expandOne(spec: string, cwd: string, env: NodeJS.ProcessEnv, repos: RepoSource[]): Promise<void> {
  // Option-like sources are refused whatever they look like: they must never reach git.
  if (looksLikeGitUrl(spec) || spec.startsWith('-')) {
    const git = parseGitUrl(spec);
    repos.push({ type: 'git', id: git.id, git, display: `${git.display}${git.ref ? `#${git.ref}` : ''}` });
    return;
  }
  const expanded = expandHome(spec, env);
  if (GLOB_CHARS.test(expanded)) {
    const { glob } = await import('tinyglobby');
    const folders = await glob(expanded.split(path.sep).join('/'), {
      cwd,
      onlyDirectories: true,
      absolute: true,
      expandDirectories: false,
      followSymbolicLinks: false,
      ignore: GLOB_SKIPPED.map((dir) => `**/${dir}/**`),
    });
    if (folders.length === 0)
      throw new IoError(`no folder matches ${spec}`, {
        hint: 'check the pattern; quote it so your shell does not expand it',
      });
    for (const folder of folders.sort()) {
      const abs = folder.replace(/\/$/, '');
      repos.push({ type: 'local', id: path.basename(abs), path: abs, display: path.relative(cwd, abs) || '.' });
    }
    return;
  }
  const abs = path.resolve(cwd, expanded);
  let info;
  try {
    info = await stat(abs);
  } catch {
    throw new IoError(`${spec} does not exist`, { hint: 'give a folder, a glob of folders, or a git URL' });
  }
  if (!info.isDirectory()) {
    const parent = path.relative(cwd, path.dirname(abs)) || '.';
    throw new UsageError(
      `${spec} is ${info.isFile() ? 'a file' : 'not a folder'}: a source is the folder of a repo (or of many)`,
      { hint: `give its folder: ${parent}` },
    );
  }
  const children = await childRepos(abs);
  if (children) {
    for (const child of children) {
      repos.push({ type: 'local', id: child, path: path.join(abs, child), display: path.join(spec, child) });
    }
    return;
  }
  repos.push({ type: 'local', id: path.basename(abs) || abs, path: abs, display: spec });
}

const PROJECT_FILES =
  /^(package\.json|go\.mod|Cargo\.toml|pom\.xml|build\.gradle(\.kts)?|pyproject\.toml|requirements\.txt|Gemfile|composer\.json|.*\.csproj|(docker-)?compose(\.[\w-]+)?\.ya?ml|catalog-info\.yaml)$/;

/**
 * A folder of repos (`./repos`, the demo organisation): not a git checkout itself and no
 * manifest at its root, but subfolders. Each subfolder is then a repo of its own; anything
 * else (a checkout, a monorepo, a folder with a manifest) is one repo.
 */
async function childRepos(dir: string): Promise<string[] | undefined> {
  if (await exists(path.join(dir, '.git'))) return undefined;
  for (const name of MANIFEST_NAMES) if (await exists(path.join(dir, name))) return undefined;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  // Project files at the root (package.json, go.mod, a compose file…) make it one project.
  if (entries.some((e) => e.isFile() && PROJECT_FILES.test(e.name))) return undefined;
  // Symlinks to repos count: `~/src/org/` is often a folder of links to checkouts.
  const isDir = (e: Dirent) =>
    e.isDirectory() ||
    (e.isSymbolicLink() && (statSync(path.join(dir, e.name), { throwIfNoEntry: false })?.isDirectory() ?? false));
  const children = entries
    .filter((e) => !e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name) && isDir(e))
    .map((e) => e.name)
    .sort();
  return children.length > 0 ? children : undefined;
}

function dedupe(repos: RepoSource[]): RepoSource[] {
  const seen = new Set<string>();
  return repos.filter((r) => {
    const key = r.type === 'local' ? `local:${r.path}` : `git:${r.git.url}#${r.git.ref ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Two folders named `api` in different places get ids `a/api` and `b/api`. */
function disambiguate(repos: RepoSource[]): RepoSource[] {
  const counts = new Map<string, number>();
  for (const r of repos) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
  for (const r of repos) {
    if ((counts.get(r.id) ?? 0) < 2) continue;
    if (r.type === 'local') {
      const parts = r.path.split(path.sep).filter(Boolean);
      r.id = parts.slice(-2).join('/');
    } else if (r.git.ref) {
      r.id = `${r.git.id}#${r.git.ref}`;
    }
  }
  const final = new Map<string, number>();
  for (const r of repos) {
    const n = final.get(r.id) ?? 0;
    final.set(r.id, n + 1);
    if (n > 0) r.id = `${r.id}~${n + 1}`;
  }
  return repos.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** FNV-1a: a stable hash, so a repo stays in its shard when others are added. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Shard {
  index: number;
  count: number;
}

/** `--shard 2/5` → { index: 2, count: 5 }; 1-based like other CI sharding flags. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard "${text}" is not of the form i/n with 1 <= i <= n`, {
      hint: 'e.g. --shard 1/4 for the first of four shards',
    });
  }
  return { index, count };
}

export function inShard(id: string, shard: Shard): boolean {
  return hash(id) % shard.count === shard.index - 1;
}
