/**
 * The graph as an SPDX 3.0.1 JSON-LD document: one `software_Sbom` whose elements are a
 * `software_Package` per component, resource and catalog entity (purpose `application`, or
 * `other` for an entity) and per library version in use (purpose `library`, with its purl and
 * version), and a `LifecycleScopedRelationship` `dependsOn` for every call (scope `runtime`) and
 * every library use (scope from the library's: dev → development, test, build, else runtime).
 *
 * What SPDX has no field for travels in `extension_CdxPropertiesExtension` entries under the
 * same `depmap:` names the CycloneDX export uses (type, kind, system, owner, provides, calls,
 * pinned), so one reader serves both formats; every other namespaced property of a node or an
 * edge is an entry named after its key, and the `spdx:` ones go back to their SPDX fields.
 * spdxIds are `urn:depmap:…` IRIs made from the names; `created` comes from the options (a
 * fixed epoch by default): the same graph gives the same bytes.
 */
import { PackageURL } from 'packageurl-js';
import type { GraphEdge, GraphNode, Properties, Snapshot } from '../graph/types.js';
import { PROP, type ProvidesProperty } from '../importers/cyclonedx/depmap-properties.js';
import {
  SOFTWARE_PURPOSES,
  SPDX_CONTEXT,
  SPDX_FIELDS,
  SPDX_ID,
  SPDX_PROP,
  SPDX_PROPERTY_PREFIX,
  SPDX_SCOPE,
  SPDX_VERSION,
  isIri,
  lifecycleScopeOf,
  scopeRoundTrips,
} from '../importers/spdx/spdx-terms.js';
import { unwrapPin } from '../manifest/pin/unwrap-pin.js';
import { safeJson } from '../util/control-chars.js';
import { callProperty } from './call-property.js';
import { graphParts, type ExportOptions } from './graph-parts.js';
import { IdPool, depmapId } from './spdx-ids.js';

type SpdxOptions = ExportOptions;

export const SPDX_EPOCH = '1970-01-01T00:00:00Z';
const CREATION_INFO = '_:creationinfo';
const AGENT = 'urn:depmap:agent:depmap';

type Element = Record<string, unknown>;
type Entry = [name: string, value: string];

interface LibraryVersion {
  node: GraphNode;
  version?: string;
  exact: boolean;
  id?: string;
}

export function toSpdx(snapshot: Snapshot, options: SpdxOptions = {}): string {
  const created = options.created ?? SPDX_EPOCH;
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(created))
    throw new Error(`created must read YYYY-MM-DDTHH:MM:SSZ (UTC, no fractions), not ${JSON.stringify(created)}`);
  const name = options.name ?? 'system';
  const parts = graphParts(snapshot);
  const entities = snapshot.nodes.filter((n) => n.type === 'entity');
  const applications = [...parts.components, ...parts.resources, ...entities];

  const pool = new IdPool();
  const docId = pool.take(depmapId('doc', name));
  const sbomId = pool.take(depmapId('sbom', name));
  pool.take(AGENT);
  // An id a foreign document gave is kept, when it is still free: reserved before depmap's own.
  const ids = new Map<string, string>();
  for (const node of applications) {
    const own = node.properties?.[SPDX_ID];
    if (own !== undefined && isIri(own) && !pool.has(own)) ids.set(node.id, pool.take(own));
  }
  for (const node of applications) if (!ids.has(node.id)) ids.set(node.id, pool.take(depmapId(node.type, node.id)));

  const versions = libraryVersions(parts.uses, parts.libraries);
  for (const [ref, lib] of versions) lib.id = pool.take(depmapId('library', ref));

  const packages: Element[] = applications.map((node) => applicationPackage(node, ids.get(node.id)!));
  for (const lib of versions.values()) packages.push(libraryPackage(lib));

  const relationships: Element[] = [];
  const relationship = (edge: GraphEdge, to: string, scope: string, entries: Entry[]): void => {
    const own = edge.properties?.[SPDX_ID];
    const id =
      own !== undefined && isIri(own) && !pool.has(own) ? pool.take(own) : pool.take(depmapId('rel', edge.key));
    const element: Element = {
      type: 'LifecycleScopedRelationship',
      spdxId: id,
      creationInfo: CREATION_INFO,
      from: ids.get(edge.source)!,
      relationshipType: 'dependsOn',
      to: [to],
      scope,
    };
    const spdxScope = edge.properties?.[SPDX_SCOPE];
    if (spdxScope === 'design' || spdxScope === 'other') element.scope = spdxScope;
    relationships.push(withProperties(element, entries, edge.properties, [SPDX_SCOPE]));
  };
  for (const edge of parts.calls) {
    const to = ids.get(edge.target);
    if (!ids.has(edge.source) || to === undefined) continue;
    relationship(edge, to, 'runtime', [[PROP.calls, JSON.stringify(callProperty(edge))]]);
  }
  for (const edge of parts.uses) {
    const lib = versions.get(libraryRef(edge.target, versionOf(edge)));
    if (!ids.has(edge.source) || lib?.id === undefined) continue;
    const entries: Entry[] = [];
    if (!scopeRoundTrips(edge.scope)) entries.push([SPDX_PROP.scope, edge.scope!]);
    if (edge.version !== undefined && edge.version !== lib.version) entries.push([SPDX_PROP.version, edge.version]);
    relationship(edge, lib.id, lifecycleScopeOf(edge.scope), entries);
  }

  const elements = [...packages, ...relationships].map((e) => e.spdxId as string);
  const graph: Element[] = [
    { type: 'CreationInfo', '@id': CREATION_INFO, specVersion: SPDX_VERSION, created, createdBy: [AGENT] },
    { type: 'SoftwareAgent', spdxId: AGENT, name: 'depmap', creationInfo: CREATION_INFO },
    {
      type: 'SpdxDocument',
      spdxId: docId,
      name,
      creationInfo: CREATION_INFO,
      profileConformance: ['core', 'software', 'extension'],
      rootElement: [sbomId],
      element: [AGENT, sbomId, ...elements],
    },
    {
      type: 'software_Sbom',
      spdxId: sbomId,
      creationInfo: CREATION_INFO,
      rootElement: parts.components.map((c) => ids.get(c.id)!),
      element: elements,
    },
    ...packages,
    ...relationships,
  ];
  return `${safeJson(JSON.stringify({ '@context': SPDX_CONTEXT, '@graph': graph }, null, 2))}\n`;
}

