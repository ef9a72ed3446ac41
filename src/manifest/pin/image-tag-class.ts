/**
 * Does an image tag name one release, or a line of releases that moves? The rule is general,
 * read from the tag's shape, so that any image of any registry is judged alike:
 *
 * - a version with three or more numeric parts names one release: `1.2.3`, `v0.6.10`,
 *   `2.1.0-debian-12-r6`, `17.0.4.1_1-jre`; suffixes (`-alpine`, `-slim`, `-management`) are
 *   variants of that release and do not change the class;
 * - one or two parts name a line that moves with every release in it: `5`, `6.2-alpine`,
 *   `3-management`, `10.9`, `v3.0`;
 * - a date or build number (`2024-06-20`, `20240620`, `jammy-20240530`,
 *   `RELEASE.2024-05-10T01-41-38Z`) or a commit hash of 7+ hex digits (`sha-3f2a9c1`) names
 *   one build;
 * - words name whatever is current: `latest`, `stable`, `lts`, `edge`, `main`, `alpine`,
 *   `bookworm`, `lts-alpine3.20` (3.20 is the base image's version, not the image's).
 *
 * The one exception is product knowledge, not a guess: a few upstreams number their releases
 * with two parts, so `major.minor` IS one release there (RELEASE_SCHEMES below). An image is
 * matched by the last segment of its repository, as `postgres`, `library/postgres` and
 * `public.ecr.aws/docker/library/postgres` all are.
 */
import type { ImagePinClass } from '../types.js';

/** What a tag pins: its class, and for a floating tag, what makes it move. */
export interface TagClass {
  class: Exclude<ImagePinClass, 'digest'>;
  /** `major`: `16` moves with minor releases; `minor`: `6.2` with patch releases; `rolling`: a word. */
  moves?: 'major' | 'minor' | 'rolling';
}

/**
 * Upstreams whose releases have two numeric parts, from the version they started to. Keep it
 * small and sourced: an entry must be how the project itself numbers releases.
 */
const RELEASE_SCHEMES: ReadonlyMap<string, { parts: number; since: number }> = new Map([
  // "Beginning with PostgreSQL 10, [minor releases are] the second part of the version number,
  // e.g. 10.0 to 10.1" (postgresql.org/support/versioning); 9.6.24 was still major.major.minor.
  ['postgres', { parts: 2, since: 10 }],
  ['postgresql', { parts: 2, since: 10 }],
  // Debian point releases are `12.1`, `12.5` (since 7; 6.0.10 had three parts); the official
  // image tags them as such (`11.2`, `11.2-slim`) beside the moving `11` and `bullseye`.
  ['debian', { parts: 2, since: 7 }],
  // Jenkins weekly releases are `2.440`; LTS releases `2.426.3` have three parts anyway.
  ['jenkins', { parts: 2, since: 1 }],
]);

const LEADING_VERSION = /^[vV]?(\d+)((?:\.\d+)*)/;
/** A date or a build number anywhere: `2024-06-20`, `20240620`, `jammy-20240530`, `r6` is not one. */
const BUILD = /\d{6,}|\d{4}-\d{2}-\d{2}/;
/** A commit hash between separators: `sha-3f2a9c1`, `main-3f2a9c1`, `3f2a9c1e`. */
const COMMIT = /(?:^|[-_.])(?:sha-)?(?=[a-f]*\d)[0-9a-f]{7,64}(?:$|[-_.])/i;

export function classifyTag(repository: string | undefined, tag: string | undefined): TagClass {
  if (tag === undefined || tag === '') return { class: 'none' };
  const version = LEADING_VERSION.exec(tag);
  const parts = version ? 1 + ((version[2] as string).match(/\./g)?.length ?? 0) : 0;
  if (parts >= 3) return { class: 'exact' };
  if (BUILD.test(tag) || COMMIT.test(tag)) return { class: 'exact' };
  if (version === null) return { class: 'floating', moves: 'rolling' };
  const scheme = schemeOf(repository);
  const major = Number(version[1]);
  const releaseParts = scheme && major >= scheme.since ? scheme.parts : 3;
  if (parts >= releaseParts) return { class: 'exact' };
  return { class: 'floating', moves: parts === 1 ? 'major' : 'minor' };
}

/** How a release of this image is written, for hints: `major.minor.patch`, or `major.minor` for postgres. */
export function releaseTemplate(repository: string | undefined): string {
  return schemeOf(repository)?.parts === 2 ? 'major.minor' : 'major.minor.patch';
}

function schemeOf(repository: string | undefined): { parts: number; since: number } | undefined {
  if (repository === undefined) return undefined;
  return RELEASE_SCHEMES.get(repository.slice(repository.lastIndexOf('/') + 1).toLowerCase());
}
