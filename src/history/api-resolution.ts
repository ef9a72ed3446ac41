/**
 * Calls by API resolved over the whole organisation, as the graph resolves them. A history
 * reads each repo (and each manifest) on its own, so a call by API to another repo keeps the
 * name it was written with; the lineage resolves it through the APIs the tips provide.
 */
import type { EdgeSummary } from '../graph/diff-graphs.js';
import type { Manifest } from '../manifest/types.js';

/** The APIs the components provide and the components' names, as the graph knows them at the tips. */
export interface ApiResolution {
  /** API → the component that provides it (the first in repo order, as the graph takes it). */
  providers: Map<string, string>;
  /** Component names: a call to one of them is resolved by name, never by API. */
  components: Set<string>;
}

/** The resolution of the manifests at each repo's tip, in repo order. */
export function tipResolution(tips: readonly (readonly Manifest[])[]): ApiResolution {
  const resolution: ApiResolution = { providers: new Map(), components: new Set() };
  for (const manifests of tips) {
    for (const manifest of manifests) {
      resolution.components.add(manifest.name);
      for (const p of manifest.provides)
        if (!resolution.providers.has(p.api)) resolution.providers.set(p.api, manifest.name);
    }
  }
  return resolution;
}

/**
 * Calls by API resolved as the graph resolves them: a call whose target is no component but
 * whose API one provides goes to that provider, under the graph's key for it. `names`
 * collects the targets so replaced: the unresolved service nodes the history made of them.
 */
export function apiResolver(resolution: ApiResolution | undefined) {
  const names = new Set<string>();
  const edge = (e: EdgeSummary): EdgeSummary => {
    if (!resolution || e.type !== 'calls-service' || e.api === undefined) return e;
    if (resolution.components.has(e.target)) return e;
    const provider = resolution.providers.get(e.api);
    const head = `${e.source} -> ${e.target}`;
    if (provider === undefined || provider === e.source || !e.key.startsWith(head)) return e;
    names.add(e.target);
    return { ...e, target: provider, key: `${e.source} -> ${provider}${e.key.slice(head.length)}` };
  };
  return { edge, names };
}