/** A component, resource or entity as a package; depmap's fields as `depmap:` entries. */
function applicationPackage(node: GraphNode, id: string): Element {
  const element: Element = {
    type: 'software_Package',
    spdxId: id,
    name: node.id,
    creationInfo: CREATION_INFO,
    software_primaryPurpose: node.type === 'entity' ? 'other' : 'application',
  };
  if (node.description) element.description = node.description;
  const entries: Entry[] = [
    [PROP.type, node.type],
    [PROP.kind, node.kind],
  ];
  if (node.system) entries.push([PROP.system, node.system]);
  if (node.owner) entries.push([PROP.owner, node.owner]);
  for (const provided of node.provides ?? []) {
    const value: ProvidesProperty = { api: provided.api, protocol: provided.protocol, version: provided.version };
    entries.push([PROP.provides, JSON.stringify(value)]);
  }
  if (node.discovered) entries.push([PROP.discovered, 'true']);
  if (node.unresolved) entries.push([PROP.unresolved, 'true']);
  return withProperties(element, entries, node.properties);
}

/** A library version as a package; the purl carries the version only when it is an exact one. */
function libraryPackage(lib: LibraryVersion): Element {
  const parsed = PackageURL.fromString(lib.node.id);
  const purl = new PackageURL(
    parsed.type,
    parsed.namespace,
    parsed.name,
    lib.exact ? lib.version : undefined,
    parsed.qualifiers,
    parsed.subpath,
  ).toString();
  const element: Element = {
    type: 'software_Package',
    spdxId: lib.id!,
    name: lib.node.name ?? (parsed.namespace ? `${parsed.namespace}/${parsed.name}` : parsed.name),
    creationInfo: CREATION_INFO,
  };
  if (lib.version !== undefined) element.software_packageVersion = lib.version;
  element.software_packageUrl = purl;
  element.software_primaryPurpose = 'library';
  const entries: Entry[] = [];
  if (!lib.exact && lib.version !== undefined) entries.push([PROP.pinned, 'false']);
  return withProperties(element, entries, lib.node.properties);
}

/**
 * Adds the entries and the properties of a node or an edge: `spdx:` ones to their SPDX field,
 * `spdx:property:<name>` as the entry `<name>` it came from, every other one as an entry named
 * after its key. No extension at all when there is nothing to say (SPDX wants at least one entry).
 */
function withProperties(
  element: Element,
  entries: Entry[],
  properties: Properties | undefined,
  skip: string[] = [],
): Element {
  const all = [...entries];
  for (const [key, value] of Object.entries(properties ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (key === SPDX_ID || skip.includes(key)) continue;
    const field = (SPDX_FIELDS as Record<string, string>)[key];
    if (field !== undefined && nativeFits(field, value)) {
      element[field] = value;
      continue;
    }
    const rest = key.startsWith(SPDX_PROPERTY_PREFIX) ? key.slice(SPDX_PROPERTY_PREFIX.length) : undefined;
    all.push([rest !== undefined && rest !== '' && !rest.includes(':') ? rest : key, value]);
  }
  if (all.length > 0)
    element.extension = [
      {
        type: 'extension_CdxPropertiesExtension',
        extension_cdxProperty: all.map(([name, value]) => ({
          type: 'extension_CdxPropertyEntry',
          extension_cdxPropName: name,
          extension_cdxPropValue: value,
        })),
      },
    ];
  return element;
}

/** A field the schema constrains takes only a value it allows; anything else stays an entry. */
function nativeFits(field: string, value: string): boolean {
  return field !== 'software_primaryPurpose' || SOFTWARE_PURPOSES.has(value);
}

const versionOf = (edge: GraphEdge): string | undefined =>
  edge.version !== undefined && edge.pin.pinned ? unwrapPin(edge.version) : edge.version;
const libraryRef = (purl: string, version: string | undefined): string =>
  version === undefined ? purl : `${purl}@${version}`;

/** Every library version in use, as the CycloneDX export counts them: one package per purl and version. */
function libraryVersions(uses: GraphEdge[], libraries: Map<string, GraphNode>): Map<string, LibraryVersion> {
  const versions = new Map<string, LibraryVersion>();
  for (const edge of uses) {
    const node = libraries.get(edge.target);
    if (!node) continue;
    const version = versionOf(edge);
    const ref = libraryRef(edge.target, version);
    const entry = versions.get(ref) ?? { node, ...(version !== undefined ? { version } : {}), exact: false };
    if (version !== undefined && edge.pin.pinned) entry.exact = true;
    versions.set(ref, entry);
  }
  return versions;
}
