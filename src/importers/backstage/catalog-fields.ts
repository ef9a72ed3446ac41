/**
 * Where each part of a Backstage entity goes in depmap's graph and back: one table shared by
 * the importer (catalog-info.ts) and the exporter (src/export/backstage.ts), so that what one
 * writes the other reads.
 *
 * - depmap fields: name, kind (from `spec.type`), owner, system, description, tags, provides
 *   and calls.
 * - `backstage:*` properties: what Backstage says and depmap has no field for (NAMED_SPEC,
 *   NAMED_METADATA, and `backstage:spec` for every other spec field), written back as the
 *   native fields.
 * - `depmap.dev/*` annotations: what depmap writes for itself (ANNOTATION).
 */
import { COMPONENT_KINDS, SERVICE_KINDS } from '../topology/vocabulary.js';

export const API_VERSION = 'backstage.io/v1alpha1';

/** depmap's own annotations (annotation keys cannot hold `:`, so properties travel as JSON in one). */
export const ANNOTATION = {
  /** The depmap name when it is not a valid Backstage name (the entity's name is then a fitted one). */
  name: 'depmap.dev/name',
  /** A free-form owner that `spec.owner` could only spell as a group ref. */
  owner: 'depmap.dev/owner',
  /** APIs: the version and protocol Backstage has no field for. */
  version: 'depmap.dev/version',
  protocol: 'depmap.dev/protocol',
  /** Resources: the image the callers run it as. */
  image: 'depmap.dev/image',
  declaredIn: 'depmap.dev/declared-in',
  discovered: 'depmap.dev/discovered',
  /** JSON object: every property that has no native Backstage field (`cyclonedx:*`, unknown `backstage:*`). */
  properties: 'depmap.dev/properties',
  /** `"true"`: written only because something refers to it (an owner's Group, a system's System, a provided API). */
  derived: 'depmap.dev/derived',
  /** Spec fields depmap filled in because Backstage requires them or for display (`owner,lifecycle,system`). */
  derivedFields: 'depmap.dev/derived-fields',
  /** JSON array of calls (CallEntry) with what a relation cannot say: version, protocol, criticality, properties. */
  calls: 'depmap.dev/calls',
  /** JSON array of LibraryEntry: the libraries a component uses, with versions. */
  libraries: 'depmap.dev/libraries',
} as const;

/** One entry of `depmap.dev/calls`: a call of the entity, by the depmap id of its target. */
export interface CallEntry {
  target: string;
  api?: string;
  protocol?: string;
  version?: string;
  critical?: boolean;
  properties?: Record<string, string>;
  /** The call has no relation field that can carry it (a call between two entities): the entry is the call. */
  only?: boolean;
}

/** One entry of `depmap.dev/libraries`. */
export interface LibraryEntry {
  ecosystem: string;
  name: string;
  version?: string;
  scope?: string;
  pinned?: boolean;
  transitive?: boolean;
  properties?: Record<string, string>;
}

/** Properties for metadata fields depmap has no field for. `json`: the value is JSON text. */
export const NAMED_METADATA: readonly (readonly [field: string, property: string, encoding: 'text' | 'json'])[] = [
  ['title', 'backstage:title', 'text'],
  ['links', 'backstage:links', 'json'],
  ['labels', 'backstage:labels', 'json'],
];

/** Properties for spec fields depmap has no field for, on any kind that has them. */
export const NAMED_SPEC: readonly (readonly [field: string, property: string, encoding: 'text' | 'json'])[] = [
  ['lifecycle', 'backstage:lifecycle', 'text'],
  ['subcomponentOf', 'backstage:subcomponent-of', 'text'],
  ['domain', 'backstage:domain', 'text'],
  ['subdomainOf', 'backstage:subdomain-of', 'text'],
  ['parent', 'backstage:parent', 'text'],
  ['children', 'backstage:children', 'json'],
  ['members', 'backstage:members', 'json'],
  ['memberOf', 'backstage:member-of', 'json'],
  ['profile', 'backstage:profile', 'json'],
  ['definition', 'backstage:definition', 'json'],
];

