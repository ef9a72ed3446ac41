/**
 * The SPDX 3.0.1 terms depmap writes and reads, in one place so that the exporter
 * (src/export/spdx.ts) and the importer (spdx-jsonld.ts) cannot drift apart: the JSON-LD
 * context, the lifecycle scopes and how depmap's library scopes map onto them, and the
 * `spdx:` properties that stand for an SPDX field depmap's graph has no place for.
 */
import type { LibraryScope } from '../types.js';

export const SPDX_CONTEXT = 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld';
export const SPDX_VERSION = '3.0.1';

/** `LifecycleScopeType` (spdx-spec v3.0.1, Core/Vocabularies/LifecycleScopeType). */
export type LifecycleScope = 'build' | 'design' | 'development' | 'other' | 'runtime' | 'test';

/**
 * depmap's library scope as an SPDX lifecycle scope. SPDX has no optional, peer or provided
 * scope: those are needed at run time, so `runtime`, and the exporter keeps the exact scope in
 * a `depmap:scope` property.
 */
export function lifecycleScopeOf(scope: string | undefined): LifecycleScope {
  if (scope === 'dev') return 'development';
  if (scope === 'test') return 'test';
  if (scope === 'build') return 'build';
  return 'runtime';
}

/** An SPDX lifecycle scope as depmap's library scope; `runtime` is depmap's default, no scope. */
export function libraryScopeOf(scope: string | undefined): LibraryScope | undefined {
  if (scope === 'development') return 'dev';
  if (scope === 'test') return 'test';
  if (scope === 'build') return 'build';
  return undefined;
}

/** True when a lifecycle scope alone gives the scope back (`lifecycleScopeOf` ∘ `libraryScopeOf`). */
export function scopeRoundTrips(scope: string | undefined): boolean {
  return scope === undefined || scope === 'dev' || scope === 'test' || scope === 'build';
}

/** `software_SoftwarePurpose` (spdx-spec v3.0.1, Software/Vocabularies/SoftwarePurpose). */
export const SOFTWARE_PURPOSES: ReadonlySet<string> = new Set([
  'application',
  'archive',
  'bom',
  'configuration',
  'container',
  'data',
  'device',
  'deviceDriver',
  'diskImage',
  'documentation',
  'evidence',
  'executable',
  'file',
  'filesystemImage',
  'firmware',
  'framework',
  'install',
  'library',
  'manifest',
  'model',
  'module',
  'operatingSystem',
  'other',
  'patch',
  'platform',
  'requirement',
  'source',
  'specification',
  'test',
]);

/**
 * The `spdx:` properties: an SPDX field a foreign document gives and depmap's graph has no
 * place for (property key → the field of the element). The importer keeps them under these
 * keys; the exporter writes them back to the same fields, so SPDX → depmap → SPDX keeps them.
 */
export const SPDX_FIELDS = {
  'spdx:summary': 'summary',
  'spdx:comment': 'comment',
  'spdx:home-page': 'software_homePage',
  'spdx:download-location': 'software_downloadLocation',
  'spdx:copyright-text': 'software_copyrightText',
  'spdx:source-info': 'software_sourceInfo',
  'spdx:package-version': 'software_packageVersion',
  'spdx:package-url': 'software_packageUrl',
  'spdx:primary-purpose': 'software_primaryPurpose',
} as const satisfies Record<string, string>;

/** The element's own spdxId, when it is not the one depmap would give it. */
export const SPDX_ID = 'spdx:spdx-id';
/** A relationship's lifecycle scope that depmap's library scopes cannot say (`design`, `other`). */
export const SPDX_SCOPE = 'spdx:scope';
/** An extension property of a foreign document whose name has no namespace (`foo` → `spdx:property:foo`). */
export const SPDX_PROPERTY_PREFIX = 'spdx:property:';

/** depmap properties only the SPDX format needs (the rest are the CycloneDX export's `PROP`). */
export const SPDX_PROP = {
  /** A library use's exact scope when the lifecycle scope cannot say it (`optional`, `peer`, `runtime`). */
  scope: 'depmap:scope',
  /** A library use's version as declared (`==2.8.2`), when the package version is its plain form (`2.8.2`). */
  version: 'depmap:version',
} as const;

/** The IRI form the schema asks of every spdxId: not a blank node, and with a scheme. */
export const isIri = (value: string): boolean => /^(?!_:).+:.+/.test(value);
