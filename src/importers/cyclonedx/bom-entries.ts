/**
 * The pieces of a CycloneDX BOM as depmap reads them: a library component, a service, its
 * calls and properties (cyclonedx-json.ts walks the BOM and its dependency graph).
 */
import { parsePurl } from '../../manifest/purl.js';
import type { VersionSyntax } from '../../manifest/types.js';
import { asArray, asString, isRecord } from '../util/located.js';
import type { DiscoveredComponent, ImportedLibrary, LibraryScope } from '../types.js';
import { normalizeProtocol } from '../topology/vocabulary.js';
import { isInfrastructureKind } from '../topology/classify-image.js';
import { PROP, type CallProperty, type ProvidesProperty } from './depmap-properties.js';

export const LIBRARY_TYPES = new Set(['library', 'framework']);
const SCOPES: Record<string, LibraryScope> = { required: 'runtime', optional: 'optional', excluded: 'dev' };

export function libraryOf(
  item: Record<string, unknown>,
  line: number | undefined,
  warn: (message: string) => void,
): ImportedLibrary | undefined {
  const purl = asString(item.purl);
  const scope = SCOPES[asString(item.scope) ?? 'required'];
  if (purl) {
    try {
      const parsed = parsePurl(purl);
      const version = parsed.version ?? asString(item.version);
      return {
        ecosystem: parsed.ecosystem,
        name: parsed.name,
        version,
        ...(scope ? { scope } : {}),
        line,
        syntax: versionSyntax(item, version),
      };
    } catch (error) {
      warn(`invalid purl ${JSON.stringify(purl)}: ${(error as Error).message}`);
    }
  }
  const name = asString(item.name);
  if (!name || !LIBRARY_TYPES.has(asString(item.type) ?? 'library')) return undefined;
  const group = asString(item.group);
  const version = asString(item.version);
  return {
    ecosystem: 'generic',
    name: group ? `${group}/${name}` : name,
    version,
    ...(scope ? { scope } : {}),
    line,
    syntax: versionSyntax(item, version),
  };
}

/** Range operators, wildcards and interval brackets of the ecosystems' requirement syntaxes. */
const RANGE = /[\^~<>=*|,[\]()\s]|(^|\.)[xX](\.|$)/;

/**
 * A BOM usually lists what was installed: its versions are resolved, as a lockfile's. But a
 * component depmap itself marked not pinned (`depmap:pinned=false`, a range declared in a
 * manifest), or whose version reads as a range, is a requirement: it is judged in the
 * ecosystem's own syntax, so `^4.17.21` stays a caret range and unpinned.
 */
function versionSyntax(item: Record<string, unknown>, version: string | undefined): VersionSyntax {
  if (propertyValues(item, PROP.pinned).includes('false')) return 'native';
  return version !== undefined && RANGE.test(version) ? 'native' : 'resolved';
}

export function serviceComponent(item: Record<string, unknown>, line: number | undefined): DiscoveredComponent {
  const name = asString(item.name)!;
  const external = item['x-trust-boundary'] === true || item.trustZone !== undefined || isRecord(item.provider);
  const kind = propertyValues(item, PROP.kind)[0] ?? (external ? 'external' : 'service');
  const type = propertyValues(item, PROP.type)[0];
  const component: DiscoveredComponent = {
    name,
    kind,
    infrastructure: type === 'resource' || (type === undefined && isInfrastructureKind(kind)),
    ...(line !== undefined ? { line } : {}),
  };
  const system = propertyValues(item, PROP.system)[0] ?? asString(item.group);
  if (system) component.system = system;
  const owner = propertyValues(item, PROP.owner)[0];
  if (owner) component.owner = owner;
  const description = asString(item.description);
  if (description) component.description = description;
  const url = asString(asArray(item.endpoints)[0]);
  if (url) component.url = url;
  const provides = propertyValues(item, PROP.provides)
    .map((value) => safeJson<ProvidesProperty>(value))
    .filter((p): p is ProvidesProperty => p !== undefined && typeof p.api === 'string');
  if (provides.length > 0)
    component.provides = provides.map((p) => ({
      api: p.api,
      protocol: normalizeProtocol(p.protocol) ?? 'http',
      version: p.version ?? '',
    }));
  return component;
}

export function versionOfService(bom: Record<string, unknown>, name: string): string | undefined {
  const stack = [...asArray(bom.services)];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!isRecord(item)) continue;
    if (item.name === name) return asString(item.version);
    stack.push(...asArray(item.services));
  }
  return undefined;
}

export function callsOf(item: Record<string, unknown>): CallProperty[] {
  return propertyValues(item, PROP.calls)
    .map((value) => safeJson<CallProperty>(value))
    .filter((call): call is CallProperty => call !== undefined && typeof call.target === 'string');
}

export function propertyValues(item: Record<string, unknown>, name: string): string[] {
  return asArray(item.properties)
    .filter(isRecord)
    .filter((p) => p.name === name)
    .map((p) => asString(p.value))
    .filter((v): v is string => v !== undefined);
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
