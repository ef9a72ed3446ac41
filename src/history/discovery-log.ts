/**
 * Which commits and files history before adoption reads: the names of the files discovery
 * reads, as the pathspecs of one `git log`, and the changes of that log kept by file name.
 * Apart from the discovered walk itself, so that a history of manifests alone does not load
 * discovery (a third of the code a timeline would otherwise compile at start).
 */
import type { LogCommit } from './read-log.js';

/**
 * The names of the files discovery reads, as globs of a file's name (the folder does not count).
 * A compose build may name any Dockerfile (`dockerfile: Dockerfile-dev`, `web.dockerfile`), and
 * docker falls back to a lower-case `dockerfile`: every name holding the word is read.
 */
const DISCOVERY_NAMES = [
  '*.yml',
  '*.yaml',
  '*.json',
  '.env',
  '*.env',
  '.env.*',
  '*ockerfile*',
  '*ontainerfile*',
  '*.properties',
  '*.toml',
  '*.lock',
  'go.mod',
  'pom.xml',
  '*.gradle',
  '*.gradle.kts',
  'requirements*.txt',
  'requirements*.in',
  'Gemfile',
  'Pipfile',
  '*.csproj',
  '*.fsproj',
  '*.vbproj',
  '*.props',
];

/**
 * What discovery reads, as git pathspecs: one log lists every commit that changed any of it.
 * A `:(glob)` pathspec per name, under `**`, would say it exactly, but git matches those
 * slowly (the log of 50,000 commits took 1.27 s instead of 0.95 s). A plain pathspec's `*`
 * matches `/` as well: `*.yml` is the same set; `Dockerfile*` needs a second pathspec, the
 * name after `*` and a slash, which also takes files under a folder so named:
 * {@link discoveryChanges} leaves those out.
 */
export const DISCOVERY_PATHSPECS = DISCOVERY_NAMES.flatMap((name) =>
  name.startsWith('*') ? [name] : [name, `*/${name}`],
);

const DISCOVERY_NAME = new RegExp(
  `^(?:${DISCOVERY_NAMES.map((n) => n.replace(/[.+]/g, '\\$&').replace(/\*/g, '.*')).join('|')})$`,
);

/** True for the name of a file discovery reads (the file's name alone, not its folder). */
export function isDiscoveryName(name: string): boolean {
  return DISCOVERY_NAME.test(name);
}

/**
 * The commits of a log of {@link DISCOVERY_PATHSPECS} with only the changes the `:(glob)` pathspecs
 * would take (by the file's name), and without the commits left with none.
 */
export function discoveryChanges(commits: LogCommit[]): LogCommit[] {
  const out: LogCommit[] = [];
  for (const c of commits) {
    const changes = c.changes.filter((change) => isDiscoveryName(change.path.slice(change.path.lastIndexOf('/') + 1)));
    if (changes.length === c.changes.length) out.push(c);
    else if (changes.length > 0) out.push({ ...c, changes });
  }
  return out;
}
