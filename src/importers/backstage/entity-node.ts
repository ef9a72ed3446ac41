/**
 * One Backstage entity as one node of depmap's graph: a Component as a component, a Resource as
 * a resource, every other kind (an API no component provides, System, Domain, Group, User,
 * custom kinds such as AiResource) as an `entity` node with id `kind:name`. Owner and system are
 * read on every kind, in the entity's own namespace; what depmap has no field for is kept in
 * `backstage:*` properties (catalog-fields.ts) so an export writes it back, and the properties
 * of other formats come back from the `depmap.dev/properties` annotation.
 */
import { asArray, asString, isRecord } from '../util/located.js';
import type { DiscoveredComponent, ImportProblem } from '../types.js';
import {
  ANNOTATION,
  API_VERSION,
  KIND_SPELLING,
  NAMED_METADATA,
  NAMED_SPEC,
  PROP,
  componentKind,
  consumedSpecFields,
  resourceKind,
  typeOfKind,
} from './catalog-fields.js';
import { readProperties } from './depmap-annotations.js';
import { DEFAULT_KIND, entityId, ownerName, parseEntityRef, type EntityRef } from './entity-ref.js';
import { locate, type Entity } from './read-entities.js';

export type NodeType = 'component' | 'resource' | 'entity';

/** A property value over this size is not kept (an inline API definition of megabytes). */
const MAX_PROPERTY = 256 * 1024;
const MAX_NAME = 256;

export function annotationsOf(entity: Entity): Record<string, unknown> {
  return isRecord(entity.metadata.annotations) ? entity.metadata.annotations : {};
}

/** The depmap name: the original one depmap's export kept when it had to fit the name to Backstage. */
export function depmapName(entity: Entity): string {
  const kept = asString(annotationsOf(entity)[ANNOTATION.name]);
  return kept !== undefined && kept.length > 0 && kept.length <= MAX_NAME ? kept : entity.name;
}

/** The node id an entity has in depmap's graph. */
export function nodeId(entity: Entity, type: NodeType): string {
  return type === 'entity' ? entityId(entity.kind, entity.namespace, depmapName(entity)) : depmapName(entity);
}

/** Spec fields depmap's export filled in (Backstage requires them): not what the graph said. */
function derivedFields(entity: Entity): Set<string> {
  const text = asString(annotationsOf(entity)[ANNOTATION.derivedFields]) ?? '';
  return new Set(text.split(/[\s,]+/).filter(Boolean));
}

/** The name of the system a ref names: the System entity's depmap name when the catalog has it. */
export type SystemName = (ref: EntityRef) => string;

