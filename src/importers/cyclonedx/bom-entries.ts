/**
 * The pieces of a CycloneDX BOM as depmap reads them: a library component, a service, its
 * calls and properties (cyclonedx-json.ts walks the BOM and its dependency graph).
 *
 * What a service says and depmap has no field for is kept in `cyclonedx:` properties
 * (cyclonedx-properties.ts); properties of other namespaces in the BOM's `properties` are kept
 * under their own names (`backstage:lifecycle`), so a graph survives any chain of formats.
 *
 * When is a service external? CycloneDX has no standard signal: `provider` is often the BOM's
 * author itself, and `trustZone` is free text (`internal`, `public`, `third-party`). So only
 * what says it outright makes a service external: depmap's own `depmap:kind`, else
 * `x-trust-boundary: true`. A provider or a trust zone is kept, never read as "external".
 */
import { parsePurl } from '../../manifest/purl.js';
import type { VersionSyntax } from '../../manifest/types.js';
import { SCOPES as DEPMAP_SCOPES } from '../../manifest/vocabulary.js';
import { asArray, asString, isRecord } from '../util/located.js';
import type { DiscoveredComponent, ImportedLibrary, LibraryScope } from '../types.js';
import { kindOfProtocol, normalizeProtocol } from '../topology/vocabulary.js';
import { classifyImage, isInfrastructureKind } from '../topology/classify-image.js';
import {
  PROP,
  withOwnership,
  type CallProperty,
  type ProvidesProperty,
  type UseProperty,
} from './depmap-properties.js';
import {
  CDX,
  LIBRARY_FIELDS,
  MAX_VALUE,
  SERVICE_FIELDS,
  TRUST_BOUNDARY_KIND,
  fieldText,
  type Field,
} from './cyclonedx-properties.js';

export const LIBRARY_TYPES = new Set(['library', 'framework']);
const SCOPES: Record<string, LibraryScope> = { required: 'runtime', optional: 'optional', excluded: 'dev' };
const NODE_TYPES = new Set(['component', 'resource', 'entity']);
/** depmap's own properties: read into depmap's fields, never kept as they are. */
const DEPMAP_PROPS: ReadonlySet<string> = new Set(Object.values(PROP));
const MAX_PROPERTIES = 200;
/** The subject is a component, not a service: of the service's fields only its version is kept. */
const SUBJECT_FIELDS = SERVICE_FIELDS.filter((f) => f.field === 'version');
const MAX_KEY = 200;

type Warn = (message: string) => void;

export function libraryOf(
  item: Record<string, unknown>,
  line: number | undefined,
  warn: Warn,
): ImportedLibrary | undefined {
  const purl = asString(item.purl);
  const scope = SCOPES[asString(item.scope) ?? 'required'];
  const properties = keptProperties(item, LIBRARY_FIELDS, warn);
  const withProperties = (library: ImportedLibrary): ImportedLibrary =>
    properties.size > 0 ? { ...library, properties: Object.fromEntries(properties) } : library;
  if (purl) {
    try {
      const parsed = parsePurl(purl);
      const version = parsed.version ?? asString(item.version);
      return withProperties({
        ecosystem: parsed.ecosystem,
        name: parsed.name,
        version,
        ...(scope ? { scope } : {}),
        line,
        syntax: versionSyntax(item, version),
      });
    } catch (error) {
      warn(`invalid purl ${JSON.stringify(purl)}: ${(error as Error).message}`);
    }
  }
  const name = asString(item.name);
  if (!name || !LIBRARY_TYPES.has(asString(item.type) ?? 'library')) return undefined;
  const group = asString(item.group);
  const version = asString(item.version);
  return withProperties({
    ecosystem: 'generic',
    name: group ? `${group}/${name}` : name,
    version,
    ...(scope ? { scope } : {}),
    line,
    syntax: versionSyntax(item, version),
  });
}

/** Range operators, wildcards and interval brackets of the ecosystems' requirement syntaxes. */
const RANGE = /[\^~<>=*|,[\]()\s]|(^|\.)[xX](\.|$)/;

/**
 * A BOM usually lists what was installed: its versions are resolved, as a lockfile's. But a
 * component depmap itself marked not pinned (`depmap:pinned=false`, a range declared in a
 * manifest), or whose version reads as a range, is a requirement: it is judged in the
 * ecosystem's own syntax, so `^4.17.21` stays a caret range and unpinned.
 */
