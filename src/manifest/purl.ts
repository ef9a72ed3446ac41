/**
 * Package URLs (https://github.com/package-url/purl-spec) through packageurl-js: the identity
 * of a library in the graph is its purl without version, canonicalized by the library so
 * that `pkg:npm/@types/node` and `pkg:npm/%40types/node` are the same node.
 */
import { PackageURL } from 'packageurl-js';
import { ecosystemKey } from './ecosystems.js';

// Whoever reads purls also names ecosystems: one import for both (the table is ecosystems.ts's).
export { ECOSYSTEM_TYPES, purlType } from './ecosystems.js';

export interface ParsedPurl {
  /** purl type: npm, pypi, maven, golang, … */
  ecosystem: string;
  /** The name as the ecosystem writes it: `@types/node`, `org.slf4j:slf4j-api`, `github.com/x/y`. */
  name: string;
  version?: string;
  /** Canonical purl without version (keeps `repository_url` and `vcs_url`, which change identity). */
  purl: string;
}

/** Qualifiers that change which artifact a purl names, and so stay in the identity. */
const IDENTITY_QUALIFIERS = ['repository_url', 'vcs_url'];

function identityOf(p: PackageURL): string {
  const qualifiers: Record<string, string> = {};
  for (const key of IDENTITY_QUALIFIERS) {
    const value = p.qualifiers?.[key];
    if (value) qualifiers[key] = value;
  }
  const q = Object.keys(qualifiers).length > 0 ? qualifiers : undefined;
  return new PackageURL(p.type, p.namespace, p.name, undefined, q, undefined).toString();
}

function displayName(p: PackageURL): string {
  if (!p.namespace) return p.name;
  switch (p.type) {
    case 'maven':
      return `${p.namespace}:${p.name}`;
    default:
      return `${p.namespace}/${p.name}`;
  }
}

/**
 * Parsing purls is a measurable share of a 1,000-repo scan, and the same few thousand
 * libraries recur in every repo: results are memoized (bounded, cleared when full).
 */
const MEMO_LIMIT = 50_000;
const parsedMemo = new Map<string, ParsedPurl | Error>();
const identityMemo = new Map<string, string>();

function remember<V>(memo: Map<string, V>, key: string, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** Parses a purl string; throws an Error whose message says what is wrong. */
export function parsePurl(text: string): ParsedPurl {
  let known = parsedMemo.get(text);
  if (known === undefined) {
    try {
      const p = PackageURL.fromString(text.trim());
      const result: ParsedPurl = { ecosystem: p.type, name: displayName(p), purl: identityOf(p) };
      if (p.version) result.version = p.version;
      known = remember(parsedMemo, text, Object.freeze(result));
    } catch (error) {
      known = remember(parsedMemo, text, error instanceof Error ? error : new Error(String(error)));
    }
  }
  if (known instanceof Error) throw known;
  return known;
}

/**
 * The versionless purl of a library given in the object form (`ecosystem` + `name`).
 * Names use each ecosystem's own spelling: npm `@scope/pkg`, Maven `group:artifact`,
 * Go `github.com/org/mod`, Docker `registry.example.com/team/image`.
 */
export function purlFor(ecosystem: string, name: string): string {
  const key = `${ecosystem}\u0000${name}`;
  const known = identityMemo.get(key);
  if (known !== undefined) return known;
  const type = ecosystemKey(ecosystem);
  const { namespace, base, qualifiers } = splitName(type, name.trim());
  return remember(
    identityMemo,
    key,
    identityOf(new PackageURL(type, namespace, base, undefined, qualifiers, undefined)),
  );
}

function splitName(
  type: string,
  name: string,
): { namespace: string | undefined; base: string; qualifiers: Record<string, string> | undefined } {
  if (type === 'maven') {
    const [group, artifact] = name.split(':');
    if (artifact) return { namespace: group, base: artifact, qualifiers: undefined };
  }
  if (type === 'docker' || type === 'oci') {
    // `registry.host:5000/team/image`: the first segment is a registry when it looks like a host.
    const parts = name.split('/');
    const first = parts[0] ?? '';
    if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
      const rest = parts.slice(1);
      const base = rest.pop() ?? '';
      return { namespace: rest.join('/') || undefined, base, qualifiers: { repository_url: first } };
    }
  }
  if (type === 'git') {
    // A repository URL or `host/org/repo`; the path is the name.
    const cleaned = name
      .replace(/^[a-z+]+:\/\//i, '')
      .replace(/^git@([^:]+):/, '$1/')
      .replace(/\.git$/, '');
    const parts = cleaned.split('/').filter(Boolean);
    const base = parts.pop() ?? cleaned;
    return { namespace: parts.join('/') || undefined, base, qualifiers: undefined };
  }
  const slash = name.lastIndexOf('/');
  if (slash > 0) return { namespace: name.slice(0, slash), base: name.slice(slash + 1), qualifiers: undefined };
  return { namespace: undefined, base: name, qualifiers: undefined };
}

/** Canonical form of a purl typed by a user (`pkg:npm/@types/node@1` → `pkg:npm/%40types/node`), or undefined. */
export function canonicalPurl(text: string): string | undefined {
  try {
    return parsePurl(text).purl;
  } catch {
    return undefined;
  }
}