export function entityNode(
  entity: Entity,
  type: NodeType,
  systemName: SystemName,
  problems: ImportProblem[],
): DiscoveredComponent {
  const { spec, metadata } = entity;
  const derived = derivedFields(entity);
  const annotations = annotationsOf(entity);
  const rawType = derived.has('type') ? undefined : asString(spec.type);
  const kind =
    type === 'component'
      ? componentKind(rawType ?? '')
      : type === 'resource'
        ? resourceKind(rawType ?? '')
        : entity.kind;
  const node: DiscoveredComponent = {
    name: nodeId(entity, type),
    kind,
    type,
    // An entity is never "the application" of a file (init, services-for): only components are.
    infrastructure: type !== 'component',
    line: entity.doc.lineOf('metadata', 'name') ?? entity.doc.lineOf(),
  };
  if (!entity.main) node.file = entity.file;

  const owner =
    asString(annotations[ANNOTATION.owner]) ??
    (derived.has('owner') ? undefined : ownerName(asString(spec.owner), entity.namespace));
  if (owner) node.owner = owner;
  const systemRef = derived.has('system') ? undefined : asString(spec.system);
  if (systemRef) {
    const parsed = parseEntityRef(systemRef, DEFAULT_KIND.system, entity.namespace);
    node.system = parsed ? systemName(parsed) : systemRef;
  }
  const description = asString(metadata.description);
  if (description) node.description = description;
  const image = asString(annotations[ANNOTATION.image]);
  if (image) node.image = image;
  // A link depmap wrote for the node's address.
  const link = derived.has('links') ? asArray(metadata.links)[0] : undefined;
  if (isRecord(link) && typeof link.url === 'string') node.url = link.url;

  const properties: Record<string, string> = {};
  // Other formats' properties first: what Backstage itself says wins.
  const kept = asString(annotations[ANNOTATION.properties]);
  if (kept !== undefined) {
    const read = readProperties(kept);
    if (read.error)
      locate(problems, entity, entity.doc.lineOf('metadata', 'annotations', ANNOTATION.properties), {
        message: `${entity.name}: ${ANNOTATION.properties} is not read: ${read.error}`,
        severity: 'warning',
      });
    Object.assign(properties, read.properties);
  }
  const set = (key: string, value: string) => {
    if (value.length > MAX_PROPERTY) {
      locate(problems, entity, node.line, {
        message: `${entity.name}: ${key} is larger than ${MAX_PROPERTY / 1024} KiB, not kept`,
        severity: 'warning',
      });
      return;
    }
    properties[key] = value;
  };
  if (rawType !== undefined && (type === 'entity' || typeOfKind(type, kind) !== rawType)) set(PROP.type, rawType);
  if (
    type === 'entity' &&
    KIND_SPELLING[entity.kind] === undefined &&
    entity.kindAsWritten !== capitalized(entity.kind)
  )
    set(PROP.kind, entity.kindAsWritten);
  if (entity.apiVersion !== API_VERSION) set(PROP.apiVersion, entity.apiVersion);
  if (type !== 'entity' && entity.namespace !== 'default') set(PROP.namespace, entity.namespace);
  for (const [field, key, encoding] of NAMED_METADATA) {
    const value = metadata[field];
    if (value === undefined || derived.has(field)) continue;
    if (encoding === 'text' && typeof value === 'string') set(key, value);
    else if (encoding === 'json') set(key, JSON.stringify(value));
  }
  const tags = asArray(metadata.tags).filter((t): t is string => typeof t === 'string');
  if (tags.length > 0) {
    if (type === 'component') node.tags = tags;
    else set(PROP.tags, JSON.stringify(tags));
  }
  const foreign = Object.fromEntries(Object.entries(annotations).filter(([key]) => !key.startsWith('depmap.dev/')));
  if (Object.keys(foreign).length > 0) set(PROP.annotations, JSON.stringify(foreign));
  // Entries, not assignments: a `__proto__` key from the file stays a key (Object.fromEntries defines it).
  const rest: [string, unknown][] = [];
  const consumed = new Set(consumedSpecFields(entity.kind));
  for (const [field, value] of Object.entries(spec)) {
    const named = NAMED_SPEC.find(([f]) => f === field);
    if (derived.has(field)) continue;
    if (named && (named[2] === 'json' || typeof value === 'string')) {
      set(named[1], named[2] === 'json' ? JSON.stringify(value) : (value as string));
    } else if (!consumed.has(field) || named) {
      rest.push([field, value]);
    }
  }
  if (rest.length > 0) set(PROP.spec, JSON.stringify(Object.fromEntries(rest)));
  if (Object.keys(properties).length > 0) node.properties = properties;
  return node;
}

function capitalized(kind: string): string {
  return `${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
}

/**
 * Whether an entity depmap's export wrote only because something refers to it (`depmap.dev/derived`)
 * has since been given something of its own in the catalog (a description, a title, links, a
 * member): then it is a node like any other.
 */
export function ownInformation(entity: Entity): boolean {
  const { metadata, spec } = entity;
  if (Object.keys(metadata).some((key) => !['name', 'namespace', 'annotations'].includes(key))) return true;
  if (Object.keys(annotationsOf(entity)).some((key) => !key.startsWith('depmap.dev/'))) return true;
  const allowed = DERIVED_SPEC[entity.kind] ?? [];
  if (Object.keys(spec).some((key) => !allowed.includes(key))) return true;
  return ['children', 'members', 'memberOf'].some((field) => asArray(spec[field]).length > 0);
}

/** The spec fields depmap's export writes on a derived entity of each kind. */
const DERIVED_SPEC: Readonly<Record<string, readonly string[]>> = {
  system: ['owner'],
  group: ['type', 'children'],
  user: ['memberOf'],
  api: ['type', 'lifecycle', 'owner', 'system', 'definition'],
};
