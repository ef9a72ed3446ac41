/**
 * The graph as Backstage catalog entities, one YAML document each, that depmap's Backstage
 * importer reads back into the same graph (test/interop/backstage.test.ts):
 *
 * - a Component per component (providesApis, consumesApis, dependsOn), a Resource per
 *   resource (dependsOn), and each `entity` node as its own kind (API, System, Domain, Group,
 *   User, AiResource, …), with its `backstage:*` properties written back as the native fields
 *   and every other property in the `depmap.dev/properties` annotation (JSON);
 * - an API per provided API, a System per system and a Group (or User) per owner that no node
 *   of the graph stands for, so every ref resolves in a real catalog. They are marked
 *   `depmap.dev/derived: "true"` and do not come back as nodes;
 * - what a relation cannot say (a call's version, protocol, criticality, properties) in a
 *   `depmap.dev/calls` annotation on the caller; Backstage does not version APIs, so each
 *   provided API's definition is a minimal document that carries the version, and
 *   `depmap.dev/version`/`depmap.dev/protocol` say it plainly;
 * - libraries in a `depmap.dev/libraries` annotation (JSON) on the component that uses them,
 *   not as entities: Backstage's model has no kind for a third-party package (a Resource is
 *   infrastructure, a `library` Component is one the organisation owns and ships, with an
 *   owner and lifecycle depmap does not know), thousands of them would bury the catalog, and
 *   the version belongs to each use, which no relation can carry;
 * - fields Backstage requires and the graph does not have (an owner, a lifecycle, a
 *   resource's system taken from its callers) are filled in and listed in
 *   `depmap.dev/derived-fields`, so the import leaves them out again.
 */
import { stringify } from 'yaml';
import type { GraphNode, ProvidedApi, Snapshot } from '../graph/types.js';
import {
  ANNOTATION,
  API_VERSION,
  NAMED_METADATA,
  NAMED_SPEC,
  PROP,
  typeOfKind,
  type CallEntry,
} from '../importers/backstage/catalog-fields.js';
import { ownerName, parseEntityRef, refKey } from '../importers/backstage/entity-ref.js';
import { backstageName, backstageOwner, backstageTag } from './backstage-name.js';
import {
  annotate,
  apiType,
  asList,
  callEntry,
  define,
  definitionOf,
  entriesOf,
  fillRequired,
  groupBy,
  libraryEntry,
  mostCommon,
  parsed,
  placeNode,
  reorder,
  stringsOf,
  systemPlace,
  unique,
  type Entity,
  type Metadata,
  type Place,
  type Spec,
} from './backstage-entity.js';
import { graphParts, type ExportOptions } from './graph-parts.js';

/** Kinds that have no owner; every other kind requires one. */
const OWNERLESS = new Set(['group', 'user', 'location']);
/** backstage:* properties written as native fields; every other property goes to `depmap.dev/properties`. */
const NATIVE = new Set<string>([
  ...NAMED_METADATA.map(([, key]) => key),
  ...NAMED_SPEC.map(([, key]) => key),
  ...Object.values(PROP),
]);

