/**
 * NuGet: the `Version` of a PackageReference (csproj, Directory.Packages.props,
 * packages.config) or of a nuget purl.
 *
 * - In `native` syntax a bare version is a minimum (`13.0.3` means `>= 13.0.3`): not pinned,
 *   the hint offers `[13.0.3]`. In `purl` syntax a bare version is exact.
 * - Pinned: `[13.0.3]` (spaces inside the brackets allowed), including prerelease and
 *   two- to four-part versions (`[1.0]`, `[4.0.0.1]`).
 * - Not pinned: ranges `[1.0,2.0)`, `(,1.0]`, `(1.0,)`, floating versions `1.*`, `13.0.*`,
 *   `1.0.0-*`, `*`.
 */
import type { PinVerdict, VersionSyntax } from '../types.js';
import { PINNED, exactHint, quote, unpinned } from './verdict.js';

const V = '\\d+(?:\\.\\d+){0,3}(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?';
const EXACT = new RegExp(`^\\[\\s*${V}\\s*\\]$`);
const BARE = new RegExp(`^${V}$`);
const RANGE = /^[[(].*[\])]$/;
const LOWER_BOUND = /^\[\s*([^,\s]+)\s*,/;

export function checkNuget(version: string, syntax: VersionSyntax): PinVerdict {
  if (EXACT.test(version)) return PINNED;
  const bare = BARE.test(version);
  if (bare && syntax !== 'native') return PINNED;
  const shown = quote(version);
  const render = syntax === 'native' ? bracketed : undefined;
  if (bare) return unpinned(`${shown} is a minimum version in nuget`, `pin an exact version, e.g. [${version}]`);
  if (version.includes('*')) return unpinned(`${shown} is a floating version`, exactHint(undefined, render));
  if (RANGE.test(version))
    return unpinned(`${shown} is a version range`, exactHint(LOWER_BOUND.exec(version)?.[1], render));
  return unpinned(`${shown} is not a nuget version`, exactHint(undefined, render));
}

function bracketed(v: string): string {
  return `[${v}]`;
}