export function versionSyntax(item: Record<string, unknown>, version: string | undefined): VersionSyntax {
  if (propertyValues(item, PROP.pinned).includes('false')) return 'native';
  return version !== undefined && RANGE.test(version) ? 'native' : 'resolved';
}

/** What the service is in depmap's graph, when depmap's own BOM says (`depmap:type`). */
export function declaredType(item: Record<string, unknown>): DiscoveredComponent['type'] | undefined {
  const type = propertyValues(item, PROP.type)[0];
  return type !== undefined && NODE_TYPES.has(type) ? (type as DiscoveredComponent['type']) : undefined;
}

export interface ServiceContext {
  /** The node id: the service's name, or its slug (service-name.ts). */
  id: string;
  line: number | undefined;
  /** The BOM is depmap's own export: its group is the system, already in `depmap:system`. */
  ownBom: boolean;
  /** The id of the service it is nested in. */
  parent?: string;
  warn: Warn;
}

export function serviceComponent(item: Record<string, unknown>, ctx: ServiceContext): DiscoveredComponent {
  const name = asString(item.name) ?? ctx.id;
  const endpoints = asArray(item.endpoints).filter((e): e is string => typeof e === 'string');
  const boundary = item['x-trust-boundary'];
  const kind =
    propertyValues(item, PROP.kind)[0] ??
    (boundary === true ? TRUST_BOUNDARY_KIND : (guessedKind(ctx.id, endpoints[0]) ?? 'service'));
  const type = declaredType(item);
  const component: DiscoveredComponent = {
    name: ctx.id,
    kind,
    infrastructure: type === 'resource' || (type === undefined && isInfrastructureKind(kind)),
    ...(type !== undefined ? { type } : {}),
    ...(ctx.line !== undefined ? { line: ctx.line } : {}),
  };
  withOwnership(component, (name) => propertyValues(item, name), asString(item.description));
  if (endpoints[0]) component.url = endpoints[0];
  const provides = providesOf(item);
  if (provides.length > 0) component.provides = provides;

  const properties = keptProperties(item, SERVICE_FIELDS, ctx.warn);
  if (name !== ctx.id) properties.set(CDX.name, name);
  const ref = asString(item['bom-ref']);
  if (ref !== undefined && ref !== `service:${ctx.id}`) properties.set(CDX.bomRef, ref);
  const group = asString(item.group);
  if (group !== undefined && !(ctx.ownBom && group === component.system)) properties.set(CDX.group, group);
  // Trimmed by the caller when the first endpoint, the address of every call to the service, says it all.
  if (endpoints.length > 0) properties.set(CDX.endpoints, JSON.stringify(endpoints));
  if (typeof boundary === 'boolean' && !(boundary && kind === TRUST_BOUNDARY_KIND))
    properties.set(CDX.trustBoundary, String(boundary));
  if (ctx.parent !== undefined) properties.set(CDX.parent, ctx.parent);
  if (properties.size > 0) component.properties = Object.fromEntries(properties);
  return component;
}

/** The BOM's subject (metadata.component) as a component: an application, by its name. */
export function subjectComponent(item: Record<string, unknown>, ctx: ServiceContext): DiscoveredComponent {
  const name = asString(item.name) ?? ctx.id;
  const component: DiscoveredComponent = {
    name: ctx.id,
    kind: propertyValues(item, PROP.kind)[0] ?? 'service',
    infrastructure: false,
    built: true,
    ...(ctx.line !== undefined ? { line: ctx.line } : {}),
  };
  withOwnership(component, (name) => propertyValues(item, name), asString(item.description));
  const properties = keptProperties(item, SUBJECT_FIELDS, ctx.warn);
  if (name !== ctx.id) properties.set(CDX.name, name);
  const ref = asString(item['bom-ref']);
  if (ref !== undefined && ref !== `service:${ctx.id}`) properties.set(CDX.bomRef, ref);
  const group = asString(item.group);
  if (group !== undefined && !(ctx.ownBom && group === component.system)) properties.set(CDX.group, group);
  if (properties.size > 0) component.properties = Object.fromEntries(properties);
  return component;
}

/** A kind the service's address or name gives (`postgres://…`, `Postgres`): databases, caches, queues… */
function guessedKind(id: string, endpoint: string | undefined): string | undefined {
  const byProtocol = kindOfProtocol(protocolOfUrl(endpoint));
  if (byProtocol) return byProtocol;
  const byName = classifyImage(id.toLowerCase())?.kind;
  return byName === 'service' ? undefined : byName;
}

