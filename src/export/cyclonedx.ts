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
import type { GraphEdge, GraphNode, Snapshot } from '../graph/types.js';
import {
  PROP,
  type CallProperty,
  type ProvidesProperty,
  type UseProperty,
} from '../importers/cyclonedx/depmap-properties.js';
import { unwrapPin } from '../manifest/pin/unwrap-pin.js';
import { VERSION } from '../version.js';
import { callProperty } from './call-property.js';
import {
  SYSTEM_REF,
  libraryComponent,
  nested,
  serviceOf,
  serviceRefs,
  sortedEntries,
  type Property,
} from './cyclonedx-entries.js';
import { graphParts, type ExportOptions } from './graph-parts.js';

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
