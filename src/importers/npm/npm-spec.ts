/** What a dependency spec in package.json means: a registry range, an alias, or a local link. */
import type { LibraryScope } from '../types.js';

export const DEPENDENCY_FIELDS: readonly [field: string, scope: LibraryScope][] = [
  ['dependencies', 'runtime'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
];

export interface NpmSpec {
  /** The package actually installed: `bar` for `"foo": "npm:bar@^1"`. */
  name: string;
  /** Range, tag, git URL or tarball URL, as written. */
  range: string;
  /** The name the code imports when it differs from `name` (an npm alias). */
  alias?: string;
  /** `file:`, `link:`, `workspace:`, `portal:`: part of this repo, not a library. */
  local: boolean;
}

export function parseNpmSpec(key: string, spec: string): NpmSpec {
  const trimmed = spec.trim();
  if (/^(file|link|workspace|portal):/.test(trimmed)) return { name: key, range: trimmed, local: true };
  const alias = /^npm:((?:@[^/@]+\/)?[^@]+)(?:@(.*))?$/.exec(trimmed);
  if (alias) {
    const name = alias[1] ?? key;
    return { name, range: alias[2] ?? '*', alias: name === key ? undefined : key, local: false };
  }
  return { name: key, range: trimmed, local: false };
}

/** `node_modules/a/node_modules/@s/b` → `@s/b`. */
export function nameFromInstallPath(path: string): string {
  const index = path.lastIndexOf('node_modules/');
  return index < 0 ? path : path.slice(index + 'node_modules/'.length);
}
