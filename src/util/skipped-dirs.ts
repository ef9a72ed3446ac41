/**
 * The folders a walk of a repo never enters, in one place: the manifest crawl, git history,
 * init and discovery skip them, and help and docs print them from here (a test holds the
 * docs to it). Pure data in the base, because the pure importers filter the paths they are
 * given by the same names as the walker in crawl/ that lists them.
 *
 * Never walking into a folder is one concern; a folder that is walked but whose files say
 * nothing about this repo's deployment (tests, fixtures, examples) is another, and belongs
 * to discovery (`NOT_EVIDENCE_DIRS` in importers/discover.ts).
 */

/** Never walked into by anything: VCS data, other people's code, tool caches. */
export const SKIPPED_DIR_NAMES = [
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'vendor',
  'bower_components',
  '.venv',
  'venv',
  '__pycache__',
  'target',
  '.gradle',
  '.terraform',
  '.depmap-cache',
] as const;
export type SkippedDir = (typeof SKIPPED_DIR_NAMES)[number];
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(SKIPPED_DIR_NAMES);

/**
 * Build output, generated from the repo's own sources: `init` never walks into it, nor does
 * discovery but for `.next` and `.nuxt` (DISCOVERY_SKIPPED_DIRS in importers/discover.ts).
 * The manifest crawl walks it, as it always has: a depmap.yaml committed under `build/` or
 * `out/` is the team's own.
 */
const BUILD_OUTPUT_DIR_NAMES = ['dist', 'build', 'out', '.next', '.nuxt', 'coverage'] as const;
export type BuildOutputDir = (typeof BUILD_OUTPUT_DIR_NAMES)[number];

/** What `init` never walks into: the skipped folders and build output. */
export const INIT_SKIPPED_DIRS: ReadonlySet<string> = new Set([...SKIPPED_DIR_NAMES, ...BUILD_OUTPUT_DIR_NAMES]);

/** True when a folder of the `/`-separated `path` (not its last part, the file) is in `dirs`. */
export function inDirOf(path: string, dirs: ReadonlySet<string>): boolean {
  let start = 0;
  for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', start)) {
    if (dirs.has(path.slice(start, slash))) return true;
    start = slash + 1;
  }
  return false;
}
