/**
 * Backstage entity references, `[kind:][namespace/]name`, read by @backstage/catalog-model's own
 * `parseEntityRef` (bundled; about 1 kB), so depmap splits a ref exactly as a Backstage catalog
 * does. What the package leaves to its callers is here: the default kind of each relation field
 * (DEFAULT_KIND), the referring entity's namespace as the default namespace, and case-insensitive
 * comparison (`refKey`, as the package's `stringifyEntityRef`).
 *
 * depmap names are flat. An owner or system outside the `default` namespace is `namespace/name`,
 * a user owner keeps its kind (`user:jdoe`); an entity node's id is `kind:name`, or
 * `kind:namespace/name` outside `default`.
 */
import { parseEntityRef as parseRef } from '@backstage/catalog-model';

export interface EntityRef {
  /** Lower-cased. */
  kind: string;
  /** Lower-cased. */
  namespace: string;
  /** As written. */
  name: string;
}

/**
 * The default kind of each relation field, as the kinds of @backstage/catalog-model declare it
 * (its `relationFields`). `dependsOn` and `dependencyOf` have none: Backstage requires the kind.
 */
export const DEFAULT_KIND = {
  owner: 'group',
  system: 'system',
  subcomponentOf: 'component',
  providesApis: 'api',
  consumesApis: 'api',
  domain: 'domain',
  subdomainOf: 'domain',
  parent: 'group',
  children: 'group',
  members: 'user',
  memberOf: 'group',
} as const;

/** A ref read as Backstage reads it; undefined when Backstage would refuse it (no kind and no default, an empty part). */
export function parseEntityRef(
  ref: string,
  defaultKind: string | undefined,
  defaultNamespace = 'default',
): EntityRef | undefined {
  try {
    const parsed = parseRef(ref.trim(), { defaultKind, defaultNamespace });
    return { kind: parsed.kind.toLowerCase(), namespace: parsed.namespace.toLowerCase(), name: parsed.name };
  } catch {
    return undefined;
  }
}

/** The catalog's comparison key: kind, namespace and name, all lower-cased. */
export function refKey(ref: EntityRef): string {
  return `${ref.kind}:${ref.namespace}/${ref.name.toLowerCase()}`;
}

/** `name` in the default namespace, `namespace/name` elsewhere: depmap's spelling of a system or group. */
export function flatName(ref: { namespace: string; name: string }): string {
  return ref.namespace === 'default' ? ref.name : `${ref.namespace}/${ref.name}`;
}

/** The id of an entity node: `group:team-a`, `group:platform/sre`. */
export function entityId(kind: string, namespace: string, name: string): string {
  return `${kind}:${flatName({ namespace, name })}`;
}

/**
 * An owner ref as depmap's owner, resolved in the owning entity's namespace:
 * `group:default/team-a` → `team-a`; `sre` in namespace platform → `platform/sre`;
 * `user:jdoe` → `user:jdoe` (a user keeps its kind).
 */
export function ownerName(ref: string | undefined, namespace = 'default'): string | undefined {
  if (!ref) return undefined;
  const parsed = parseEntityRef(ref, DEFAULT_KIND.owner, namespace);
  if (!parsed) return ref;
  return parsed.kind === 'group' ? flatName(parsed) : `${parsed.kind}:${flatName(parsed)}`;
}
