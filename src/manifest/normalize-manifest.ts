/**
 * The checks zod cannot make, on a manifest that passed the schema: Package URLs and
 * ecosystems, duplicate entries, `from:` paths, and pins (reported only when asked: the
 * verdict itself is always kept on the declaration). Builds the normalized Manifest.
 */
import { didYouMean } from '../util/suggest.js';
import type { LoadedYaml } from './load-yaml.js';
import { checkApiVersionPin, checkImagePin, checkPin } from './pin/index.js';
import { pinWords, type PinSubject } from './pin-words.js';
import { ECOSYSTEM_TYPES, parsePurl, purlFor, purlType } from './purl.js';
import { SPEC_VERSION, type RawManifest } from './schema.js';
import type {
  FromRef,
  LibraryDecl,
  Manifest,
  ParseOptions,
  PinVerdict,
  Position,
  Problem,
  Provided,
  ServiceDecl,
} from './types.js';
import type { Path } from './zod-issues.js';

export type Report = (
  severity: Problem['severity'],
  code: string,
  path: Path,
  message: string,
  hint?: string,
  key?: boolean,
) => void;

export function normalize(
  raw: RawManifest,
  file: string,
  yaml: LoadedYaml,
  options: ParseOptions,
  report: Report,
  skipped: ReadonlySet<string> = new Set(),
): Manifest {
  const docker = options.docker ?? 'exact';
  const pos = (path: Path): Position => yaml.positionOf(path);
  const unpinned = (path: Path, subject: PinSubject, verdict: PinVerdict) => {
    if (!options.reportUnpinned || verdict.pinned) return;
    const words = pinWords(subject, verdict);
    report('warning', 'unpinned', path, words.message, words.hint);
  };
  // The index of an earlier entry with the same key, which makes this one a duplicate.
  const seenBefore = (seen: Map<string, number>, key: string, i: number): number | undefined => {
    if (options.independentEntries) return undefined;
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, i);
    return earlier;
  };
  const manifest: Manifest = {
    file,
    specVersion: SPEC_VERSION,
    name: raw.name,
    kind: raw.kind,
    tags: raw.tags ?? [],
    links: (raw.links ?? []).map((l) => (l.title === undefined ? { url: l.url } : { url: l.url, title: l.title })),
    provides: [],
    libraries: [],
    services: [],
    fromRefs: [],
    pos: pos(['name']),
  };
  if (raw.system !== undefined) manifest.system = raw.system;
  if (raw.owner !== undefined) manifest.owner = raw.owner;
  if (raw.description !== undefined) manifest.description = raw.description;
  if (raw.aliases !== undefined) manifest.aliases = [...new Set(raw.aliases)];
  if (raw.image !== undefined) {
    manifest.image = raw.image;
    manifest.imagePin = checkImagePin(raw.image, docker);
    unpinned(['image'], { kind: 'own-image' }, manifest.imagePin);
  }

  const providedSeen = new Map<string, number>();
  (raw.provides ?? []).forEach((p, i) => {
    if (skipped.has(`provides:${i}`)) return;
    const key = `${p.api}@${p.version}`;
    const earlier = seenBefore(providedSeen, key, i);
    if (earlier !== undefined) {
      report(
        'error',
        'duplicate',
        ['provides', i],
        `api ${p.api} version ${p.version} is listed twice (also provides[${earlier}])`,
        'remove one of them',
      );
      return;
    }
    const provided: Provided = { api: p.api, protocol: p.protocol, version: p.version, pos: pos(['provides', i]) };
    if (p.description !== undefined) provided.description = p.description;
    manifest.provides.push(provided);
    // A provided version is kept as written, not as a verdict: it is judged only to report it.
    if (options.reportUnpinned)
      unpinned(['provides', i, 'version'], { kind: 'provided', api: p.api }, checkApiVersionPin(p.version));
  });

  const librarySeen = new Map<string, number>();
  (raw.libraries ?? []).forEach((entry, i) => {
    if (skipped.has(`libraries:${i}`)) return;
    const path = ['libraries', i];
    if (typeof entry === 'object' && 'from' in entry) {
      const ref = fromRef('libraries', entry, path, yaml, report);
      if (ref) manifest.fromRefs.push(ref);
      return;
    }
    let ecosystem: string;
    let name: string;
    let purl: string;
    let version: string | undefined;
    let scope: string | undefined;
    let syntax: 'purl' | 'native';
    let versionPath: Path = path;
    if (typeof entry === 'string' || 'purl' in entry) {
      const text = typeof entry === 'string' ? entry : entry.purl;
      const purlPath = typeof entry === 'string' ? path : [...path, 'purl'];
      try {
        const parsedPurl = parsePurl(text);
        ({ ecosystem, name, purl } = parsedPurl);
        version = parsedPurl.version;
      } catch (error) {
        report(
          'error',
          'invalid-purl',
          purlPath,
          `"${text}" is not a valid Package URL: ${purlError(error)}`,
          'write pkg:<type>/<namespace>/<name>@<version>, e.g. pkg:npm/express@4.19.2',
        );
        return;
      }
      scope = typeof entry === 'string' ? undefined : entry.scope;
      syntax = 'purl';
      versionPath = purlPath;
    } else {
      const type = purlType(entry.ecosystem);
      if (!type) {
        report(
          'error',
          'unknown-ecosystem',
          [...path, 'ecosystem'],
          `unknown ecosystem "${entry.ecosystem}"${didYouMean(entry.ecosystem, ECOSYSTEM_TYPES)}`,
          `use a Package URL type: ${ECOSYSTEM_TYPES.join(', ')}`,
        );
        return;
      }
      ecosystem = type;
      name = entry.name;
      try {
        purl = purlFor(type, entry.name);
      } catch (error) {
        report(
          'error',
          'invalid-name',
          [...path, 'name'],
          `"${entry.name}" is not a valid ${type} package name: ${purlError(error)}`,
        );
        return;
      }
      version = entry.version;
      scope = entry.scope;
      syntax = 'native';
      versionPath = entry.version === undefined ? path : [...path, 'version'];
    }
    const dupKey = `${purl}#${scope ?? ''}`;
    const earlier = seenBefore(librarySeen, dupKey, i);
    if (earlier !== undefined) {
      report(
        'error',
        'duplicate',
        path,
        `${purl} is listed twice (also libraries[${earlier}])`,
        'keep one entry per library and scope',
      );
      return;
    }
    const pin = checkPin(ecosystem, version, { syntax, docker, name });
    const decl: LibraryDecl = { ecosystem, name, purl, pin, pos: pos(path) };
    if (version !== undefined) decl.version = version;
    if (scope !== undefined) decl.scope = scope;
    manifest.libraries.push(decl);
    unpinned(versionPath, { kind: 'library', label: purl }, pin);
  });

  const serviceSeen = new Map<string, number>();
  (raw.services ?? []).forEach((entry, i) => {
    if (skipped.has(`services:${i}`)) return;
    const path = ['services', i];
    if ('from' in entry) {
      const ref = fromRef('services', entry, path, yaml, report);
      if (ref) manifest.fromRefs.push(ref);
      return;
    }
    const dupKey = `${entry.name}#${entry.api ?? ''}#${entry.protocol ?? ''}`;
    const earlier = seenBefore(serviceSeen, dupKey, i);
    if (earlier !== undefined) {
      report(
        'error',
        'duplicate',
        path,
        `service ${entry.name}${entry.api ? ` api ${entry.api}` : ''} is listed twice (also services[${earlier}])`,
        'keep one entry per service and api',
      );
      return;
    }
    const kind = entry.kind ?? 'service';
    // An API version is expected of internal services; infrastructure and third parties
    // are judged on what they declare (an image, a dated API version).
    const needsVersion = kind === 'service' || entry.version !== undefined;
    const pin: PinVerdict = needsVersion ? checkApiVersionPin(entry.version) : { pinned: true };
    const decl: ServiceDecl = { name: entry.name, kind, critical: entry.critical ?? false, pin, pos: pos(path) };
    if (entry.protocol !== undefined) decl.protocol = entry.protocol;
    if (entry.api !== undefined) decl.api = entry.api;
    if (entry.version !== undefined) decl.version = entry.version;
    if (entry.url !== undefined) decl.url = entry.url;
    if (entry.description !== undefined) decl.description = entry.description;
    // The warning sits on the entry's own version, where its api is written: it is not repeated.
    unpinned(entry.version === undefined ? path : [...path, 'version'], { kind: 'service', name: entry.name }, pin);
    if (entry.image !== undefined) {
      decl.image = entry.image;
      const imagePin = checkImagePin(entry.image, docker);
      decl.imagePin = imagePin;
      unpinned([...path, 'image'], { kind: 'image', service: entry.name }, imagePin);
    }
    manifest.services.push(decl);
  });
  return manifest;
}

function fromRef(
  section: FromRef['section'],
  entry: { from: string; transitive?: boolean | undefined },
  path: Path,
  yaml: LoadedYaml,
  report: Report,
): FromRef | undefined {
  const target = entry.from;
  const fromPath = [...path, 'from'];
  // Containment in the repo (`../`, symlinks) is checked by the crawler, which knows the root.
  if (target.startsWith('/') || /^[A-Za-z]:[\\/]/.test(target) || target.includes('\\') || target.includes('\0')) {
    report(
      'error',
      'path-escape',
      fromPath,
      `"${target}" must be a relative path inside this repo`,
      'write the path relative to this manifest, with "/"',
    );
    return undefined;
  }
  return {
    section,
    index: path[1] as number,
    path: target,
    transitive: entry.transitive ?? false,
    pos: yaml.positionOf(fromPath),
  };
}

function purlError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Invalid purl: /, '');
}
