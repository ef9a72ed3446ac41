/**
 * What an SPDX 3 package becomes in depmap: a library (and each use of it, with its scope and
 * version syntax) or a node of the graph (a component, a resource or an entity, with what the
 * `depmap:` extension entries give back). spdx-jsonld.ts reads the document and its
 * relationships with these.
 */
import { parsePurl } from '../../manifest/purl.js';
import type { VersionSyntax } from '../../manifest/types.js';
import { asString } from '../util/located.js';
import type { DiscoveredComponent, ImportedLibrary, LibraryScope } from '../types.js';
import { PROP, withOwnership, type ProvidesProperty } from '../cyclonedx/depmap-properties.js';
import { propertiesOf, safeJsonObject, valuesOf, type Entry } from './spdx-elements.js';
import { SPDX_PROP, libraryScopeOf } from './spdx-terms.js';

const LIBRARY_PURPOSES: ReadonlySet<string> = new Set(['library', 'framework', 'module']);
const NODE_TYPES: ReadonlySet<string> = new Set(['component', 'resource', 'entity']);
const LIBRARY_SCOPES: ReadonlySet<string> = new Set(['runtime', 'dev', 'test', 'optional', 'peer', 'build']);

export interface NodeRef {
  name: string;
  kind: string;
  component?: DiscoveredComponent;
}

export interface LibraryRef {
  library: Omit<ImportedLibrary, 'syntax'>;
  /** Not one exact version (depmap wrote `depmap:pinned=false`). */
  ranged: boolean;
}

/** An id or name from the document, quoted and cut short for a message. */
export const quote = (text: string | undefined): string =>
  text === undefined ? 'nothing' : JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);

/** A package depmap reads as a library, or undefined when it is a node of the graph. */
export function libraryOf(
  item: Record<string, unknown>,
  entries: Entry[],
  line: number | undefined,
  warn: (message: string) => void,
): LibraryRef | undefined {
  const depmapType = valuesOf(entries, PROP.type)[0];
  if (depmapType !== undefined && NODE_TYPES.has(depmapType)) return undefined;
  const purpose = asString(item.software_primaryPurpose);
  const purl = asString(item.software_packageUrl);
  const isLibrary =
    depmapType === 'library' ||
    LIBRARY_PURPOSES.has(purpose ?? '') ||
    (purl !== undefined && purpose !== 'application');
  if (!isLibrary) return undefined;
  const name = asString(item.name);
  let parsed: { ecosystem: string; name: string; version?: string } | undefined;
  if (purl !== undefined) {
    try {
      parsed = parsePurl(purl);
    } catch (error) {
      warn(`invalid purl ${quote(purl)}: ${(error as Error).message}`);
    }
  }
  if (!parsed && name === undefined) return undefined;
  const version = asString(item.software_packageVersion) ?? parsed?.version;
  const library: Omit<ImportedLibrary, 'syntax'> = {
    ecosystem: parsed?.ecosystem ?? 'generic',
    name: parsed?.name ?? name!,
    ...(version !== undefined ? { version } : {}),
    ...(line !== undefined ? { line } : {}),
  };
  const properties =
    propertiesOf(item, entries, ['software_packageVersion', 'software_packageUrl', 'software_primaryPurpose'], {
      keepId: false,
    }) ?? {};
  if (purpose !== undefined && purpose !== 'library') properties['spdx:primary-purpose'] = purpose;
  if (Object.keys(properties).length > 0) library.properties = properties;
  return { library, ranged: valuesOf(entries, PROP.pinned).includes('false') };
}

/** A component, resource or entity; an unresolved one (a call's target no file declares) is left to the calls. */
export function nodeOf(
  item: Record<string, unknown>,
  entries: Entry[],
  name: string,
  line: number | undefined,
): NodeRef {
  const declared = valuesOf(entries, PROP.type)[0];
  const type = declared === 'resource' || declared === 'entity' ? declared : 'component';
  const kind = valuesOf(entries, PROP.kind)[0] ?? 'service';
  if (valuesOf(entries, PROP.unresolved).includes('true')) return { name, kind };
  const purpose = asString(item.software_primaryPurpose);
  const usual = type === 'entity' ? 'other' : 'application';
  const component: DiscoveredComponent = {
    name,
    kind,
    infrastructure: type === 'resource',
    type,
    ...(line !== undefined ? { line } : {}),
  };
  withOwnership(component, (name) => valuesOf(entries, name), asString(item.description));
  const provides = valuesOf(entries, PROP.provides)
    .map((value) => safeJsonObject<ProvidesProperty>(value))
    .filter((p): p is ProvidesProperty => p !== undefined && typeof p.api === 'string');
  if (provides.length > 0)
    component.provides = provides.map((p) => ({
      api: p.api,
      protocol: typeof p.protocol === 'string' ? p.protocol : 'http',
      version: typeof p.version === 'string' ? p.version : '',
    }));
  const properties = propertiesOf(
    item,
    entries,
    purpose === usual || purpose === undefined ? ['software_primaryPurpose'] : [],
  );
  if (properties) component.properties = properties;
  return { name, kind, component };
}

export function libraryUse(
  library: LibraryRef,
  user: string,
  entries: Entry[],
  scope: string | undefined,
): ImportedLibrary {
  const declared = valuesOf(entries, SPDX_PROP.version)[0];
  const written = valuesOf(entries, SPDX_PROP.scope)[0];
  const exact = LIBRARY_SCOPES.has(written ?? '') ? (written as LibraryScope) : undefined;
  const version = declared ?? library.library.version;
  const use: ImportedLibrary = {
    ...library.library,
    syntax: declared !== undefined ? 'native' : syntaxOf(version, library.ranged),
    usedBy: [user],
  };
  if (version !== undefined) use.version = version;
  const libraryScope = exact ?? libraryScopeOf(scope);
  if (libraryScope !== undefined) use.scope = libraryScope;
  return use;
}

/** A package version is a resolved one, unless depmap said it is not one exact version. */
export function syntaxOf(version: string | undefined, ranged: boolean): VersionSyntax {
  return version !== undefined && ranged ? 'native' : 'resolved';
}
