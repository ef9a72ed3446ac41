/**
 * The graph as a CycloneDX 1.6 JSON BOM (a SaaSBOM). The BOM's subject is the whole system;
 * every component, resource and catalog entity of the graph is a CycloneDX service, every
 * library version in use is a CycloneDX library component with its purl, and the dependency
 * graph says who calls and uses what. CycloneDX has no field for a call's protocol, API and
 * version or for a node's kind and system, so those are `depmap:` properties, which depmap's
 * CycloneDX importer reads back.
 *
 * What an imported BOM said and depmap has no field for comes back as the BOM's own fields:
 * a node's `cyclonedx:` properties (importers/cyclonedx/cyclonedx-properties.ts) are its
 * endpoints, trust zone, data flows, provider, bom-ref, nesting…; properties of other
 * namespaces (`backstage:lifecycle`) are `properties` entries under their names. No timestamp
 * or serial number: the same graph gives the same bytes.
 */
import { safeJson } from '../util/control-chars.js';
import { PackageURL } from 'packageurl-js';
import type { GraphEdge, GraphNode, Properties, Snapshot } from '../graph/types.js';
import {
  PROP,
  type CallProperty,
  type ProvidesProperty,
  type UseProperty,
} from '../importers/cyclonedx/depmap-properties.js';
import {
  CDX,
  LIBRARY_FIELDS,
  PER_VERSION,
  SERVICE_FIELDS,
  TRUST_BOUNDARY_KIND,
  fieldValue,
  type Field,
} from '../importers/cyclonedx/cyclonedx-properties.js';
import { unwrapPin } from '../manifest/pin/unwrap-pin.js';
import { VERSION } from '../version.js';
import { callProperty } from './call-property.js';
import { graphParts, type ExportOptions } from './graph-parts.js';

interface Property {
  name: string;
  value: string;
}

const SYSTEM_REF = 'depmap:system';
/** depmap's own property names: the export writes them from the graph's fields, never from a node's properties. */
const DEPMAP_NAMES: ReadonlySet<string> = new Set(Object.values(PROP));
const serviceRef = (id: string): string => `service:${id}`;
const libraryRef = (purl: string, version: string | undefined): string =>
  version === undefined ? purl : `${purl}@${version}`;

