/**
 * The graph as a CycloneDX 1.6 JSON BOM. The BOM's subject is the whole system; every
 * component and resource of the graph is a CycloneDX service (with its endpoint when one is
 * known), every library version in use is a CycloneDX library component with its purl, and
 * the dependency graph says who calls and uses what. CycloneDX has no field for a call's
 * protocol, API and version or for a node's kind and system, so those are `depmap:`
 * properties, which depmap's CycloneDX importer reads back. No timestamp or serial number:
 * the same graph gives the same bytes.
 */
import { safeJson } from '../util/control-chars.js';
import { PackageURL } from 'packageurl-js';
import type { GraphEdge, GraphNode, Snapshot } from '../graph/types.js';
import { PROP, type CallProperty, type ProvidesProperty } from '../importers/cyclonedx/depmap-properties.js';
import { unwrapPin } from '../manifest/pin/unwrap-pin.js';
import { VERSION } from '../version.js';
import { graphParts, type ExportOptions } from './graph-parts.js';

interface Property {
  name: string;
  value: string;
}

const SYSTEM_REF = 'depmap:system';
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

  const services = [...parts.components, ...parts.resources].map((node) => {
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
    for (const edge of parts.calls.filter((e) => e.source === node.id))
      properties.push({ name: PROP.calls, value: JSON.stringify(callOf(edge)) });
    if (node.discovered) properties.push({ name: PROP.discovered, value: 'true' });
    if (node.unresolved) properties.push({ name: PROP.unresolved, value: 'true' });
    const service: Record<string, unknown> = { 'bom-ref': serviceRef(node.id), name: node.id };
    if (node.system) service.group = node.system;
    if (node.description) service.description = node.description;
    const url = urls.get(node.id);
    if (url) service.endpoints = [url];
    if (node.kind === 'external') service['x-trust-boundary'] = true;
    service.properties = properties;
    return service;
  });

  const components = [...libraries].map(([ref, { node, version, edges }]) =>
    libraryComponent(ref, node, version, edges),
  );

  const dependencies: { ref: string; dependsOn: string[] }[] = [
    { ref: SYSTEM_REF, dependsOn: parts.components.map((c) => serviceRef(c.id)) },
  ];
  for (const node of [...parts.components, ...parts.resources]) {
    const dependsOn = new Set<string>();
    for (const edge of parts.calls)
      if (edge.source === node.id && parts.node(edge.target)) dependsOn.add(serviceRef(edge.target));
    for (const edge of parts.uses)
      if (edge.source === node.id && parts.libraries.has(edge.target))
        dependsOn.add(libraryRef(edge.target, versionOf(edge)));
    dependencies.push({ ref: serviceRef(node.id), dependsOn: [...dependsOn].sort() });
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
    services,
    dependencies,
  };
  return `${safeJson(JSON.stringify(bom, null, 2))}\n`;
}

function callOf(edge: GraphEdge): CallProperty {
  const call: CallProperty = { target: edge.target };
  if (edge.protocol) call.protocol = edge.protocol;
  if (edge.api) call.api = edge.api;
  if (edge.version) call.version = edge.version;
  if (edge.image) call.image = edge.image;
  if (edge.url) call.url = edge.url;
  return call;
}

/** A library version as a CycloneDX component; the purl carries the version only when it is an exact one. */
function libraryComponent(
  ref: string,
  node: GraphNode,
  version: string | undefined,
  edges: GraphEdge[],
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
  if (!exact && version !== undefined) component.properties = [{ name: PROP.pinned, value: 'false' }];
  return component;
}

/** required when any user needs it at run time; optional; excluded for dev/test/build only. */
function cycloneDxScope(scopes: (string | undefined)[]): 'required' | 'optional' | 'excluded' {
  if (scopes.some((s) => s === undefined || s === 'runtime' || s === 'peer' || s === 'provided')) return 'required';
  if (scopes.some((s) => s === 'optional')) return 'optional';
  return 'excluded';
}
