/**
 * What a CycloneDX service or library component says and depmap has no field for, kept as
 * `cyclonedx:<field>` properties of the node (GraphNode.properties) so that the CycloneDX
 * export writes each back as the same native field. One table per object, read by the
 * importer (bom-entries.ts) and the exporter (export/cyclonedx.ts), so the two cannot drift.
 *
 * Values are text: strings as they are, booleans as `true`/`false`, objects and arrays as
 * JSON text.
 */

export type FieldType = 'string' | 'boolean' | 'json';

export interface Field {
  /** The CycloneDX field (`trustZone`). */
  field: string;
  /** The property key (`cyclonedx:trust-zone`). */
  key: string;
  type: FieldType;
}

const field = (name: string, key: string, type: FieldType): Field => ({ field: name, key: `cyclonedx:${key}`, type });

/** Service fields kept as they are. name, bom-ref, group, endpoints, x-trust-boundary and the nesting have rules of their own (CDX below). */
export const SERVICE_FIELDS: readonly Field[] = [
  field('version', 'version', 'string'),
  field('provider', 'provider', 'json'),
  field('authenticated', 'authenticated', 'boolean'),
  field('trustZone', 'trust-zone', 'string'),
  field('data', 'data', 'json'),
  field('licenses', 'licenses', 'json'),
  field('externalReferences', 'external-references', 'json'),
  field('releaseNotes', 'release-notes', 'json'),
  field('tags', 'tags', 'json'),
];

/** Library component fields kept as they are (name, group, version, purl, scope are depmap's own). */
export const LIBRARY_FIELDS: readonly Field[] = [
  field('supplier', 'supplier', 'json'),
  field('manufacturer', 'manufacturer', 'json'),
  field('authors', 'authors', 'json'),
  field('author', 'author', 'string'),
  field('publisher', 'publisher', 'string'),
  field('description', 'description', 'string'),
  field('licenses', 'licenses', 'json'),
  field('copyright', 'copyright', 'string'),
  field('externalReferences', 'external-references', 'json'),
  field('releaseNotes', 'release-notes', 'json'),
  field('tags', 'tags', 'json'),
  field('mime-type', 'mime-type', 'string'),
  // These describe one version: the export writes them only where the library is used at one version.
  field('hashes', 'hashes', 'json'),
  field('cpe', 'cpe', 'string'),
  field('swid', 'swid', 'json'),
  field('omniborId', 'omnibor-id', 'json'),
  field('swhid', 'swhid', 'json'),
  field('pedigree', 'pedigree', 'json'),
];

/** Library fields that belong to one version of the package, not to the package. */
export const PER_VERSION: ReadonlySet<string> = new Set(
  ['hashes', 'cpe', 'swid', 'omnibor-id', 'swhid', 'pedigree'].map((k) => `cyclonedx:${k}`),
);

/** The service keys with rules of their own. */
export const CDX = {
  /** The name as the BOM wrote it, when it is not a depmap name (the node id is its slug). */
  name: 'cyclonedx:name',
  /** The service's bom-ref, when it is not the one the export makes up (`service:<id>`). */
  bomRef: 'cyclonedx:bom-ref',
  /** The service's group, when it is not the node's system. */
  group: 'cyclonedx:group',
  /** Every endpoint, when the first (the address of each call to the service) does not say them all. */
  endpoints: 'cyclonedx:endpoints',
  /** `x-trust-boundary`, when the node's kind does not say it (`true` is what kind `external` says). */
  trustBoundary: 'cyclonedx:x-trust-boundary',
  /** The id of the node whose `services` the service is nested in. */
  parent: 'cyclonedx:parent',
} as const;

/** Longest property value kept (JSON text of a field): a BOM is input, and a graph is not a document store. */
export const MAX_VALUE = 64 * 1024;

/** A field's value as property text, or undefined when it has none (or not of its type). */
export function fieldText(value: unknown, type: FieldType): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (type === 'boolean') return typeof value === 'boolean' ? String(value) : undefined;
  if (type === 'string') return typeof value === 'string' ? value : undefined;
  return JSON.stringify(value);
}

/** Property text back into the field's value; undefined when the text does not parse. */
export function fieldValue(text: string, type: FieldType): unknown {
  if (type === 'string') return text;
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The kind a service is given when `x-trust-boundary` is true and nothing else says. */
export const TRUST_BOUNDARY_KIND = 'external';
