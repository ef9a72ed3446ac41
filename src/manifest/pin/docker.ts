/**
 * Container images: an image reference (`postgres:16.3@sha256:…`, `ghcr.io/acme/x:1.2`,
 * `redis`), or the version of a docker/oci purl (a tag, or a digest `sha256:…`).
 *
 * - Level `digest`: pinned only by a well-formed digest, `@sha256:<64 hex>` (or
 *   `@sha512:<128 hex>`); the tag beside it is documentation and is not judged.
 * - Level `exact` (the default): a digest pins too; otherwise the tag must name a version.
 *   A tag names a version when it starts with `major.minor` (`16.3`, `3.12-slim`, `v2.1.0`),
 *   or holds a date or build number (`jammy-20240530`, `RELEASE.2024-05-10T01-41-38Z`) or a
 *   commit hash of 7+ hex digits (`sha-3f2a9c1`, `main-3f2a9c1`). Rolling tags fail: no tag
 *   (latest), and tags without a version of their own: `latest`, `stable`, `lts`, `edge`,
 *   `main`, `master`, `nightly`, `alpine`, `bookworm`, `nonroot`, `lts-alpine3.20` (3.20 is
 *   the base image's version); major-only tags fail too (`node:20`, `20-alpine3.19`, `v2`),
 *   since they move with every minor release.
 *   `exact` trusts a `major.minor` tag: `python:3.12` still moves with patch releases and any
 *   tag can be re-pushed; only `digest` is reproducible.
 * - A reference holding `$` (`api:${TAG}`, Dockerfile ARGs) is an unresolved variable.
 * - docker and oci purls are judged alike, though the purl spec wants a digest for oci.
 */
import { parseImageReference } from '../image-reference.js';
import type { DockerPinLevel, PinVerdict } from '../types.js';
import { PINNED, quote, unpinned } from './verdict.js';

const DIGEST = /^(?:sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;
const VERSIONED_TAG = /^v?\d+\.\d+|\d{6,}|\d{4}-\d{2}-\d{2}|(?:^|[-_.])(?:sha-)?(?=[a-f]*\d)[0-9a-f]{7,64}(?:$|[-_.])/i;
const MAJOR_ONLY = /^v?\d+(?:[-_]|$)/;
const WHITESPACE = /\s/;

/** `image` is a full reference; `level` how strict to be. */
export function checkImage(image: string, level: DockerPinLevel): PinVerdict {
  if (image.includes('$')) return unresolved(image);
  if (WHITESPACE.test(image))
    return unpinned(`${quote(image)} is not an image reference`, 'write name[:tag][@sha256:<digest>]');
  const { name, tag, digest } = parseImageReference(image);
  return judge(image, name, tag, digest, level);
}

/** The version of a docker/oci purl: a tag, a digest, or `tag@digest`. */
export function checkDockerVersion(version: string, level: DockerPinLevel): PinVerdict {
  if (version.includes('$')) return unresolved(version);
  if (version.startsWith('sha256:') || version.startsWith('sha512:'))
    return judge(version, undefined, undefined, version, level);
  const at = version.indexOf('@');
  if (at >= 0) return judge(version, undefined, version.slice(0, at), version.slice(at + 1), level);
  return judge(version, undefined, version, undefined, level);
}

function judge(
  shown: string,
  name: string | undefined,
  tag: string | undefined,
  digest: string | undefined,
  level: DockerPinLevel,
): PinVerdict {
  if (digest !== undefined) {
    if (DIGEST.test(digest)) return PINNED;
    return unpinned(`${quote(shown)} has a malformed digest`, 'use the full digest, sha256:<64 hex digits>');
  }
  if (level === 'digest') {
    const hint =
      name === undefined
        ? 'use the image digest as the version, e.g. sha256:<digest>'
        : `append the digest, e.g. ${name}:${tag ?? '<tag>'}@sha256:<digest>`;
    return unpinned(`${quote(shown)} has no digest`, hint);
  }
  const hint =
    name === undefined
      ? 'pin a full version tag (major.minor.patch) or a digest'
      : `pin a full version tag, e.g. ${name}:<major.minor.patch>, or a digest`;
  if (tag === undefined || tag === '') return unpinned(`${quote(shown)} has no tag, which means latest`, hint);
  if (VERSIONED_TAG.test(tag)) return PINNED;
  // A purl version is the tag itself: `"16" is a …`; an image reference has one: `"node:16" has a …`.
  const subject = tag === shown ? `${quote(shown)} is` : `${quote(shown)} has`;
  if (MAJOR_ONLY.test(tag))
    return unpinned(`${subject} a major-version tag, which moves with every minor release`, hint);
  return unpinned(tag === shown ? `${subject} a rolling tag` : `${subject} the rolling tag ${quote(tag)}`, hint);
}

function unresolved(text: string): PinVerdict {
  return unpinned(`${quote(text)} holds an unresolved variable`, 'resolve the variable to a pinned tag or digest');
}
