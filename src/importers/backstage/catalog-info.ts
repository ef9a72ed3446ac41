/**
 * Backstage catalog files (catalog-info.yaml and friends): every entity kind of the catalog
 * model becomes a node of depmap's graph, and every relation a call, an owner, a system or a
 * property (entity-node.ts, relations.ts); `Location` entities are followed to their other
 * catalog files inside the repo (read-entities.ts). An API's version comes from its definition
 * (api-info.ts); Backstage itself does not version APIs.
 *
 * Which node an entity becomes:
 * - Component → component; Resource → resource (with owner and system);
 * - API → the `provides` of the components that provide it, and an `entity` node `api:<name>`
 *   only when no component of the catalog provides it (a consumer then calls that node);
 * - System, Domain, Group, User, custom kinds (AiResource, …) → `entity` nodes;
 * - an entity depmap's own export wrote only because something refers to it
 *   (`depmap.dev/derived`) → no node, unless it has been given information of its own.
 */
import { asArray, asString } from '../util/located.js';
import { checkPin } from '../../manifest/pin/index.js';
import type { VersionSyntax } from '../../manifest/types.js';
import {
  emptyResult,
  type DiscoveredComponent,
  type DiscoveredEdge,
  type ImportContext,
  type ImportResult,
  type ImportedLibrary,
  type LibraryScope,
} from '../types.js';
import { defineImporter } from '../define-importer.js';
import { apiInfo, type ApiInfo } from './api-info.js';
import { ANNOTATION, type CallEntry, type LibraryEntry } from './catalog-fields.js';
import { readCalls, readLibraries } from './depmap-annotations.js';
import { DEFAULT_KIND, flatName, parseEntityRef, refKey, type EntityRef } from './entity-ref.js';
import { annotationsOf, depmapName, entityNode, nodeId, ownInformation, type NodeType } from './entity-node.js';
import { locate, readEntities, type Entity } from './read-entities.js';
import { mergeCalls, refineCalls, relationEdges, type Catalog } from './relations.js';

function isCatalogFile(file: string): boolean {
  return (
    /^catalog-info(\.[\w-]+)?\.ya?ml$/.test(file.slice(file.lastIndexOf('/') + 1)) ||
    /(^|\/)\.?backstage\/.*\.ya?ml$/.test(file)
  );
}

