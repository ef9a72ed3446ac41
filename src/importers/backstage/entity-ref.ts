/**
 * Backstage entity references: `[kind:][namespace/]name`, case-insensitive kinds, `default`
 * namespace implied. depmap names are flat, so a node is named by the entity's name; the
 * namespace only disambiguates references inside one catalog.
 */

export interface EntityRef {
  kind: string;
  namespace: string;
  name: string;
}

export function parseEntityRef(ref: string, defaultKind: string, defaultNamespace = 'default'): EntityRef | undefined {
  const match = /^(?:([A-Za-z][\w-]*):)?(?:([\w.-]+)\/)?([\w.-]+)$/.exec(ref.trim());
  if (!match) return undefined;
  return {
    kind: (match[1] ?? defaultKind).toLowerCase(),
    namespace: (match[2] ?? defaultNamespace).toLowerCase(),
    name: match[3]!,
  };
}

export function refKey(ref: EntityRef): string {
  return `${ref.kind}:${ref.namespace}/${ref.name.toLowerCase()}`;
}

/** `group:default/team-a` → `team-a`; `group:platform/sre` → `platform/sre`. */
export function ownerName(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  const parsed = parseEntityRef(ref, 'group');
  if (!parsed) return ref;
  return parsed.namespace === 'default' ? parsed.name : `${parsed.namespace}/${parsed.name}`;
}
