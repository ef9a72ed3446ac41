/**
 * Version skew: one library used at several versions across components, one API consumed
 * at several versions, or consumed at a version its provider does not provide.
 */
import semver from 'semver';
import { readVersion } from './read-version.js';
import type { Declared, GraphEdge, Snapshot } from './types.js';

interface LibrarySkew {
  library: string;
  versions: { version: string; components: string[] }[];
}

interface ApiSkew {
  provider: string;
  api: string;
  provided: string[];
  versions: { version: string; consumers: string[] }[];
}

interface ApiMismatch {
  consumer: string;
  provider: string;
  api: string;
  version: string;
  provided: string[];
  declared: Declared;
}

export interface SkewReport {
  libraries: LibrarySkew[];
  apis: ApiSkew[];
  mismatches: ApiMismatch[];
}

/**
 * Does a provider serving `provided` versions satisfy a consumer of `consumed`? Exact match,
 * or for semantic versions the same major at a version no newer than one provided.
 */
export function apiVersionSatisfied(consumed: string, provided: readonly string[]): boolean {
  if (provided.includes(consumed)) return true;
  const want = readVersion(consumed);
  if (!want) return false;
  return provided.some((p) => {
    const have = readVersion(p);
    return have !== undefined && have.major === want.major && semver.lte(want, have);
  });
}

export function findSkew(snapshot: Snapshot, options: { includeTransitive?: boolean } = {}): SkewReport {
  const libs = new Map<string, Map<string, Set<string>>>();
  const apis = new Map<string, Map<string, Set<string>>>();
  const provided = new Map<string, string[]>();
  for (const node of snapshot.nodes) {
    for (const p of node.provides ?? []) {
      const key = `${node.id}\u0000${p.api}`;
      provided.set(key, [...(provided.get(key) ?? []), p.version]);
    }
  }
  const mismatches: ApiMismatch[] = [];
  const add = (map: Map<string, Map<string, Set<string>>>, key: string, version: string, who: string) => {
    const byVersion = map.get(key) ?? new Map<string, Set<string>>();
    const set = byVersion.get(version) ?? new Set<string>();
    set.add(who);
    byVersion.set(version, set);
    map.set(key, byVersion);
  };
  for (const edge of snapshot.edges as GraphEdge[]) {
    if (!edge.version) continue;
    if (edge.type === 'uses-library') {
      if (edge.transitive && !options.includeTransitive) continue;
      add(libs, edge.target, edge.version, edge.source);
    } else if (edge.api) {
      const key = `${edge.target}\u0000${edge.api}`;
      add(apis, key, edge.version, edge.source);
      const offered = provided.get(key);
      if (offered && !apiVersionSatisfied(edge.version, offered)) {
        mismatches.push({
          consumer: edge.source,
          provider: edge.target,
          api: edge.api,
          version: edge.version,
          provided: [...offered].sort(),
          declared: edge.declared,
        });
      }
    }
  }
  const versions = <K extends 'components' | 'consumers'>(byVersion: Map<string, Set<string>>, key: K) =>
    [...byVersion]
      .map(([version, who]) => ({ version, [key]: [...who].sort() }) as { version: string } & Record<K, string[]>)
      .sort((a, b) => compareVersions(a.version, b.version));
  return {
    libraries: [...libs]
      .filter(([, byVersion]) => byVersion.size > 1)
      .map(([library, byVersion]) => ({ library, versions: versions(byVersion, 'components') }))
      .sort((a, b) => b.versions.length - a.versions.length || a.library.localeCompare(b.library)),
    apis: [...apis]
      .filter(([, byVersion]) => byVersion.size > 1)
      .map(([key, byVersion]) => {
        const [provider, api] = key.split('\u0000') as [string, string];
        return {
          provider,
          api,
          provided: [...(provided.get(key) ?? [])].sort(),
          versions: versions(byVersion, 'consumers'),
        };
      })
      .sort((a, b) => a.provider.localeCompare(b.provider) || a.api.localeCompare(b.api)),
    mismatches: mismatches.sort((a, b) => a.provider.localeCompare(b.provider) || a.consumer.localeCompare(b.consumer)),
  };
}

/** Semantic order when both parse, text order otherwise. */
export function compareVersions(a: string, b: string): number {
  const x = readVersion(a);
  const y = readVersion(b);
  if (x && y) return semver.compare(x, y) || a.localeCompare(b);
  return a.localeCompare(b);
}
