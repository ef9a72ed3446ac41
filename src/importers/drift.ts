/**
 * Drift between what depmap.yaml pins inline and what a lockfile of the same repo resolved:
 * the `drift` rule of `depmap check`. A library written inline in the manifest, of an
 * ecosystem the lockfile covers, must be in the lockfile at the same version.
 *
 * - Only inline libraries count (those imported through `from:` are the lockfile).
 * - Names compare the way the ecosystem does: PyPI's are normalized (PEP 503), NuGet's and
 *   Composer's are case-insensitive, the others exact.
 * - Versions compare after dropping a leading `v` or `=`, and a `==` for PyPI.
 * - The lockfile's direct entries decide; a library only present transitively is compared
 *   with every version locked for it.
 * - An inline range (unpinned, which the pin rule reports) drifts only when no locked
 *   version satisfies it.
 */
import semver from 'semver';
import { ecosystemKey } from '../manifest/ecosystems.js';
import type { Manifest } from '../manifest/types.js';
import type { ImportedLibrary } from './types.js';
import { normalizePythonName } from './python/pep508.js';

export interface Drift {
  library: string;
  inlineVersion?: string;
  lockVersion?: string;
  line: number;
  col: number;
  message: string;
  hint: string;
}

export function libraryKey(ecosystem: string, name: string): string {
  const type = ecosystemKey(ecosystem);
  switch (type) {
    case 'pypi':
      return `${type}:${normalizePythonName(name)}`;
    case 'nuget':
    case 'composer':
      return `${type}:${name.toLowerCase()}`;
    default:
      return `${type}:${name}`;
  }
}

export function normalizeVersion(ecosystem: string, version: string): string {
  let v = version.trim();
  if (ecosystemKey(ecosystem) === 'pypi') v = v.replace(/^===?/, '');
  if (ecosystemKey(ecosystem) === 'nuget') v = v.replace(/^\[([^,\]]+)\]$/, '$1');
  return v.replace(/^[=v]+(?=\d)/, '');
}

/** Best effort, through node-semver: commas of PEP 440 and Gemfile ranges become spaces, Cargo's bare version a caret. */
function satisfiesRange(ecosystem: string, range: string, version: string): boolean {
  const exact = semver.valid(version, { loose: true }) ?? semver.coerce(version)?.version;
  let normalized = range.trim().replace(/\s*,\s*/g, ' ');
  if (ecosystem === 'cargo' && /^\d/.test(normalized)) normalized = `^${normalized}`;
  if (!exact || !semver.validRange(normalized, { loose: true })) return false;
  return semver.satisfies(exact, normalized, { loose: true, includePrerelease: true });
}

export function findDrift(manifest: Manifest, lock: { file: string; libraries: ImportedLibrary[] }): Drift[] {
  const ecosystems = new Set(lock.libraries.map((l) => ecosystemKey(l.ecosystem)));
  const locked = new Map<string, { direct: string[]; transitive: string[] }>();
  for (const library of lock.libraries) {
    const key = libraryKey(library.ecosystem, library.name);
    const entry = locked.get(key) ?? { direct: [], transitive: [] };
    if (library.version !== undefined) (library.transitive ? entry.transitive : entry.direct).push(library.version);
    locked.set(key, entry);
  }

  const drifts: Drift[] = [];
  for (const library of manifest.libraries) {
    if (library.importedFrom || library.version === undefined) continue;
    const ecosystem = ecosystemKey(library.ecosystem);
    if (!ecosystems.has(ecosystem)) continue;
    const entry = locked.get(libraryKey(ecosystem, library.name));
    const where = { line: library.pos.line, col: library.pos.col };
    if (!entry || entry.direct.length + entry.transitive.length === 0) {
      drifts.push({
        library: library.purl,
        inlineVersion: library.version,
        ...where,
        message: `${library.purl}@${library.version} is ${library.pin.pinned ? 'pinned' : 'declared'} in ${manifest.file} but ${lock.file} does not have it`,
        hint: `install it (so ${lock.file} locks it) or remove it from ${manifest.file}`,
      });
      continue;
    }
    const candidates = entry.direct.length > 0 ? entry.direct : entry.transitive;
    const inline = normalizeVersion(ecosystem, library.version);
    if (candidates.some((v) => normalizeVersion(ecosystem, v) === inline)) continue;
    if (
      !library.pin.pinned &&
      candidates.some((v) => satisfiesRange(ecosystem, library.version!, normalizeVersion(ecosystem, v)))
    )
      continue;
    const lockVersion = candidates[0]!;
    drifts.push({
      library: library.purl,
      inlineVersion: library.version,
      lockVersion,
      ...where,
      message: library.pin.pinned
        ? `${library.purl} is pinned at ${library.version} in ${manifest.file} but ${lock.file} has ${candidates.join(', ')}`
        : `${library.purl} is declared as ${library.version} in ${manifest.file}, which ${lock.file}'s ${candidates.join(', ')} does not satisfy`,
      hint: `set it to ${lockVersion} in ${manifest.file}, or update ${lock.file}`,
    });
  }
  return drifts;
}
