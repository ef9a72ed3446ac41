/**
 * The parts of a Backstage entity that export/backstage.ts assembles: where a node sits in the
 * catalog, the fields Backstage requires, the `depmap.dev/calls` and `depmap.dev/libraries`
 * entries, an API's minimal definition, and small helpers for JSON-valued properties.
 */
import type { GraphEdge, GraphNode, ProvidedApi } from '../graph/types.js';
import { PROP, kindSpelling, type CallEntry, type LibraryEntry } from '../importers/backstage/catalog-fields.js';
import { backstageName, backstageNamespace } from './backstage-name.js';

export type Entity = { apiVersion: string; kind: string; metadata: Metadata; spec: Spec };
export type Metadata = Record<string, unknown> & { name: string; annotations?: Record<string, string> };
export type Spec = Record<string, unknown>;

const ASYNC_PROTOCOLS = new Set(['kafka', 'amqp', 'mqtt', 'nats', 'sqs', 'sns', 'pubsub']);

/** Where a node sits in the catalog: its kind, namespace and (fitted) name. */
export interface Place {
  kind: string;
  namespace: string;
  name: string;
  /** The depmap name, when the fitted one differs. */
  original?: string;
}

/** A node's kind, namespace and name in the catalog. */
export function placeNode(node: GraphNode): Place {
  const props = node.properties ?? {};
  let kind: string;
  let namespace = 'default';
  let name = node.id;
  if (node.type === 'entity') {
    kind = props[PROP.kind] ?? kindSpelling(node.kind);
    const rest = node.id.toLowerCase().startsWith(`${node.kind}:`) ? node.id.slice(node.kind.length + 1) : node.id;
    const slash = rest.indexOf('/');
    const spaced = slash > 0 ? backstageNamespace(rest.slice(0, slash)) : undefined;
    if (spaced !== undefined) {
      namespace = spaced;
      name = rest.slice(slash + 1);
    } else {
      name = rest;
    }
  } else {
    kind = node.type === 'component' ? 'Component' : 'Resource';
    namespace = backstageNamespace(props[PROP.namespace] ?? 'default') ?? 'default';
  }
  const fitted = backstageName(name);
  return fitted === name ? { kind, namespace, name } : { kind, namespace, name: fitted, original: name };
}

/** A depmap system (`name`, or `namespace/name` outside the default namespace) as a System's place. */
export function systemPlace(system: string): Place {
  const slash = system.indexOf('/');
  const namespace = slash > 0 ? backstageNamespace(system.slice(0, slash)) : undefined;
  const name = namespace === undefined ? system : system.slice(slash + 1);
  const fitted = backstageName(name);
  const place: Place = { kind: 'System', namespace: namespace ?? 'default', name: fitted };
  // The importer reads a System's depmap name back through this annotation.
  if (fitted !== name) place.original = name;
  return place;
}

/** What Backstage requires of an entity kind and the graph may not say (an entity node from another format). */
export function fillRequired(entity: Entity, kind: string, derived: string[]): void {
  const spec = entity.spec;
  const fill = (field: string, value: unknown) => {
    if (spec[field] !== undefined) return;
    spec[field] = value;
    derived.push(field);
  };
  if (kind === 'api') {
    fill('type', 'openapi');
    fill('lifecycle', 'production');
    if (spec.type !== 'mcp-server') fill('definition', 'No definition was imported; written by depmap.\n');
  } else if (kind === 'group') {
    fill('type', 'team');
    fill('children', []);
  } else if (kind === 'user') {
    fill('memberOf', []);
  }
}

/** One `depmap.dev/calls` entry: what the relation cannot say, when the call has any of it. */
export function callEntry(call: GraphEdge, only: boolean): CallEntry | undefined {
  const entry: CallEntry = { target: call.target };
  if (call.api !== undefined) entry.api = call.api;
  if (call.protocol !== undefined) entry.protocol = call.protocol;
  if (call.version !== undefined) entry.version = call.version;
  if (call.critical) entry.critical = true;
  if (call.properties !== undefined && Object.keys(call.properties).length > 0)
    entry.properties = { ...call.properties };
  if (only) entry.only = true;
  return Object.keys(entry).length > 1 ? entry : undefined;
}

export function libraryEntry(use: GraphEdge, library: GraphNode | undefined): LibraryEntry {
  const entry: LibraryEntry = {
    ecosystem: library?.ecosystem ?? library?.kind ?? use.target.replace(/^pkg:([^/]+)\/.*$/, '$1'),
    name: library?.name ?? use.target,
  };
  if (use.version !== undefined) entry.version = use.version;
  if (use.scope !== undefined) entry.scope = use.scope;
  if (!use.pin.pinned) entry.pinned = false;
  if (use.transitive) entry.transitive = true;
  if (library?.properties !== undefined && Object.keys(library.properties).length > 0)
    entry.properties = { ...library.properties };
  return entry;
}

/** The spec in the order people write it: type, lifecycle, owner, system, then the rest. */
export function reorder(entity: Entity): Entity {
  const first = ['type', 'lifecycle', 'owner', 'system'];
  const spec: Spec = {};
  for (const key of first) if (entity.spec[key] !== undefined) spec[key] = entity.spec[key];
  for (const [key, value] of Object.entries(entity.spec)) if (!first.includes(key)) define(spec, key, value);
  return { ...entity, spec };
}

/** Adds annotations after those the metadata already has. */
export function annotate(meta: Metadata, annotations: Record<string, string>): void {
  meta.annotations = { ...meta.annotations, ...annotations };
}

export function parsed(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}

/** The entries of a JSON object property (none when it is not one). */
export function entriesOf(json: string | undefined): [string, unknown][] {
  const value = json === undefined ? undefined : parsed(json);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value);
}

/** Sets an own property even when the key is `__proto__` (keys come from imported files): never a prototype. */
export function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function stringsOf(json: string | undefined): string[] {
  const value = json === undefined ? undefined : parsed(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function apiType(protocol: string): string {
  if (protocol === 'http') return 'openapi';
  if (protocol === 'grpc') return 'grpc';
  if (protocol === 'graphql') return 'graphql';
  if (ASYNC_PROTOCOLS.has(protocol)) return 'asyncapi';
  return protocol;
}

/** A minimal definition in the API's own format whose only content is its name and version. */
export function definitionOf(name: string, api: ProvidedApi): string {
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

export function groupBy<T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const group = groups.get(key(value));
    if (group) group.push(value);
    else groups.set(key(value), [value]);
  }
  return groups;
}

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

export function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}
