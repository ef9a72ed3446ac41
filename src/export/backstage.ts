/**
 * The graph as Backstage catalog entities, one YAML document each: a System per system, a
 * Component per component (with providesApis, consumesApis and dependsOn), an API per
 * provided API, a Resource per database, queue, external service… Backstage does not version
 * APIs, so each API's definition is a minimal OpenAPI/AsyncAPI/GraphQL/proto document that
 * carries the version, and `depmap.dev/version` and `depmap.dev/protocol` annotations say it
 * plainly; depmap's Backstage importer reads them back. Libraries are not catalog entities.
 */
import { stringify } from 'yaml';
import type { GraphEdge, GraphNode, ProvidedApi, Snapshot } from '../graph/types.js';
import { backstageName, backstageOwner, backstageTag } from './backstage-name.js';
import { graphParts, type ExportOptions } from './graph-parts.js';

type Entity = Record<string, unknown>;

const API_VERSION = 'backstage.io/v1alpha1';
const ASYNC_PROTOCOLS = new Set(['kafka', 'amqp', 'mqtt', 'nats', 'sqs', 'sns', 'pubsub']);

export function toBackstage(snapshot: Snapshot, options: ExportOptions = {}): string {
  const parts = graphParts(snapshot);
  const defaultOwner = backstageOwner(options.defaultOwner ?? 'unknown') ?? 'unknown';
  const entities: Entity[] = [];
  /** spec.owner as a reference Backstage resolves; a free-form owner is kept in an annotation. */
  const own = (entity: Entity, owner: string | undefined): Entity => {
    const ref = owner === undefined ? defaultOwner : (backstageOwner(owner) ?? defaultOwner);
    (entity.spec as Record<string, unknown>).owner = ref;
    if (owner !== undefined && ref !== owner)
      annotate(entity.metadata as Record<string, unknown>, { 'depmap.dev/owner': owner });
    return entity;
  };

  const systems = new Map<string, string[]>();
  for (const node of parts.components) {
    if (!node.system) continue;
    const owners = systems.get(node.system) ?? [];
    if (node.owner) owners.push(node.owner);
    systems.set(node.system, owners);
  }
  for (const [system, owners] of [...systems].sort(([a], [b]) => (a < b ? -1 : 1))) {
    entities.push(
      own(
        {
          apiVersion: API_VERSION,
          kind: 'System',
          metadata: metadata(system, `The ${system} system, as mapped by depmap`),
          spec: {},
        },
        mostCommon(owners),
      ),
    );
  }

  const providedBy = new Map<string, { node: GraphNode; api: ProvidedApi }>();
  for (const node of parts.components)
    for (const api of node.provides ?? []) if (!providedBy.has(api.api)) providedBy.set(api.api, { node, api });

  for (const node of parts.components) {
    const calls = parts.calls.filter((e) => e.source === node.id);
    const spec: Record<string, unknown> = {
      type: componentType(node.kind),
      lifecycle: 'production',
      owner: defaultOwner,
    };
    if (node.system) spec.system = backstageName(node.system);
    const provides = unique((node.provides ?? []).map((p) => `api:${backstageName(p.api)}`));
    if (provides.length > 0) spec.providesApis = provides;
    // An API no component here provides would be a dangling ref: such a call is a plain dependsOn.
    const consumes = unique(
      calls.filter((e) => e.api && providedBy.has(e.api)).map((e) => `api:${backstageName(e.api!)}`),
    );
    if (consumes.length > 0) spec.consumesApis = consumes;
    const dependsOn = unique(
      calls.filter((e) => !e.api || !providedBy.has(e.api)).map((e) => refTo(e, parts.node(e.target))),
    );
    if (dependsOn.length > 0) spec.dependsOn = dependsOn;
    entities.push(
      own(
        { apiVersion: API_VERSION, kind: 'Component', metadata: metadata(node.id, node.description, node), spec },
        node.owner,
      ),
    );
  }

  for (const [name, { node, api }] of [...providedBy].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const spec: Record<string, unknown> = { type: apiType(api.protocol), lifecycle: 'production', owner: defaultOwner };
    if (node.system) spec.system = backstageName(node.system);
    spec.definition = definitionOf(name, api);
    const meta = metadata(name, `${name} ${api.version} (${api.protocol}), provided by ${node.id}`);
    annotate(meta, { 'depmap.dev/version': api.version, 'depmap.dev/protocol': api.protocol });
    entities.push(own({ apiVersion: API_VERSION, kind: 'API', metadata: meta, spec }, node.owner));
  }

  for (const node of parts.resources) {
    const callers = parts.calls.filter((e) => e.target === node.id);
    const callerSystems = unique(
      callers.map((e) => parts.node(e.source)?.system).filter((s): s is string => s !== undefined),
    );
    const spec: Record<string, unknown> = { type: node.kind, owner: defaultOwner };
    // A resource used by one system belongs to it in the catalog's view.
    if (callerSystems.length === 1) spec.system = backstageName(callerSystems[0]!);
    const url = callers.find((e) => e.url)?.url;
    const meta = metadata(node.id, node.description, node);
    if (url) meta.links = [{ url, title: node.id }];
    const image = callers.find((e) => e.image)?.image;
    if (image) annotate(meta, { 'depmap.dev/image': image });
    entities.push({ apiVersion: API_VERSION, kind: 'Resource', metadata: meta, spec });
  }

  return entities.map((entity) => stringify(entity, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}

function metadata(name: string, description: string | undefined, node?: GraphNode): Record<string, unknown> {
  const meta: Record<string, unknown> = { name: backstageName(name) };
  if (description) meta.description = description;
  const annotations: Record<string, string> = {};
  if (backstageName(name) !== name) annotations['depmap.dev/name'] = name;
  if (node?.declared)
    annotations['depmap.dev/declared-in'] = `${node.declared.repo}/${node.declared.file}:${node.declared.line}`;
  if (node?.discovered) annotations['depmap.dev/discovered'] = 'true';
  if (Object.keys(annotations).length > 0) meta.annotations = annotations;
  const tags = unique((node?.tags ?? []).map(backstageTag).filter((t): t is string => t !== undefined));
  if (tags.length > 0) meta.tags = tags;
  return meta;
}

/** Adds annotations after those the metadata already has. */
function annotate(meta: Record<string, unknown>, annotations: Record<string, string>): void {
  meta.annotations = { ...(meta.annotations as Record<string, string> | undefined), ...annotations };
}

function refTo(edge: GraphEdge, target: GraphNode | undefined): string {
  const kind = target?.type === 'component' ? 'component' : 'resource';
  return `${kind}:${backstageName(edge.target)}`;
}

function componentType(kind: string): string {
  return kind === 'frontend' ? 'website' : kind;
}

function apiType(protocol: string): string {
  if (protocol === 'http') return 'openapi';
  if (protocol === 'grpc') return 'grpc';
  if (protocol === 'graphql') return 'graphql';
  if (ASYNC_PROTOCOLS.has(protocol)) return 'asyncapi';
  return protocol;
}

/** A minimal definition in the API's own format whose only content is its name and version. */
function definitionOf(name: string, api: ProvidedApi): string {
  const title = JSON.stringify(name);
  const version = JSON.stringify(api.version);
  switch (apiType(api.protocol)) {
    case 'openapi':
      return `openapi: 3.0.3\ninfo:\n  title: ${title}\n  version: ${version}\n  description: Generated by depmap; replace with the real definition.\npaths: {}\n`;
    case 'asyncapi':
      return `asyncapi: 2.6.0\ninfo:\n  title: ${title}\n  version: ${version}\n  description: Generated by depmap; replace with the real definition.\nchannels: {}\n`;
    case 'graphql':
      return `# ${name} ${api.version}: generated by depmap; replace with the real schema.\ntype Query {\n  _version: String\n}\n`;
    case 'grpc':
      return `// ${name} ${api.version}: generated by depmap; replace with the real definition.\nsyntax = "proto3";\n`;
    default:
      return `${name} ${api.version} (${api.protocol}): generated by depmap\n`;
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}