export function toBackstage(snapshot: Snapshot, options: ExportOptions = {}): string {
  const parts = graphParts(snapshot);
  const entityNodes = snapshot.nodes.filter((n) => n.type === 'entity');
  const places = new Map<string, Place>();
  const placeOf = (node: GraphNode): Place => {
    let place = places.get(node.id);
    if (!place) {
      place = placeNode(node);
      places.set(node.id, place);
    }
    return place;
  };
  const nodeIds = new Set(entityNodes.map((n) => n.id.toLowerCase()));
  const defaultOwner = backstageOwner(options.defaultOwner ?? 'unknown') ?? 'unknown';

  // Every entity that refers to a group, user or system, so each gets an entity to resolve to.
  const ownerRefs = new Map<string, { kind: string; namespace: string; name: string }>();
  const systemOwners = new Map<string, string[]>();

  /** spec.owner as a reference Backstage resolves in the entity's namespace; a free-form owner is kept in an annotation. */
  const own = (entity: Entity, owner: string | undefined, namespace: string, derived: string[]): void => {
    const fitted = owner === undefined ? undefined : backstageOwner(owner);
    let ref = fitted ?? defaultOwner;
    if (owner === undefined) derived.push('owner');
    if (namespace !== 'default' && !ref.includes('/')) ref = ref.replace(/^((?:group|user):)?/i, '$1default/');
    entity.spec.owner = ref;
    // Kept when the importer would read the ref back as another owner (free text, `group:` spelled out).
    if (owner !== undefined && ownerName(ref, namespace) !== owner)
      annotate(entity.metadata, { [ANNOTATION.owner]: owner });
    const parsed = parseEntityRef(ref, 'group', namespace);
    if (parsed) ownerRefs.set(refKey(parsed), parsed);
  };
  /** spec.system as a reference in the entity's namespace. */
  const partOf = (entity: Entity, system: string, namespace: string, owner: string | undefined): void => {
    const place = systemPlace(system);
    entity.spec.system =
      place.namespace === 'default' && namespace === 'default' ? place.name : `${place.namespace}/${place.name}`;
    const owners = systemOwners.get(system) ?? [];
    if (owner !== undefined) owners.push(owner);
    systemOwners.set(system, owners);
  };
  /** A reference to a node from an entity in `namespace`. */
  const refTo = (node: GraphNode, namespace: string): string => {
    const place = placeOf(node);
    const spelled = place.namespace === 'default' && namespace === 'default' ? '' : `${place.namespace}/`;
    return `${place.kind.toLowerCase()}:${spelled}${place.name}`;
  };

  const providedBy = new Map<string, { node: GraphNode; api: ProvidedApi }>();
  for (const node of parts.components)
    for (const api of node.provides ?? []) if (!providedBy.has(api.api)) providedBy.set(api.api, { node, api });
  /** An API entity node stands for the API of that name; otherwise depmap writes one for a provided API. */
  const apiNode = new Map(
    entityNodes.filter((n) => n.kind === 'api').map((n) => [placeOf(n).original ?? placeOf(n).name, n]),
  );
  const apiRef = (api: string, namespace: string): string => {
    const node = apiNode.get(api);
    if (node) return refTo(node, namespace);
    const provider = providedBy.get(api)?.node;
    const providerNamespace = provider ? placeOf(provider).namespace : 'default';
    const spelled = providerNamespace === 'default' && namespace === 'default' ? '' : `${providerNamespace}/`;
    return `api:${spelled}${backstageName(api)}`;
  };

  // Calls: each as a relation of its caller (or, from an entity, a dependencyOf of its target).
  const relations = new Map<string, Record<string, string[]>>();
  const relate = (id: string, field: string, ref: string) => {
    const fields = relations.get(id) ?? {};
    const list = (fields[field] ??= []);
    if (!list.includes(ref)) list.push(ref);
    relations.set(id, fields);
  };
  const callEntries = new Map<string, CallEntry[]>();
  for (const call of parts.calls) {
    const source = parts.node(call.source);
    const target = parts.node(call.target);
    if (!source || !target || target.type === 'library' || source.type === 'library') continue;
    const from = placeOf(source);
    let only = false;
    // consumesApis resolves to the API's provider: only a call to that provider (or to the API's own node) is one.
    const consumed =
      call.api !== undefined &&
      (apiNode.get(call.api) === target || (!apiNode.has(call.api) && providedBy.get(call.api)?.node === target));
    if (source.type === 'component' && consumed) {
      relate(source.id, 'consumesApis', apiRef(call.api as string, from.namespace));
    } else if (source.type === 'component' || source.type === 'resource') {
      relate(source.id, 'dependsOn', refTo(target, from.namespace));
    } else if (target.type === 'component' || target.type === 'resource') {
      relate(target.id, 'dependencyOf', refTo(source, placeOf(target).namespace));
    } else {
      only = true; // between two entities: no relation field can carry it
    }
    const entry = callEntry(call, only);
    if (entry) {
      const list = callEntries.get(source.id);
      if (list) list.push(entry);
      else callEntries.set(source.id, [entry]);
    }
  }

  const usesOf = groupBy(parts.uses, (e) => e.source);
  const callersOf = groupBy(parts.calls, (e) => e.target);
  const entities: Entity[] = [];
  /** The parts every node's entity has: metadata, properties, native fields, relations, calls. */
  const base = (node: GraphNode): { entity: Entity; derived: string[] } => {
    const place = placeOf(node);
    const props = node.properties ?? {};
    const metadata: Metadata = { name: place.name };
    if (place.namespace !== 'default') metadata.namespace = place.namespace;
    for (const [field, key, encoding] of NAMED_METADATA) {
      const value = props[key];
      if (value !== undefined) metadata[field] = encoding === 'json' ? parsed(value) : value;
    }
    if (node.description) metadata.description = node.description;
    const annotations: Record<string, string> = {};
    for (const [key, value] of entriesOf(props[PROP.annotations]))
      if (typeof value === 'string') define(annotations, key, value);
    if (place.original !== undefined) annotations[ANNOTATION.name] = place.original;
    if (node.declared && node.type === 'component')
      annotations[ANNOTATION.declaredIn] = `${node.declared.repo}/${node.declared.file}:${node.declared.line}`;
    if (node.discovered) annotations[ANNOTATION.discovered] = 'true';
    const foreign = Object.entries(props)
      .filter(([key]) => !NATIVE.has(key))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (foreign.length > 0) annotations[ANNOTATION.properties] = JSON.stringify(Object.fromEntries(foreign));
    const entries = callEntries.get(node.id);
    if (entries) annotations[ANNOTATION.calls] = JSON.stringify(entries);
    if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
    const tags = node.type === 'component' ? (node.tags ?? []) : stringsOf(props[PROP.tags]);
    const fitted = unique(tags.map(backstageTag).filter((t): t is string => t !== undefined));
    if (fitted.length > 0) metadata.tags = fitted;

    const spec: Spec = {};
    const type =
      props[PROP.type] ?? (node.type === 'entity' ? undefined : typeOfKind(node.type as 'component', node.kind));
    if (type !== undefined) spec.type = type;
    for (const [field, key, encoding] of NAMED_SPEC) {
      const value = props[key];
      if (value !== undefined) spec[field] = encoding === 'json' ? parsed(value) : value;
    }
    for (const [field, value] of entriesOf(props[PROP.spec]))
      if (!Object.hasOwn(spec, field)) define(spec, field, value);
    const entity: Entity = {
      apiVersion: props[PROP.apiVersion] ?? API_VERSION,
      kind: place.kind,
      metadata,
      spec,
    };
    const derived: string[] = [];
    if (!OWNERLESS.has(node.type === 'entity' ? node.kind : node.type))
      own(entity, node.owner, place.namespace, derived);
    if (node.system !== undefined) partOf(entity, node.system, place.namespace, node.owner);
    for (const [field, refs] of Object.entries(relations.get(node.id) ?? {}))
      spec[field] = [...asList(spec[field]), ...refs];
    const unresolvedSources = stringsOf(props[PROP.dependencyOf]);
    if (unresolvedSources.length > 0) spec.dependencyOf = unique([...asList(spec.dependencyOf), ...unresolvedSources]);
    return { entity, derived };
  };
  const finish = (entity: Entity, derived: string[]): Entity => {
    if (derived.length > 0) annotate(entity.metadata, { [ANNOTATION.derivedFields]: derived.join(',') });
    return entity;
  };

  const byName = (a: GraphNode, b: GraphNode) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const written: Entity[] = [];
  for (const node of [...entityNodes].sort(byName)) {
    const { entity, derived } = base(node);
    fillRequired(entity, node.kind, derived);
    written.push(finish(reorder(entity), derived));
  }
  for (const node of parts.components) {
    const { entity, derived } = base(node);
    if (entity.spec.lifecycle === undefined) {
      entity.spec.lifecycle = 'production';
      derived.push('lifecycle');
    }
    const provides = unique((node.provides ?? []).map((p) => apiRef(p.api, placeOf(node).namespace)));
    if (provides.length > 0) entity.spec.providesApis = provides;
    const libraries = (usesOf.get(node.id) ?? []).map((e) => libraryEntry(e, parts.libraries.get(e.target)));
    if (libraries.length > 0) annotate(entity.metadata, { [ANNOTATION.libraries]: JSON.stringify(libraries) });
    written.push(finish(reorder(entity), derived));
  }
  for (const [name, { node, api }] of [...providedBy].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (apiNode.has(name)) continue;
    const namespace = placeOf(node).namespace;
    const metadata: Metadata = {
      name: backstageName(name),
      description: `${name} ${api.version} (${api.protocol}), provided by ${node.id}`,
    };
    if (namespace !== 'default') metadata.namespace = namespace;
    annotate(metadata, {
      ...(backstageName(name) !== name ? { [ANNOTATION.name]: name } : {}),
      [ANNOTATION.derived]: 'true',
      [ANNOTATION.version]: api.version,
      [ANNOTATION.protocol]: api.protocol,
    });
    const entity: Entity = {
      apiVersion: API_VERSION,
      kind: 'API',
      metadata,
      spec: { type: apiType(api.protocol), lifecycle: 'production' },
    };
    own(entity, node.owner, namespace, []);
    if (node.system !== undefined) partOf(entity, node.system, namespace, undefined);
    entity.spec.definition = definitionOf(name, api);
    written.push(entity);
  }
  for (const node of parts.resources) {
    const { entity, derived } = base(node);
    const callers = callersOf.get(node.id) ?? [];
    // A resource used by one system belongs to it in the catalog's view.
    const callerSystems = unique(
      callers.map((e) => parts.node(e.source)?.system).filter((s): s is string => s !== undefined),
    );
    if (node.system === undefined && callerSystems.length === 1) {
      partOf(entity, callerSystems[0]!, placeOf(node).namespace, undefined);
      derived.push('system');
    }
    const url = callers.find((e) => e.url)?.url;
    if (url && entity.metadata.links === undefined) {
      entity.metadata.links = [{ url, title: node.id }];
      derived.push('links');
    }
    const image = callers.find((e) => e.image)?.image;
    if (image) annotate(entity.metadata, { [ANNOTATION.image]: image });
    written.push(finish(reorder(entity), derived));
  }

  // The groups, users and systems refs name that no node of the graph stands for.
  const extra: Entity[] = [];
  for (const [system, owners] of [...systemOwners].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (nodeIds.has(`system:${system}`.toLowerCase())) continue;
    const place = systemPlace(system);
    const metadata: Metadata = { name: place.name };
    if (place.namespace !== 'default') metadata.namespace = place.namespace;
    annotate(metadata, {
      ...(place.original !== undefined ? { [ANNOTATION.name]: place.original } : {}),
      [ANNOTATION.derived]: 'true',
    });
    const entity: Entity = { apiVersion: API_VERSION, kind: 'System', metadata, spec: {} };
    own(entity, mostCommon(owners), place.namespace, []);
    extra.push(entity);
  }
  for (const ref of [...ownerRefs.values()].sort((a, b) => (refKey(a) < refKey(b) ? -1 : 1))) {
    if (nodeIds.has(`${ref.kind}:${ref.namespace === 'default' ? '' : `${ref.namespace}/`}${ref.name}`.toLowerCase()))
      continue;
    if (ref.kind !== 'group' && ref.kind !== 'user') continue;
    const metadata: Metadata = { name: ref.name };
    if (ref.namespace !== 'default') metadata.namespace = ref.namespace;
    annotate(metadata, { [ANNOTATION.derived]: 'true' });
    extra.push({
      apiVersion: API_VERSION,
      kind: ref.kind === 'group' ? 'Group' : 'User',
      metadata,
      spec: ref.kind === 'group' ? { type: 'team', children: [] } : { memberOf: [] },
    });
  }
  entities.push(...extra, ...written);
  return entities.map((entity) => stringify(entity, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}
