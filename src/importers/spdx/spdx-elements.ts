/**
 * The pieces of an SPDX 3 JSON-LD document as depmap reads them: an element's type and id
 * (compacted, `type`/`spdxId`, or expanded, `@type`/`@id`), a reference to another element
 * (an IRI, or an inlined element), the name/value entries of its
 * `extension_CdxPropertiesExtension`s, and the SPDX fields depmap keeps as `spdx:` properties.
 * spdx-jsonld.ts walks the document.
 */
import { asArray, asString, isRecord } from '../util/located.js';
import { PROP } from '../cyclonedx/depmap-properties.js';
import { SPDX_FIELDS, SPDX_ID, SPDX_PROPERTY_PREFIX, SPDX_PROP } from './spdx-terms.js';

export type Entry = [name: string, value: string];

/** Names longer than this are not names: a hostile document gets a problem, not a megabyte id. */
export const MAX_TEXT = 4096;

export const typeOf = (item: Record<string, unknown>): string | undefined => asString(item.type ?? item['@type']);
export const idOf = (item: Record<string, unknown>): string | undefined => asString(item.spdxId ?? item['@id']);

/** A reference to an element: its IRI, or the id of an element written inline. */
export function refOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return isRecord(value) ? idOf(value) : undefined;
}

/** Every entry of every CycloneDX-properties extension, in document order. */
export function extensionEntries(item: Record<string, unknown>): Entry[] {
  const entries: Entry[] = [];
  for (const extension of asArray(item.extension)) {
    if (!isRecord(extension) || !String(typeOf(extension) ?? '').endsWith('CdxPropertiesExtension')) continue;
    for (const entry of asArray(extension.extension_cdxProperty)) {
      if (!isRecord(entry)) continue;
      const name = asString(entry.extension_cdxPropName);
      if (name === undefined || name === '') continue;
      entries.push([name, asString(entry.extension_cdxPropValue) ?? '']);
    }
  }
  return entries;
}

export const valuesOf = (entries: Entry[], name: string): string[] =>
  entries.filter(([n]) => n === name).map(([, v]) => v);

/** The depmap fields the reader turns into depmap's own, never into properties. */
const DEPMAP_FIELDS: ReadonlySet<string> = new Set([...Object.values(PROP), ...Object.values(SPDX_PROP)]);

/**
 * What the element says and depmap has no field for, as namespaced properties: every entry
 * that is not one of depmap's fields (a name without a namespace becomes `spdx:property:<name>`),
 * the SPDX fields of `SPDX_FIELDS` (less `skipFields`), and a foreign spdxId (not for a
 * library: its node stands for every version, each a package with an id of its own).
 */
export function propertiesOf(
  item: Record<string, unknown>,
  entries: Entry[],
  skipFields: readonly string[] = [],
  options: { keepId?: boolean } = {},
): Record<string, string> | undefined {
  const kept: [string, string][] = [];
  for (const [name, value] of entries) {
    if (DEPMAP_FIELDS.has(name)) continue;
    kept.push([name.includes(':') ? name : `${SPDX_PROPERTY_PREFIX}${name}`, value]);
  }
  for (const [key, field] of Object.entries(SPDX_FIELDS)) {
    if (skipFields.includes(field)) continue;
    const value = asString(item[field]);
    if (value !== undefined) kept.push([key, value]);
  }
  const id = idOf(item);
  if (options.keepId !== false && id !== undefined && !id.startsWith('urn:depmap:')) kept.push([SPDX_ID, id]);
  if (kept.length === 0) return undefined;
  // fromEntries defines own properties: a `__proto__` key stays a key, never a prototype.
  return Object.fromEntries(kept.map(([k, v]) => [k.slice(0, MAX_TEXT), v]));
}

export function safeJsonObject<T>(text: string): T | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return isRecord(value) ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}
