/**
 * Which files a compose project reads and with which variables: the default file set
 * `docker compose` picks in a folder, paths written in a repo's files (refused when they leave
 * the repo, as an absolute path or `../..` does), and `.env`-style variable files.
 */
import { inDir, joinPath } from '../../util/paths.js';
import { parseDotenvEntries } from './dotenv.js';

export const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const OVERRIDE_NAMES = [
  'compose.override.yml',
  'compose.override.yaml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];

/** The files `docker compose` picks in `dir` on its own: the first base name, then, independently, the first override name. */
export function defaultComposeFiles(dir: string, exists: (path: string) => boolean): string[] {
  const base = BASE_NAMES.map((name) => inDir(dir, name)).find(exists);
  if (base === undefined) return [];
  const override = OVERRIDE_NAMES.map((name) => inDir(dir, name)).find(exists);
  return override === undefined ? [base] : [base, override];
}

/** A path written in a repo file, in the repo; undefined for an absolute path or one that climbs out. */
export function repoPath(dir: string, written: string): string | undefined {
  if (written.startsWith('/') || /^[A-Za-z]:[\\/]/.test(written) || written.startsWith('~')) return undefined;
  return joinPath(dir, written);
}

/** Variables of `.env`-style files, later files winning, each expanded with what came before. */
export function envOfFiles(paths: readonly string[], read: (path: string) => string | undefined): Map<string, string> {
  const env = new Map<string, string>();
  for (const path of paths) {
    const text = read(path);
    if (text === undefined) continue;
    for (const entry of parseDotenvEntries(text, env)) if (entry.value !== undefined) env.set(entry.key, entry.value);
  }
  return env;
}