function providesOf(item: Record<string, unknown>): NonNullable<DiscoveredComponent['provides']> {
  return propertyValues(item, PROP.provides)
    .map((value) => safeJson<ProvidesProperty>(value))
    .filter((p): p is ProvidesProperty => p !== undefined && typeof p.api === 'string')
    .map((p) => ({ api: p.api, protocol: normalizeProtocol(p.protocol) ?? 'http', version: p.version ?? '' }));
}

/**
 * The fields of `fields` as `cyclonedx:` properties, and every property of the BOM that is not
 * depmap's own under its name. A Map, so no key from the input reaches an object's prototype;
 * the native field wins over a property of the same name.
 */
function keptProperties(item: Record<string, unknown>, fields: readonly Field[], warn: Warn): Map<string, string> {
  const kept = new Map<string, string>();
  let dropped = 0;
  for (const entry of asArray(item.properties)) {
    if (!isRecord(entry)) continue;
    const key = asString(entry.name);
    const value = asString(entry.value);
    if (key === undefined || value === undefined || DEPMAP_PROPS.has(key)) continue;
    if (key.length > MAX_KEY || value.length > MAX_VALUE || kept.size >= MAX_PROPERTIES) {
      dropped++;
      continue;
    }
    if (kept.has(key)) warn(`property ${JSON.stringify(key)} is given more than once: the first value is kept`);
    else kept.set(key, value);
  }
  for (const { field, key, type } of fields) {
    const text = fieldText(item[field], type);
    if (text === undefined) continue;
    if (text.length > MAX_VALUE) dropped++;
    else kept.set(key, text);
  }
  if (dropped > 0)
    warn(`${dropped} ${dropped === 1 ? 'property was' : 'properties were'} left out: too long, or too many`);
  return kept;
}

export function versionOfService(item: Record<string, unknown> | undefined): string | undefined {
  return item ? asString(item.version) : undefined;
}

export function callsOf(item: Record<string, unknown>): CallProperty[] {
  return propertyValues(item, PROP.calls)
    .map((value) => safeJson<CallProperty>(value))
    .filter((call): call is CallProperty => call !== undefined && typeof call.target === 'string');
}

/** The library uses depmap's own BOM declares for the service, by library bom-ref. */
export function usesOf(item: Record<string, unknown>): Map<string, UseProperty> {
  const uses = new Map<string, UseProperty>();
  for (const value of propertyValues(item, PROP.uses)) {
    const use = safeJson<UseProperty>(value);
    if (use === undefined || typeof use.library !== 'string' || uses.has(use.library)) continue;
    uses.set(use.library, {
      library: use.library,
      ...(typeof use.scope === 'string' && (DEPMAP_SCOPES as readonly string[]).includes(use.scope)
        ? { scope: use.scope }
        : {}),
      ...(typeof use.version === 'string' ? { version: use.version } : {}),
    });
  }
  return uses;
}

/** A call's properties (another format's, carried in `depmap:calls`), text values only. */
export function callProperties(call: CallProperty): Record<string, string> | undefined {
  if (!isRecord(call.properties)) return undefined;
  const entries = Object.entries(call.properties).filter(
    (e): e is [string, string] => typeof e[1] === 'string' && e[0].length <= MAX_KEY && e[1].length <= MAX_VALUE,
  );
  return entries.length > 0 ? Object.fromEntries(entries.slice(0, MAX_PROPERTIES)) : undefined;
}

export function propertyValues(item: Record<string, unknown>, name: string): string[] {
  return asArray(item.properties)
    .filter(isRecord)
    .filter((p) => p.name === name)
    .map((p) => asString(p.value))
    .filter((v): v is string => v !== undefined);
}

/** True when any property of the item is in depmap's namespace: the BOM is depmap's own export. */
export function hasDepmapProperty(item: Record<string, unknown>): boolean {
  return asArray(item.properties).some((p) => isRecord(p) && typeof p.name === 'string' && DEPMAP_PROPS.has(p.name));
}

function safeJson<T>(text: string): T | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return isRecord(value) ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}

export function protocolOfUrl(url: string | undefined): string | undefined {
  const scheme = url ? /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase() : undefined;
  if (!scheme) return undefined;
  return normalizeProtocol(scheme);
}
