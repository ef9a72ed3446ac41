/**
 * Container image references (`ghcr.io:443/acme/api:1.2@sha256:…`), split one way for every
 * reader of them: the pin rules, the policy's patterns, the diff and the topology's guess of
 * what an image is. It lives in manifest/, the lowest layer that reads images, so graph,
 * policy and importers can all use it.
 *
 * It splits whatever it is given and judges nothing: the pin rules refuse what is not a
 * reference (whitespace, variables, malformed digests) before they read the parts, and the
 * others only compare them. Names stay as written: Docker Hub's implicit `docker.io/` and
 * `library/` are not added, so `postgres` and `docker.io/library/postgres` are two names to
 * every caller, as they always were.
 */

export interface ImageReference {
  /** Registry and repository as written, without tag and digest: `ghcr.io:443/acme/api`. */
  name: string;
  /** `ghcr.io:443`, `localhost:5000`: the first segment of a name when it is a host; none for Docker Hub. */
  registry?: string;
  /** The path after the registry: `acme/api`, `postgres`, `library/postgres`. */
  repository: string;
  /** What follows the last `:` of the last path segment; `''` for `redis:`. */
  tag?: string;
  /** What follows the first `@`, unchecked: `sha256:…`; `''` for `redis@`. */
  digest?: string;
}

export function parseImageReference(text: string): ImageReference {
  const at = text.indexOf('@');
  const ref = at < 0 ? text : text.slice(0, at);
  // A colon before the last slash is a registry's port (`localhost:5000/api`), not a tag.
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  const hasTag = colon > slash;
  const name = hasTag ? ref.slice(0, colon) : ref;
  const out: ImageReference = { name, ...splitRegistry(name) };
  if (hasTag) out.tag = ref.slice(colon + 1);
  if (at >= 0) out.digest = text.slice(at + 1);
  return out;
}

/**
 * Docker's own rule: the first segment names a registry when it has a dot or a port, is
 * `localhost`, or holds upper case (a repository path never does); else the name is on
 * Docker Hub (`bitnami/kafka`).
 */
function splitRegistry(name: string): { registry?: string; repository: string } {
  const slash = name.indexOf('/');
  if (slash < 0) return { repository: name };
  const first = name.slice(0, slash);
  if (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase()) {
    return { registry: first, repository: name.slice(slash + 1) };
  }
  return { repository: name };
}
