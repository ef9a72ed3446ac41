/**
 * The CycloneDX properties depmap writes (and reads back) for what CycloneDX has no field
 * for: a node's kind and system, the APIs it provides, and the protocol/API/version of each
 * call. Names are in depmap's own `depmap:` namespace, as the CycloneDX property taxonomy
 * asks of tools.
 */
import type { DiscoveredComponent } from '../types.js';

export const PROP = {
  type: 'depmap:type',
  kind: 'depmap:kind',
  system: 'depmap:system',
  owner: 'depmap:owner',
  provides: 'depmap:provides',
  calls: 'depmap:calls',
  /** One library the service uses, by the library component's bom-ref, with depmap's scope and version as declared. */
  uses: 'depmap:uses',
  discovered: 'depmap:discovered',
  unresolved: 'depmap:unresolved',
  /** `false` on a library whose version is not one exact version (a range, a tag). */
  pinned: 'depmap:pinned',
} as const;

/** One `depmap:calls` value: a service call with what dependencies[] cannot say. */
export interface CallProperty {
  target: string;
  protocol?: string;
  api?: string;
  version?: string;
  image?: string;
  url?: string;
  /** The call's properties in other namespaces (`backstage:…`): CycloneDX dependencies have no room for them. */
  properties?: Record<string, string>;
}

/** One `depmap:provides` value. */
export interface ProvidesProperty {
  api: string;
  protocol: string;
  version: string;
}

/**
 * One `depmap:uses` value. CycloneDX's scope (required/optional/excluded) is the library's, for
 * every user at once; depmap's is each use's own (`test` for one service, none for another),
 * and a declared version (`==2.8.2`) is more than the component's resolved one.
 */
export interface UseProperty {
  /** The library component's bom-ref. */
  library: string;
  scope?: string;
  /** The version as declared, when it is not the component's. */
  version?: string;
}

/**
 * depmap's system and owner (its own properties, by `values` of a property name) and the
 * description, onto a component: as CycloneDX and SPDX documents both carry them.
 */
export function withOwnership(
  component: DiscoveredComponent,
  values: (name: string) => readonly string[],
  description: string | undefined,
): void {
  const system = values(PROP.system)[0];
  if (system) component.system = system;
  const owner = values(PROP.owner)[0];
  if (owner) component.owner = owner;
  if (description) component.description = description;
}