export const backstageImporter = defineImporter({
  id: 'backstage',
  files: '`catalog-info.yaml` (Backstage)',
  description:
    'every entity kind (Component, Resource, API, System, Domain, Group, User, custom kinds) and relation; Locations inside the repo; refs resolved as Backstage does',
  provides: 'services',
  matches: isCatalogFile,
  sniff: { ext: /\.ya?ml$/i, test: (head) => /^apiVersion:\s*['"]?backstage\.io\//m.test(head) },
  parse(text, ctx) {
    const result = emptyResult();
    build(readEntities(text, ctx, result.problems), ctx, result);
    return result;
  },
});

function build(entities: Entity[], ctx: ImportContext, result: ImportResult): void {
  const byRef = new Map<string, Entity>();
  for (const entity of entities) {
    const key = refKey(entity);
    const first = byRef.get(key);
    if (first) {
      locate(result.problems, entity, entity.doc.lineOf('metadata', 'name'), {
        message: `${entity.kindAsWritten} ${entity.namespace}/${entity.name} is declared twice (first in ${first.file}); the first is kept`,
        severity: 'warning',
      });
      continue;
    }
    byRef.set(key, entity);
  }
  const unique = [...byRef.values()];

  const infos = new Map<string, ApiInfo>();
  const infoOf = (ref: EntityRef): ApiInfo => {
    const key = refKey(ref);
    let info = infos.get(key);
    if (!info) {
      info = apiInfo(byRef.get(key), ctx);
      infos.set(key, info);
    }
    return info;
  };
  const apiName = (ref: EntityRef) => {
    const api = byRef.get(refKey(ref));
    return api ? depmapName(api) : ref.name;
  };

  // Which component provides each API, so a consumer's call goes to the provider.
  const providerOf = new Map<string, string>();
  for (const entity of unique) {
    if (entity.kind !== 'component') continue;
    for (const ref of asArray(entity.spec.providesApis)) {
      const parsed =
        typeof ref === 'string' ? parseEntityRef(ref, DEFAULT_KIND.providesApis, entity.namespace) : undefined;
      if (parsed && !providerOf.has(refKey(parsed))) providerOf.set(refKey(parsed), nodeId(entity, 'component'));
    }
  }

  const typeOf = (entity: Entity): NodeType | undefined => {
    const annotations = annotationsOf(entity);
    if (asString(annotations[ANNOTATION.derived]) === 'true' && !ownInformation(entity)) return undefined;
    if (entity.kind === 'component') return 'component';
    if (entity.kind === 'resource') return 'resource';
    if (entity.kind === 'api' && providerOf.has(refKey(entity))) return undefined;
    return 'entity';
  };
  const systemName = (ref: EntityRef) => {
    const system = byRef.get(refKey(ref));
    return flatName({ namespace: ref.namespace, name: system ? depmapName(system) : ref.name });
  };
  const nodeOf: Catalog['nodeOf'] = new Map();
  const nodes: { entity: Entity; node: DiscoveredComponent }[] = [];
  for (const entity of unique) {
    const type = typeOf(entity);
    if (!type) continue;
    const node = entityNode(entity, type, systemName, result.problems);
    nodeOf.set(refKey(entity), { id: node.name, type, kind: node.kind });
    nodes.push({ entity, node });
  }

  const catalog: Catalog = { byRef, nodeOf, providerOf, apiName, apiInfo: infoOf };
  const edges: DiscoveredEdge[] = [];
  const entries = new Map<string, CallEntry[]>();
  for (const { entity, node } of nodes) {
    if (entity.kind === 'component') {
      const provides = asArray(entity.spec.providesApis)
        .map((ref) =>
          typeof ref === 'string' ? parseEntityRef(ref, DEFAULT_KIND.providesApis, entity.namespace) : undefined,
        )
        .filter((ref): ref is EntityRef => ref !== undefined)
        .map((ref) => ({ api: apiName(ref), protocol: infoOf(ref).protocol, version: infoOf(ref).version ?? '' }));
      if (provides.length > 0) node.provides = provides;
    }
    const properties: Record<string, string> = {};
    edges.push(...relationEdges(entity, node.name, catalog, result.problems, properties));
    if (Object.keys(properties).length > 0) node.properties = { ...node.properties, ...properties };
    const annotations = annotationsOf(entity);
    const calls = asString(annotations[ANNOTATION.calls]);
    if (calls !== undefined) {
      const read = readCalls(calls);
      if (read.error) warnAnnotation(result, entity, ANNOTATION.calls, read.error);
      entries.set(node.name, read.calls);
    }
    const libraries = asString(annotations[ANNOTATION.libraries]);
    if (libraries !== undefined && entity.kind === 'component') {
      const read = readLibraries(libraries);
      if (read.error) warnAnnotation(result, entity, ANNOTATION.libraries, read.error);
      result.libraries.push(...read.libraries.map((entry) => libraryOf(entry, node.name)));
    }
  }
  inheritSystems(nodes, nodeOf);
  result.edges.push(...refineCalls(mergeCalls(edges), entries));
  result.components.push(...nodes.map(({ node }) => node));
}

function warnAnnotation(result: ImportResult, entity: Entity, key: string, error: string): void {
  locate(result.problems, entity, entity.doc.lineOf('metadata', 'annotations', key), {
    message: `${entity.name}: ${key} is not read: ${error}`,
    severity: 'warning',
  });
}

/** A subcomponent with no system of its own is part of its parent's (Backstage's partOf through `subcomponentOf`). */
function inheritSystems(nodes: { entity: Entity; node: DiscoveredComponent }[], nodeOf: Catalog['nodeOf']): void {
  const byId = new Map(nodes.map((n) => [n.node.name, n]));
  const parentOf = (entity: Entity) => {
    const ref = asString(entity.spec.subcomponentOf);
    const parsed = ref ? parseEntityRef(ref, DEFAULT_KIND.subcomponentOf, entity.namespace) : undefined;
    const id = parsed ? nodeOf.get(refKey(parsed))?.id : undefined;
    return id === undefined ? undefined : byId.get(id);
  };
  for (const { entity, node } of nodes) {
    if (node.system !== undefined || entity.kind !== 'component') continue;
    // Up the chain of parents to the first with a system; a loop of subcomponents ends it.
    const seen = new Set<Entity>([entity]);
    for (let parent = parentOf(entity); parent && !seen.has(parent.entity); parent = parentOf(parent.entity)) {
      if (parent.node.system !== undefined) {
        node.system = parent.node.system;
        break;
      }
      seen.add(parent.entity);
    }
  }
}

const SYNTAXES: readonly VersionSyntax[] = ['native', 'purl', 'resolved'];
const SCOPES: ReadonlySet<string> = new Set(['runtime', 'dev', 'test', 'optional', 'peer', 'build']);

/**
 * A library of `depmap.dev/libraries`. The graph keeps a use's pin verdict, not how its version
 * was written: the syntax is the first that gives the verdict back.
 */
function libraryOf(entry: LibraryEntry, user: string): ImportedLibrary {
  const pinned = entry.pinned ?? true;
  const syntax =
    SYNTAXES.find((s) => checkPin(entry.ecosystem, entry.version, { syntax: s, name: entry.name }).pinned === pinned) ??
    'native';
  const library: ImportedLibrary = { ecosystem: entry.ecosystem, name: entry.name, syntax, usedBy: [user] };
  if (entry.version !== undefined) library.version = entry.version;
  if (entry.scope !== undefined && SCOPES.has(entry.scope)) library.scope = entry.scope as LibraryScope;
  if (entry.transitive) library.transitive = true;
  if (entry.properties) library.properties = { ...entry.properties };
  return library;
}
