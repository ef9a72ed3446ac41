/**
 * Backstage catalog files (catalog-info.yaml and friends): Component, API, Resource and
 * System entities, with `dependsOn`, `consumesApis` and `providesApis` relations and
 * namespaced refs. `Location` entities are followed to their other catalog files inside the
 * repo. An API's version comes from its definition (OpenAPI/AsyncAPI `info.version`, inline
 * or through `$text: ./openapi.yaml`); Backstage itself does not version APIs.
 */
import { parse as parseYaml } from 'yaml';
import { asArray, asString, isRecord, type Located } from '../util/located.js';
import { parseYamlWithLines } from '../util/yaml-with-lines.js';
import { basename, dirname, joinPath } from '../../util/paths.js';
import { emptyResult, type DiscoveredComponent, type ImportContext, type ImportResult } from '../types.js';
import { defineImporter } from '../define-importer.js';
import { addEdge } from '../topology/edges.js';
import { COMPONENT_KINDS, SERVICE_KINDS, normalizeProtocol } from '../topology/vocabulary.js';
import { ownerName, parseEntityRef, refKey, type EntityRef } from './entity-ref.js';

interface Entity {
  kind: string;
  namespace: string;
  name: string;
  spec: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** The catalog file it was read from (relative paths in it are relative to this). */
  file: string;
  /** Line in the imported file; undefined for entities from a followed Location. */
  line?: number;
  doc?: Located;
}

const API_PROTOCOLS: Record<string, string> = {
  openapi: 'http',
  swagger: 'http',
  grpc: 'grpc',
  graphql: 'graphql',
  trpc: 'http',
  rest: 'http',
  soap: 'soap',
};

const RESOURCE_KINDS: [RegExp, string][] = [
  [/database|db|postgres|mysql|sql|mongo|dynamo/i, 'database'],
  [/cache|redis|memcache/i, 'cache'],
  [/queue|sqs|rabbit|pubsub|topic|kafka|stream|kinesis|event/i, 'queue'],
  [/bucket|storage|s3|blob|gcs/i, 'storage'],
  [/search|elastic|opensearch/i, 'search'],
  [/identity|auth|idp|oidc|keycloak|cognito/i, 'identity'],
  [/mail|smtp|ses$/i, 'email'],
  [/external|saas|third.?party/i, 'external'],
];

function isCatalogFile(file: string): boolean {
  return /^catalog-info(\.[\w-]+)?\.ya?ml$/.test(basename(file)) || /(^|\/)\.?backstage\/.*\.ya?ml$/.test(file);
}

