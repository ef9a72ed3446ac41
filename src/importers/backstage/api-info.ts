/**
 * Protocol and version of an API entity. Backstage does not version APIs: the version is the
 * definition's `info.version` (OpenAPI, AsyncAPI; inline or `$text: ./file` in the repo) or a
 * `depmap.dev/version` annotation; the protocol a `depmap.dev/protocol` annotation, the API's
 * type, or an AsyncAPI's servers' (kafka, amqp, mqtt, …).
 */
import { parse as parseYaml } from 'yaml';
import { asString, isRecord } from '../util/located.js';
import { dirname, joinPath } from '../../util/paths.js';
import type { ImportContext } from '../types.js';
import { normalizeProtocol } from '../topology/vocabulary.js';
import { ANNOTATION } from './catalog-fields.js';
import type { Entity } from './read-entities.js';

const API_PROTOCOLS: Record<string, string> = {
  openapi: 'http',
  swagger: 'http',
  grpc: 'grpc',
  graphql: 'graphql',
  trpc: 'http',
  rest: 'http',
  soap: 'soap',
};

export interface ApiInfo {
  protocol: string;
  version?: string;
}

export function apiInfo(api: Entity | undefined, ctx: ImportContext): ApiInfo {
  if (!api) return { protocol: 'http' };
  const type = (asString(api.spec.type) ?? '').toLowerCase();
  const definition = readDefinition(api, ctx);
  let protocol: string | undefined = API_PROTOCOLS[type];
  if (!protocol && type === 'asyncapi' && isRecord(definition) && isRecord(definition.servers)) {
    protocol = Object.values(definition.servers)
      .map((server) => (isRecord(server) ? asString(server.protocol) : undefined))
      .find(Boolean);
  }
  const annotations = isRecord(api.metadata.annotations) ? api.metadata.annotations : {};
  protocol = asString(annotations[ANNOTATION.protocol]) ?? protocol;
  const result: ApiInfo = { protocol: normalizeProtocol(protocol ?? (type || 'http')) ?? 'http' };
  const annotated = asString(annotations[ANNOTATION.version]);
  const version =
    annotated ?? (isRecord(definition) && isRecord(definition.info) ? asString(definition.info.version) : undefined);
  if (version) result.version = version;
  return result;
}

function readDefinition(api: Entity, ctx: ImportContext): unknown {
  let definition: unknown = api.spec.definition;
  if (isRecord(definition) && typeof definition.$text === 'string') {
    const path =
      /^[a-z][a-z0-9+.-]*:/i.test(definition.$text) || definition.$text.startsWith('/')
        ? undefined
        : joinPath(dirname(api.file), definition.$text);
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
