/**
 * The CycloneDX properties depmap writes (and reads back) for what CycloneDX has no field
 * for: a node's kind and system, the APIs it provides, and the protocol/API/version of each
 * call. Names are in depmap's own `depmap:` namespace, as the CycloneDX property taxonomy
 * asks of tools.
 */
export const PROP = {
  type: 'depmap:type',
  kind: 'depmap:kind',
  system: 'depmap:system',
  owner: 'depmap:owner',
  provides: 'depmap:provides',
  calls: 'depmap:calls',
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