export function toCycloneDx(snapshot: Snapshot, options: ExportOptions = {}): string {
  const parts = graphParts(snapshot);

  const libraries = new Map<string, { node: GraphNode; version?: string; edges: GraphEdge[] }>();
  const versionOf = (edge: GraphEdge): string | undefined =>
    edge.version !== undefined && edge.pin.pinned ? unwrapPin(edge.version) : edge.version;
  for (const edge of parts.uses) {
    const node = parts.libraries.get(edge.target);
    if (!node) continue;
    const version = versionOf(edge);
    const ref = libraryRef(edge.target, version);
    const entry = libraries.get(ref) ?? { node, ...(version !== undefined ? { version } : {}), edges: [] };
    entry.edges.push(edge);
    libraries.set(ref, entry);
  }

  const urls = new Map<string, string>();
  for (const edge of parts.calls) if (edge.url && !urls.has(edge.target)) urls.set(edge.target, edge.url);

  const entities = snapshot.nodes.filter((n) => n.type === 'entity');
  const serviceNodes = [...parts.components, ...parts.resources, ...entities];
  const refs = serviceRefs(serviceNodes, libraries.keys());
  // Each node's calls and library uses, found once: a graph has tens of thousands of library edges.
  const callsFrom = bySource(parts.calls);
  const usesFrom = bySource(parts.uses.filter((e) => parts.libraries.has(e.target)));
  const services = new Map<string, Record<string, unknown>>();
  for (const node of serviceNodes) {
    const properties: Property[] = [
      { name: PROP.type, value: node.type },
      { name: PROP.kind, value: node.kind },
    ];
    if (node.system) properties.push({ name: PROP.system, value: node.system });
    if (node.owner) properties.push({ name: PROP.owner, value: node.owner });
    for (const provided of node.provides ?? []) {
      const value: ProvidesProperty = { api: provided.api, protocol: provided.protocol, version: provided.version };
      properties.push({ name: PROP.provides, value: JSON.stringify(value) });
    }
    for (const edge of callsFrom.get(node.id) ?? [])
      properties.push({ name: PROP.calls, value: JSON.stringify(callOf(edge)) });
    for (const edge of usesFrom.get(node.id) ?? [])
      properties.push({ name: PROP.uses, value: JSON.stringify(useOf(edge, versionOf(edge))) });
    if (node.discovered) properties.push({ name: PROP.discovered, value: 'true' });
    if (node.unresolved) properties.push({ name: PROP.unresolved, value: 'true' });
    services.set(node.id, serviceOf(node, refs.get(node.id) as string, urls.get(node.id), properties));
  }

  const versions = new Map<string, number>();
  for (const { node } of libraries.values()) versions.set(node.id, (versions.get(node.id) ?? 0) + 1);
  const components = [...libraries].map(([ref, { node, version, edges }]) =>
    libraryComponent(ref, node, version, edges, versions.get(node.id) === 1),
  );

  const dependencies: { ref: string; dependsOn: string[] }[] = [
    { ref: SYSTEM_REF, dependsOn: parts.components.map((c) => refs.get(c.id) as string) },
  ];
  for (const node of serviceNodes) {
    const dependsOn = new Set<string>();
    for (const edge of callsFrom.get(node.id) ?? []) {
      const target = refs.get(edge.target);
      if (target !== undefined) dependsOn.add(target);
    }
    for (const edge of usesFrom.get(node.id) ?? []) dependsOn.add(libraryRef(edge.target, versionOf(edge)));
    dependencies.push({ ref: refs.get(node.id) as string, dependsOn: [...dependsOn].sort() });
  }
  // The graph does not know what libraries depend on: their entries stay empty, which CycloneDX reads as "none known".
  for (const ref of libraries.keys()) dependencies.push({ ref, dependsOn: [] });

  const bom = {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: {
      tools: { components: [{ type: 'application', name: 'depmap', version: VERSION }] },
      component: {
        type: 'application',
        'bom-ref': SYSTEM_REF,
        name: options.name ?? 'system',
        description: `${parts.components.length} components, ${parts.resources.length} resources and ${libraries.size} library versions, mapped by depmap`,
        properties: [{ name: PROP.type, value: 'system' }],
      },
    },
    components,
    services: nested(serviceNodes, services),
    dependencies,
  };
  return `${safeJson(JSON.stringify(bom, null, 2))}\n`;
}

function bySource(edges: readonly GraphEdge[]): Map<string, GraphEdge[]> {
  const map = new Map<string, GraphEdge[]>();
  for (const edge of edges) {
    const list = map.get(edge.source);
    if (list) list.push(edge);
    else map.set(edge.source, [edge]);
  }
  return map;
}

/** The call, with its properties of other namespaces (CycloneDX has no place for them on a dependency). */
function callOf(edge: GraphEdge): CallProperty {
  const call = callProperty(edge);
  const properties = sortedEntries(edge.properties);
  if (properties.length > 0) call.properties = Object.fromEntries(properties);
  return call;
}

/** A library use as depmap declared it: CycloneDX's component scope is coarser, its version resolved. */
function useOf(edge: GraphEdge, version: string | undefined): UseProperty {
  const use: UseProperty = { library: libraryRef(edge.target, version) };
  if (edge.scope) use.scope = edge.scope;
  if (edge.version !== undefined && edge.version !== version) use.version = edge.version;
  return use;
}

/**
 * Each node's bom-ref: the one its BOM gave it (`cyclonedx:bom-ref`) so that dependencies and
 * data flows keep pointing at it, else `service:<id>`. A kept ref that another node or a
 * library already has would make two things one: that node gets the made-up ref.
 */
function serviceRefs(nodes: readonly GraphNode[], libraryRefs: Iterable<string>): Map<string, string> {
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
function serviceOf(
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
function nested(
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

function sortedEntries(properties: Properties | undefined): [string, string][] {
  return Object.entries(properties ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A library version as a CycloneDX component; the purl carries the version only when it is an exact one. */
function libraryComponent(
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