export const backstageImporter = defineImporter({
  id: 'backstage',
  files: '`catalog-info.yaml` (Backstage)',
  description: 'Component/API/Resource/System, Locations, namespaced refs',
  provides: 'services',
  matches: isCatalogFile,
  sniff: { ext: /\.ya?ml$/i, test: (head) => /^apiVersion:\s*['"]?backstage\.io\//m.test(head) },
  parse(text, ctx) {
    const result = emptyResult();
    const entities: Entity[] = [];
    readEntities(text, ctx.file, ctx, result, entities, new Set([ctx.file]), true);
    build(entities, ctx, result);
    return result;
  },
});

function readEntities(
  text: string,
  file: string,
  ctx: ImportContext,
  result: ImportResult,
  into: Entity[],
  visited: Set<string>,
  isMain: boolean,
): void {
  const { docs, problems } = parseYamlWithLines(text);
  for (const problem of problems)
    result.problems.push(
      isMain ? problem : { ...problem, line: undefined, message: `${file}:${problem.line ?? ''} ${problem.message}` },
    );
  for (const doc of docs) {
    const value = doc.value;
    if (!isRecord(value)) continue;
    const kind = asString(value.kind);
    const metadata = isRecord(value.metadata) ? value.metadata : {};
    const name = asString(metadata.name);
    if (!kind || !name) {
      if (isMain)
        result.problems.push({ line: doc.lineOf(), message: 'a catalog entity needs kind and metadata.name' });
      continue;
    }
    const spec = isRecord(value.spec) ? value.spec : {};
    if (kind === 'Location') {
      for (const target of [asString(spec.target), ...asArray(spec.targets).map(asString)]) {
        if (!target || /^[a-z]+:\/\//.test(target)) continue;
        const path = joinPath(dirname(file), target);
        if (path === undefined || visited.has(path) || visited.size > 64) continue;
        visited.add(path);
        const other = ctx.readFile(path);
        if (other === undefined) {
          if (isMain)
            result.problems.push({
              line: doc.lineOf('spec'),
              message: `Location target ${target} not found in the repo`,
              severity: 'warning',
            });
          continue;
        }
        readEntities(other, path, ctx, result, into, visited, false);
      }
      continue;
    }
    into.push({
      kind: kind.toLowerCase(),
      namespace: (asString(metadata.namespace) ?? 'default').toLowerCase(),
      name,
      spec,
      metadata,
      file,
      ...(isMain ? { line: doc.lineOf('metadata', 'name'), doc } : {}),
    });
  }
}

function build(entities: Entity[], ctx: ImportContext, result: ImportResult): void {
  const byRef = new Map<string, Entity>();
  for (const entity of entities) byRef.set(refKey(entity), entity);
  const find = (ref: EntityRef): Entity | undefined =>
    byRef.get(refKey(ref)) ??
    entities.find((e) => e.kind === ref.kind && e.name.toLowerCase() === ref.name.toLowerCase());

  const infos = new Map<Entity, ApiInfo>();
  const info = (api: Entity | undefined): ApiInfo => {
    if (!api) return { protocol: 'http' };
    let found = infos.get(api);
    if (!found) {
      found = apiInfo(api, ctx);
      infos.set(api, found);
    }
    return found;
  };
  // Which component provides each API, so a consumer's edge goes to the provider.
  const providerOf = new Map<string, string>();
  for (const entity of entities) {
    if (entity.kind !== 'component') continue;
    for (const ref of asArray(entity.spec.providesApis)) {
      const parsed = typeof ref === 'string' ? parseEntityRef(ref, 'api', entity.namespace) : undefined;
      if (parsed) providerOf.set(refKey(parsed), entity.name);
    }
  }

  const components = new Map<string, DiscoveredComponent>();
  for (const entity of entities) {
    if (entity.kind !== 'component' && entity.kind !== 'resource') continue;
    const type = (asString(entity.spec.type) ?? '').toLowerCase();
    const component: DiscoveredComponent = {
      name: entity.name,
      kind: entity.kind === 'resource' ? resourceKind(type) : componentKind(type),
      infrastructure: entity.kind === 'resource',
      ...(entity.line !== undefined ? { line: entity.line } : {}),
    };
    const system = asString(entity.spec.system);
    if (system) component.system = parseEntityRef(system, 'system')?.name ?? system;
    // depmap's Backstage export keeps a free-form owner it had to turn into a group ref here.
    const annotations = isRecord(entity.metadata.annotations) ? entity.metadata.annotations : {};
    const owner = asString(annotations['depmap.dev/owner']) ?? ownerName(asString(entity.spec.owner));
    if (owner) component.owner = owner;
    const description = asString(entity.metadata.description);
    if (description) component.description = description;
    if (entity.kind === 'component') {
      const provides = asArray(entity.spec.providesApis)
        .map((ref) => (typeof ref === 'string' ? parseEntityRef(ref, 'api', entity.namespace) : undefined))
        .filter((ref): ref is EntityRef => ref !== undefined)
        .map((ref) => {
          const api = find(ref);
          return { api: ref.name, protocol: info(api).protocol, version: info(api).version ?? '' };
        });
      if (provides.length > 0) component.provides = provides;
    }
    components.set(entity.name, component);
  }

  for (const entity of entities) {
    if (entity.kind !== 'component' && entity.kind !== 'resource') continue;
    const lineOf = (...path: (string | number)[]): number | undefined => entity.doc?.lineOf(...path) ?? entity.line;
    asArray(entity.spec.dependsOn).forEach((ref, index) => {
      if (typeof ref !== 'string') return;
      const parsed = parseEntityRef(ref, 'component', entity.namespace);
      if (!parsed) {
        result.problems.push({
          line: lineOf('spec', 'dependsOn', index),
          message: `${entity.name}: cannot read the entity ref ${JSON.stringify(ref)}`,
        });
        return;
      }
      const target = find(parsed);
      const kind = target ? components.get(target.name)?.kind : parsed.kind === 'component' ? 'service' : undefined;
      addEdge(result.edges, {
        from: entity.name,
        to: parsed.name,
        kind,
        line: lineOf('spec', 'dependsOn', index),
        evidence: `dependsOn ${ref}`,
      });
    });
    if (entity.kind !== 'component') continue;
    asArray(entity.spec.consumesApis).forEach((ref, index) => {
      if (typeof ref !== 'string') return;
      const parsed = parseEntityRef(ref, 'api', entity.namespace);
      if (!parsed) {
        result.problems.push({
          line: lineOf('spec', 'consumesApis', index),
          message: `${entity.name}: cannot read the API ref ${JSON.stringify(ref)}`,
        });
        return;
      }
      const api = find(parsed);
      const provider = providerOf.get(refKey(parsed));
      if (provider === entity.name) return;
      addEdge(result.edges, {
        from: entity.name,
        to: provider ?? parsed.name,
        kind: 'service',
        api: parsed.name,
        protocol: info(api).protocol,
        ...(info(api).version ? { version: info(api).version } : {}),
        line: lineOf('spec', 'consumesApis', index),
        evidence: `consumesApis ${ref}`,
      });
    });
  }
  result.components.push(...components.values());
}

/** A Backstage component type as one of depmap's component kinds. */
function componentKind(type: string): string {
  if (type === 'website' || type === 'frontend' || type === 'web') return 'frontend';
  if (COMPONENT_KINDS.has(type)) return type;
  if (type === 'cronjob' || type === 'batch') return 'job';
  return 'service';
}

/** A Backstage resource type (free text) as one of depmap's service kinds. */
function resourceKind(type: string): string {
  if (SERVICE_KINDS.has(type)) return type;
  for (const [pattern, kind] of RESOURCE_KINDS) if (pattern.test(type)) return kind;
  return 'service';
}

interface ApiInfo {
  protocol: string;
  version?: string;
}

/**
 * Protocol and version of an API entity. The version is the definition's `info.version`
 * (OpenAPI, AsyncAPI; inline or `$text: ./file` in the repo) or a `depmap.dev/version`
 * annotation; the protocol a `depmap.dev/protocol` annotation, or an AsyncAPI's servers' (kafka, amqp, mqtt, …).
 */
function apiInfo(api: Entity, ctx: ImportContext): ApiInfo {
  const type = (asString(api.spec.type) ?? '').toLowerCase();
  const definition = readDefinition(api, ctx);
  let protocol: string | undefined = API_PROTOCOLS[type];
  if (!protocol && type === 'asyncapi' && isRecord(definition) && isRecord(definition.servers)) {
    protocol = Object.values(definition.servers)
      .map((server) => (isRecord(server) ? asString(server.protocol) : undefined))
      .find(Boolean);
  }
  const annotations = isRecord(api.metadata.annotations) ? api.metadata.annotations : {};
  protocol = asString(annotations['depmap.dev/protocol']) ?? protocol;
  const result: ApiInfo = { protocol: normalizeProtocol(protocol ?? (type || 'http')) ?? 'http' };
  const annotated = asString(annotations['depmap.dev/version']);
  const version =
    annotated ?? (isRecord(definition) && isRecord(definition.info) ? asString(definition.info.version) : undefined);
  if (version) result.version = version;
  return result;
}

function readDefinition(api: Entity, ctx: ImportContext): unknown {
  let definition: unknown = api.spec.definition;
  if (isRecord(definition) && typeof definition.$text === 'string') {
    const path = /^[a-z]+:\/\//.test(definition.$text) ? undefined : joinPath(dirname(api.file), definition.$text);
    definition = path === undefined ? undefined : ctx.readFile(path);
  }
  if (typeof definition !== 'string') return definition;
  if (definition.length > 4 * 1024 * 1024) return undefined;
  try {
    return parseYaml(definition, { maxAliasCount: 100 }) as unknown;
  } catch {
    return undefined;
  }
}
