/**
 * The entries of a CycloneDX BOM made from the graph: each node as a service (its bom-ref,
 * CycloneDX's own fields from its `cyclonedx:` properties, nesting as its BOM nested it), each
 * library version as a component, and every property the BOM has no field for. cyclonedx.ts
 * assembles the BOM from them.
 */
import { PackageURL } from 'packageurl-js';
import type { GraphEdge, GraphNode, Properties } from '../graph/types.js';
import { PROP } from '../importers/cyclonedx/depmap-properties.js';
import {
  CDX,
  LIBRARY_FIELDS,
  PER_VERSION,
  SERVICE_FIELDS,
  TRUST_BOUNDARY_KIND,
  fieldValue,
  type Field,
} from '../importers/cyclonedx/cyclonedx-properties.js';

export interface Property {
  name: string;
  value: string;
}

export const SYSTEM_REF = 'depmap:system';
/** depmap's own property names: the export writes them from the graph's fields, never from a node's properties. */
const DEPMAP_NAMES: ReadonlySet<string> = new Set(Object.values(PROP));
const serviceRef = (id: string): string => `service:${id}`;

/**
 * Each node's bom-ref: the one its BOM gave it (`cyclonedx:bom-ref`) so that dependencies and
 * data flows keep pointing at it, else `service:<id>`. A kept ref that another node or a
 * library already has would make two things one: that node gets the made-up ref.
 */
export function serviceRefs(nodes: readonly GraphNode[], libraryRefs: Iterable<string>): Map<string, string> {
  const used = new Set<string>([SYSTEM_REF, ...libraryRefs, ...nodes.map((n) => serviceRef(n.id))]);
  const refs = new Map<string, string>();
  for (const node of nodes) {
    const kept = node.properties?.[CDX.bomRef];
    if (kept !== undefined && !used.has(kept)) {
      used.add(kept);
      refs.set(node.id, kept);
    } else refs.set(node.id, serviceRef(node.id));
  }
  return refs;
}

/** One node as a service: CycloneDX's own fields from its `cyclonedx:` properties, the rest as properties. */
export function serviceOf(
  node: GraphNode,
  ref: string,
  url: string | undefined,
  properties: Property[],
): Record<string, unknown> {
  const own = node.properties ?? {};
  const service: Record<string, unknown> = { 'bom-ref': ref, name: own[CDX.name] ?? node.id };
  const group = own[CDX.group] ?? node.system;
  if (group) service.group = group;
  if (node.description) service.description = node.description;
  const endpoints = stringList(own[CDX.endpoints]) ?? (url ? [url] : undefined);
  if (endpoints) service.endpoints = endpoints;
  const boundary = own[CDX.trustBoundary];
  if (boundary === 'true' || boundary === 'false') service['x-trust-boundary'] = boundary === 'true';
  else if (node.kind === TRUST_BOUNDARY_KIND) service['x-trust-boundary'] = true;
  const written = new Set<string>([CDX.name, CDX.group, CDX.bomRef, CDX.parent]);
  if (endpoints && own[CDX.endpoints] !== undefined) written.add(CDX.endpoints);
  if (service['x-trust-boundary'] !== undefined) written.add(CDX.trustBoundary);
  for (const key of nativeFields(service, own, SERVICE_FIELDS)) written.add(key);
  service.properties = [...properties, ...otherProperties(own, written)];
  return service;
}

/** The fields of the table that the properties hold, into the object; the keys it wrote. */
function nativeFields(target: Record<string, unknown>, own: Properties, fields: readonly Field[]): string[] {
  const written: string[] = [];
  for (const { field, key, type } of fields) {
    const text = own[key];
    const value = text === undefined ? undefined : fieldValue(text, type);
    if (value === undefined) continue;
    target[field] = value;
    written.push(key);
  }
  return written;
}

