/**
 * Backstage entity names: 1–63 characters, letters and digits separated by single `-`, `_`
 * or `.`. depmap names are looser (longer, repeated separators), so a name that does not
 * fit is made to fit with a short hash of the original, and the original is kept in an
 * annotation.
 */
import { createHash } from 'node:crypto';
import { transliterate } from '../util/transliterate.js';

const VALID = /^([A-Za-z0-9][-_.]?)*[A-Za-z0-9]$/;

export function backstageName(name: string): string {
  if (name.length <= 63 && VALID.test(name)) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 6);
  const cleaned = name
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/[-_.]{2,}/g, (run) => run[0]!)
    .replace(/^[-_.]+|[-_.]+$/g, '')
    .slice(0, 56)
    .replace(/[-_.]+$/, '');
  return cleaned ? `${cleaned}-${hash}` : `x-${hash}`;
}

/** Tags: lower-case `a-z0-9+#` words joined by `-`, at most 63 characters; others are dropped. */
export function backstageTag(tag: string): string | undefined {
  const lower = tag.toLowerCase().replace(/[\s_]+/g, '-');
  return /^[a-z0-9+#]+(-[a-z0-9+#]+)*$/.test(lower) && lower.length <= 63 ? lower : undefined;
}

const NAMESPACE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A namespace as Backstage accepts it (lower-case words joined by `-`, at most 63 characters); undefined otherwise. */
export function backstageNamespace(namespace: string): string | undefined {
  return namespace.length <= 63 && NAMESPACE.test(namespace) ? namespace : undefined;
}

/**
 * An owner as a Backstage entity reference (`team-a`, `group:platform/sre`, `user:jdoe`).
 * depmap's owner is free text, and Backstage does not resolve `"team | ops"`: such an owner
 * becomes a group name made of its words (`group:team-ops`, accents dropped); undefined when
 * none of it can be spelled so. The caller keeps the original in an annotation.
 */
export function backstageOwner(owner: string): string | undefined {
  const match = /^(?:([A-Za-z]+):)?(?:([^/:]+)\/)?([^/:]+)$/.exec(owner.trim());
  if (match) {
    const [, kind, namespace, name] = match;
    const kindOk = kind === undefined || /^(group|user)$/i.test(kind);
    const namespaceOk = namespace === undefined || (namespace.length <= 63 && NAMESPACE.test(namespace));
    if (kindOk && namespaceOk && name!.length <= 63 && VALID.test(name!)) return owner.trim();
  }
  const kind = /^(group|user):/i.exec(owner.trim())?.[1]?.toLowerCase() ?? 'group';
  const words = transliterate(owner.trim().replace(/^(group|user):/i, ''))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return words ? `${kind}:${words}` : undefined;
}
