/**
 * depmap.yaml text → a normalized Manifest, or every problem with file:line:col, the field
 * path and a hint. Pure: no disk, no git. Reading `from:` files is the crawler's job.
 */
import { didYouMean } from '../suggest.js';
import { loadYaml, loadYamlBytes, type LoadedYaml } from './load-yaml.js';
import { withoutEchoes, withoutInvalid } from './schema-recovery.js';
import { formatPath, reportIssue, type Path, type Report } from './zod-issues.js';
import { checkApiVersionPin, checkImagePin, checkPin } from './pin/index.js';
import { ECOSYSTEM_TYPES, parsePurl, purlFor, purlType } from './purl.js';
import { manifestSchema, SPEC_VERSION, type RawManifest } from './schema.js';
import type {
  FromRef,
  LibraryDecl,
  Manifest,
  ParseOptions,
  ParseResult,
  PinVerdict,
  Position,
  Problem,
  Provided,
  ServiceDecl,
} from './types.js';

const KEEP_NUMBERS = new Set(['depmap']);

/** Parses the bytes of a manifest file (size and encoding checks first). */
export function parseManifestBytes(bytes: Uint8Array, file: string, options: ParseOptions = {}): ParseResult {
  const loaded = loadYamlBytes(bytes, file, { numbersAsText: true, keepNumberAt: KEEP_NUMBERS });
  if (!loaded.ok) return { problems: loaded.problems };
  return parseLoaded(loaded.yaml, file, options);
}

/** Parses the text of a manifest. `file` is used in problems and stored in the manifest. */
export function parseManifest(text: string, file: string, options: ParseOptions = {}): ParseResult {
  const loaded = loadYaml(text, file, { numbersAsText: true, keepNumberAt: KEEP_NUMBERS });
  if (!loaded.ok) return { problems: loaded.problems };
  return parseLoaded(loaded.yaml, file, options);
}

function parseLoaded(yaml: LoadedYaml, file: string, options: ParseOptions): ParseResult {
  const problems: Problem[] = [];
  const report = (
    severity: Problem['severity'],
    code: string,
    path: Path,
    message: string,
    hint?: string,
    key = false,
  ) => {
    const pos = yaml.positionOf(path, { key });
    const p: Problem = { severity, code, file, line: pos.line, col: pos.col, path: formatPath(path), message };
    if (hint) p.hint = hint;
    problems.push(p);
  };

  const value = yaml.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    report(
      'error',
      'not-a-mapping',
      [],
      'a manifest must be a mapping of fields (depmap: 1, name: …)',
      'start from `depmap init` or the example in the README',
    );
    return { problems };
  }
  const specVersion = (value as Record<string, unknown>).depmap;
  if (specVersion !== undefined && specVersion !== SPEC_VERSION) {
    // As written: 1e400 is Infinity to YAML, and JSON would print it as null.
    const written = (yaml.nodeAt(['depmap']) as { source?: unknown } | undefined)?.source;
    const shown =
      typeof specVersion === 'number' && typeof written === 'string' ? written : JSON.stringify(specVersion);
    report(
      'error',
      'spec-version',
      ['depmap'],
      `spec version ${shown} is not supported; this depmap reads version ${SPEC_VERSION}`,
      typeof specVersion === 'number' &&
        specVersion > SPEC_VERSION &&
        Number.isFinite(specVersion) &&
        Number.isInteger(specVersion)
        ? 'upgrade depmap to read this manifest'
        : `write "depmap: ${SPEC_VERSION}"`,
    );
    return { problems };
  }

  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of withoutEchoes(parsed.error.issues)) reportIssue(issue, value, report);
    // The rest of the file is still checked (pins, duplicates, imports paths): every problem
    // at once, not one round of fixes per kind of problem.
    const rest = withoutInvalid(value as Record<string, unknown>, parsed.error.issues);
    const again = manifestSchema.safeParse(rest.value);
    if (again.success) normalize(again.data, file, yaml, options, report, rest.skipped);
    return { problems: sortProblems(problems) };
  }
  const manifest = normalize(parsed.data, file, yaml, options, report);
  const hasErrors = problems.some((p) => p.severity === 'error');
  const result: ParseResult = { problems: sortProblems(problems) };
  if (!hasErrors) result.manifest = manifest;
  return result;
}

function normalize(
  raw: RawManifest,
  file: string,
  yaml: LoadedYaml,
  options: ParseOptions,
  report: Report,
  skipped: ReadonlySet<string> = new Set(),
): Manifest {
  const docker = options.docker ?? 'exact';
  const pos = (path: Path): Position => yaml.positionOf(path);
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

  const providedSeen = new Map<string, number>();
  (raw.provides ?? []).forEach((p, i) => {
    if (skipped.has(`provides:${i}`)) return;
    const key = `${p.api}@${p.version}`;
    const earlier = providedSeen.get(key);
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
    providedSeen.set(key, i);
    const provided: Provided = { api: p.api, protocol: p.protocol, version: p.version, pos: pos(['provides', i]) };
    if (p.description !== undefined) provided.description = p.description;
    manifest.provides.push(provided);
    const pin = checkApiVersionPin(p.version);
    if (!pin.pinned) report('warning', 'unpinned', ['provides', i, 'version'], `api ${p.api}: ${pin.reason}`, pin.hint);
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
    const earlier = librarySeen.get(dupKey);
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
    librarySeen.set(dupKey, i);
    const pin = checkPin(ecosystem, version, { syntax, docker });
    const decl: LibraryDecl = { ecosystem, name, purl, pin, pos: pos(path) };
    if (version !== undefined) decl.version = version;
    if (scope !== undefined) decl.scope = scope;
    manifest.libraries.push(decl);
    if (!pin.pinned) report('warning', 'unpinned', versionPath, `${purl}: ${pin.reason}`, pin.hint);
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
    const earlier = serviceSeen.get(dupKey);
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
    serviceSeen.set(dupKey, i);
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
    if (!pin.pinned) {
      report(
        'warning',
        'unpinned',
        entry.version === undefined ? path : [...path, 'version'],
        `service ${entry.name}: ${pin.reason}`,
        pin.hint,
      );
    }
    if (entry.image !== undefined) {
      decl.image = entry.image;
      const imagePin = checkImagePin(entry.image, docker);
      decl.imagePin = imagePin;
      if (!imagePin.pinned)
        report(
          'warning',
          'unpinned',
          [...path, 'image'],
          `service ${entry.name}: image ${imagePin.reason}`,
          imagePin.hint,
        );
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

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.line - b.line || a.col - b.col || a.message.localeCompare(b.message));
}

function purlError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Invalid purl: /, '');
}
