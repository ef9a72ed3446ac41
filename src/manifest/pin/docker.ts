/**
 * Container images: an image reference (`postgres:16.3@sha256:…`, `ghcr.io/acme/x:1.2.3`,
 * `redis`), or the version of a docker/oci purl (a tag, or a digest `sha256:…`).
 *
 * Every reference gets a class (image-tag-class.ts): `digest`, `exact` (a tag naming one
 * release: `1.2.3`, `postgres:16.1`, a date), `floating` (a tag that moves: `latest`, `5`,
 * `6.2-alpine`) or `none` (no tag: Docker pulls latest). The class does not depend on the level;
 * whether it is pinned does:
 *
 * - Level `digest`: pinned only by a well-formed digest, `@sha256:<64 hex>` (or
 *   `@sha512:<128 hex>`); the tag beside it is documentation and is not judged.
 * - Level `exact` (the default): classes `digest` and `exact` are pinned; `floating` and `none`
 *   are not. `exact` still trusts the tag: any tag can be re-pushed, only `digest` is
 *   reproducible.
 * - A reference holding `$` (`api:${TAG}`, Dockerfile ARGs) is an unresolved variable, and
 *   text with whitespace or a malformed digest is no reference: no class, never pinned.
 * - docker and oci purls are judged alike, though the purl spec wants a digest for oci; a
 *   purl's name (when the caller gives it) picks the release scheme as an image's name does.
 */
import { parseImageReference } from '../image-reference.js';
import type { DockerPinLevel, ImagePinClass, PinVerdict } from '../types.js';
import { classifyTag, releaseTemplate } from './image-tag-class.js';
import { quote, unpinned } from './verdict.js';

const DIGEST = /^(?:sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;
const WHITESPACE = /\s/;

// Shared and frozen, like PINNED: the pinned majority allocates nothing.
const PINNED_DIGEST: PinVerdict = Object.freeze({ pinned: true, class: 'digest' });
const PINNED_EXACT: PinVerdict = Object.freeze({ pinned: true, class: 'exact' });

/** `image` is a full reference; `level` how strict to be. */
export function checkImage(image: string, level: DockerPinLevel): PinVerdict {
  if (image.includes('$')) return unresolved(image);
  if (WHITESPACE.test(image))
    return unpinned(`${quote(image)} is not an image reference`, 'write name[:tag][@sha256:<digest>]');
  const { name, repository, tag, digest } = parseImageReference(image);
  return judge({ shown: image, name, repository, tag, digest }, level);
}

/** The version of a docker/oci purl: a tag, a digest, or `tag@digest`; `name` is the purl's name when known. */
export function checkDockerVersion(version: string, level: DockerPinLevel, name?: string): PinVerdict {
  if (version.includes('$')) return unresolved(version);
  const repository = name;
  if (version.startsWith('sha256:') || version.startsWith('sha512:'))
    return judge({ shown: version, repository, digest: version }, level);
  const at = version.indexOf('@');
  if (at >= 0)
    return judge({ shown: version, repository, tag: version.slice(0, at), digest: version.slice(at + 1) }, level);
  return judge({ shown: version, repository, tag: version }, level);
}

interface Reference {
  /** What the messages quote: the reference, or the purl version. */
  shown: string;
  /** The image name, for hints; undefined for a purl version. */
  name?: string | undefined;
  /** Picks the release scheme (`postgres` numbers releases `16.1`). */
  repository?: string | undefined;
  tag?: string | undefined;
  digest?: string | undefined;
}

function judge(ref: Reference, level: DockerPinLevel): PinVerdict {
  const { shown, name, tag, digest } = ref;
  if (digest !== undefined) {
    if (DIGEST.test(digest)) return PINNED_DIGEST;
    return unpinned(`${quote(shown)} has a malformed digest`, 'use the full digest, sha256:<64 hex digits>');
  }
  const tagClass = classifyTag(ref.repository, tag);
  if (level === 'digest') {
    const hint =
      name === undefined
        ? 'use the image digest as the version, e.g. sha256:<digest>'
        : `append the digest, e.g. ${name}:${tag || '<tag>'}@sha256:<digest>`;
    return classified(tagClass.class, `${quote(shown)} has no digest`, hint);
  }
  if (tagClass.class === 'exact') return PINNED_EXACT;
  const release = releaseTemplate(ref.repository);
  const hint =
    name === undefined
      ? `pin a full version tag (${release}) or a digest`
      : `pin a full version tag, e.g. ${name}:<${release}>, or a digest`;
  if (tagClass.class === 'none') return classified('none', `${quote(shown)} has no tag, which means latest`, hint);
  // A purl version is the tag itself: `"16" is a …`; an image reference has one: `"node:16" has a …`.
  const subject = tag === shown ? `${quote(shown)} is` : `${quote(shown)} has`;
  if (tagClass.moves === 'major')
    return classified('floating', `${subject} a major-version tag, which moves with every minor release`, hint);
  if (tagClass.moves === 'minor')
    return classified('floating', `${subject} a minor-version tag, which moves with every patch release`, hint);
  const rolling = tag === shown ? `${subject} a rolling tag` : `${subject} the rolling tag ${quote(tag ?? '')}`;
  return classified('floating', rolling, hint);
}

function classified(imageClass: ImagePinClass, reason: string, hint: string): PinVerdict {
  return { pinned: false, class: imageClass, reason, hint };
}

function unresolved(text: string): PinVerdict {
  return unpinned(`${quote(text)} holds an unresolved variable`, 'resolve the variable to a pinned tag or digest');
}