export const PROP = {
  /** `spec.type` when the node's kind does not give it back (`identity-provider` read as kind identity). */
  type: 'backstage:type',
  /** The kind as spelled, when not the usual spelling (`AiResource`). */
  kind: 'backstage:kind',
  /** `apiVersion` when not backstage.io/v1alpha1. */
  apiVersion: 'backstage:api-version',
  /** Components and resources outside the `default` namespace (an entity's id says it). */
  namespace: 'backstage:namespace',
  /** Annotations other than depmap's own (JSON object). */
  annotations: 'backstage:annotations',
  /** Tags of a resource or entity (depmap keeps tags on components only). JSON array. */
  tags: 'backstage:tags',
  /** Every other spec field (JSON object). */
  spec: 'backstage:spec',
  /** `dependencyOf` refs to entities the catalog does not have (JSON array): no edge can stand for them. */
  dependencyOf: 'backstage:dependency-of',
} as const;

/** Spec fields read into depmap fields (never into `backstage:spec`), per kind. */
export function consumedSpecFields(kind: string): readonly string[] {
  const named = NAMED_SPEC.map(([field]) => field);
  if (kind === 'component')
    return [...named, 'type', 'owner', 'system', 'providesApis', 'consumesApis', 'dependsOn', 'dependencyOf'];
  if (kind === 'resource') return [...named, 'type', 'owner', 'system', 'dependsOn', 'dependencyOf'];
  return [...named, 'type', 'owner', 'system'];
}

/** The spelling of the catalog model's kinds (a `kind: Api` is an API). Others: as written, kept in `backstage:kind`. */
export const KIND_SPELLING: Readonly<Record<string, string>> = {
  component: 'Component',
  api: 'API',
  resource: 'Resource',
  system: 'System',
  domain: 'Domain',
  group: 'Group',
  user: 'User',
  location: 'Location',
};

/** A kind written from its lower-cased id when nothing says how it was spelled. */
export function kindSpelling(kind: string): string {
  return KIND_SPELLING[kind] ?? `${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
}

/** A Backstage component type as one of depmap's component kinds. */
export function componentKind(type: string): string {
  const lower = type.toLowerCase();
  if (lower === 'website' || lower === 'frontend' || lower === 'web') return 'frontend';
  if (COMPONENT_KINDS.has(lower)) return lower;
  if (lower === 'cronjob' || lower === 'batch') return 'job';
  return 'service';
}

/** A component kind as the Backstage type the export writes. */
function componentType(kind: string): string {
  return kind === 'frontend' ? 'website' : kind;
}

const RESOURCE_KINDS: [RegExp, string][] = [
  [/database|db|postgres|mysql|sql|mongo|dynamo/i, 'database'],
  [/cache|redis|memcache/i, 'cache'],
  [/queue|sqs|rabbit|pubsub|topic|kafka|stream|kinesis|event/i, 'queue'],
  [/bucket|storage|s3|blob|gcs/i, 'storage'],
  [/search|elastic|opensearch/i, 'search'],
  [/identity|auth|idp|oidc|keycloak|cognito/i, 'identity'],
  [/mail|smtp|ses$/i, 'email'],
  [/external|saas|third.?party/i, 'external'],
];

/** A Backstage resource type (free text) as one of depmap's service kinds. */
export function resourceKind(type: string): string {
  const lower = type.toLowerCase();
  if (SERVICE_KINDS.has(lower)) return lower;
  for (const [pattern, kind] of RESOURCE_KINDS) if (pattern.test(lower)) return kind;
  return 'service';
}

/** The type the export writes for a node of this type and kind; `spec.type` is kept in `backstage:type` when it differs. */
export function typeOfKind(type: 'component' | 'resource', kind: string): string {
  return type === 'component' ? componentType(kind) : kind;
}