/** Every property the BOM has no field for, under its own name (depmap's own names are the export's). */
function otherProperties(own: Properties, written: ReadonlySet<string>): Property[] {
  return sortedEntries(own)
    .filter(([name]) => !written.has(name) && !DEPMAP_NAMES.has(name))
    .map(([name, value]) => ({ name, value }));
}

/**
 * Services nested as their BOM nested them (`cyclonedx:parent`), in the graph's order; a parent
 * that is not exported, or a loop of parents, leaves the service at the top (its
 * `cyclonedx:parent` kept as a property, so nothing is lost).
 */
export function nested(
  nodes: readonly GraphNode[],
  services: Map<string, Record<string, unknown>>,
): Record<string, unknown>[] {
  const declared = new Map(nodes.map((n) => [n.id, n.properties?.[CDX.parent]]));
  const parentOf = (id: string) => {
    const parent = declared.get(id);
    return parent !== undefined && services.has(parent) ? parent : undefined;
  };
  const top: Record<string, unknown>[] = [];
  for (const node of nodes) {
    const service = services.get(node.id) as Record<string, unknown>;
    const parent = parentOf(node.id);
    if (parent === undefined || inLoop(node.id, parentOf)) {
      const kept = declared.get(node.id);
      if (kept !== undefined) (service.properties as Property[]).push({ name: CDX.parent, value: kept });
      top.push(service);
      continue;
    }
    const host = services.get(parent) as Record<string, unknown>;
    host.services = [...((host.services as unknown[] | undefined) ?? []), service];
  }
  return top;
}

function inLoop(id: string, parentOf: (id: string) => string | undefined): boolean {
  const seen = new Set<string>([id]);
  for (let at = parentOf(id); at !== undefined; at = parentOf(at)) {
    if (seen.has(at)) return true;
    seen.add(at);
  }
  return false;
}

function stringList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const value = fieldValue(text, 'json');
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string') ? value : undefined;
}

export function sortedEntries(properties: Properties | undefined): [string, string][] {
  return Object.entries(properties ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A library version as a CycloneDX component; the purl carries the version only when it is an exact one. */
export function libraryComponent(
  ref: string,
  node: GraphNode,
  version: string | undefined,
  edges: GraphEdge[],
  onlyVersion: boolean,
): Record<string, unknown> {
  const parsed = PackageURL.fromString(node.id);
  const exact = version !== undefined && edges.some((e) => e.pin.pinned);
  const purl = new PackageURL(
    parsed.type,
    parsed.namespace,
    parsed.name,
    exact ? version : undefined,
    parsed.qualifiers,
    parsed.subpath,
  ).toString();
  const component: Record<string, unknown> = { type: 'library', 'bom-ref': ref };
  if (parsed.namespace) component.group = parsed.namespace;
  component.name = parsed.name;
  if (version !== undefined) component.version = version;
  component.purl = purl;
  component.scope = cycloneDxScope(edges.map((e) => e.scope));
  // Hashes and the like describe one version: they are written only where the package is used at one.
  const own = Object.fromEntries(
    sortedEntries(node.properties).filter(([key]) => onlyVersion || !PER_VERSION.has(key)),
  ) as Properties;
  const written = new Set(nativeFields(component, own, LIBRARY_FIELDS));
  for (const key of PER_VERSION) written.add(key);
  const properties: Property[] = [];
  if (!exact && version !== undefined) properties.push({ name: PROP.pinned, value: 'false' });
  properties.push(...otherProperties(own, written));
  if (properties.length > 0) component.properties = properties;
  return component;
}

/** required when any user needs it at run time; optional; excluded for dev/test/build only. */
function cycloneDxScope(scopes: (string | undefined)[]): 'required' | 'optional' | 'excluded' {
  if (scopes.some((s) => s === undefined || s === 'runtime' || s === 'peer' || s === 'provided')) return 'required';
  if (scopes.some((s) => s === 'optional')) return 'optional';
  return 'excluded';
}
