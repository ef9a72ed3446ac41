/**
 * pnpm-lock.yaml, lockfile versions 5.x, 6.x and 9.x.
 *
 * Direct dependencies come from the importer of the project (`importers['.']` or the
 * workspace's path; v5 without workspaces keeps them at the top level). Versions carry peer
 * suffixes (`1.2.3(react@18.2.0)` in v6+, `1.2.3_react@18.2.0` in v5) that are not part of
 * the version; aliases resolve to the package actually installed.
 */
import { parseYamlWithLines } from '../util/yaml-with-lines.js';
import { asString, entriesOf, isRecord, type Located } from '../util/located.js';
import { workspaceInLock } from '../util/workspace.js';
import {
  emptyResult,
  type ImportContext,
  type ImportResult,
  type ImportedLibrary,
  type LibraryScope,
} from '../types.js';
import { defineImporter } from '../define-importer.js';

const IMPORTER_FIELDS: readonly [string, LibraryScope][] = [
  ['dependencies', 'runtime'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
];

export const pnpmLockImporter = defineImporter({
  id: 'pnpm-lock',
  description: 'lockfile v5, v6, v9; importers per workspace, peer suffixes stripped',
  library: { family: 'npm', rank: 2, kind: 'lockfile', names: ['pnpm-lock.yaml'] },
  parse(text, ctx) {
    const result = emptyResult();
    // Lines down to `importers.<path>.<field>.<name>`; deeper ones are never asked for.
    const { docs, problems } = parseYamlWithLines(text, { maxLineDepth: 4 });
    result.problems.push(...problems);
    const doc = docs[0];
    if (!doc) return result;
    if (!isRecord(doc.value)) {
      result.problems.push({ line: 1, message: 'pnpm-lock.yaml must be a YAML mapping' });
      return result;
    }
    readLock(doc, ctx, result);
    return result;
  },
});

/** `1.2.3(react@18.2.0)` / `1.2.3_react@18.2.0` → `1.2.3`. */
function stripPeerSuffix(version: string): string {
  const paren = version.indexOf('(');
  const base = paren >= 0 ? version.slice(0, paren) : version;
  const underscore = base.indexOf('_');
  return underscore >= 0 ? base.slice(0, underscore) : base;
}

/**
 * A resolved reference as an importer writes it: `1.2.3`, `1.2.3(peer@1)`, an alias
 * (`/bar@1.0.0`, `bar@1.0.0`, `/bar/1.0.0`), or a link (`link:../pkg`).
 */
function resolveReference(key: string, reference: string): { name: string; version: string } | undefined {
  if (reference.startsWith('link:') || reference.startsWith('file:') || reference.startsWith('workspace:'))
    return undefined;
  const ref = reference.replace(/^\//, '');
  if (/^\d/.test(ref)) return { name: key, version: stripPeerSuffix(ref) };
  const atVersion = /^((?:@[^/@]+\/)?[^@/]+)@(.+)$/.exec(ref);
  if (atVersion) return { name: atVersion[1]!, version: stripPeerSuffix(atVersion[2]!) };
  const slashVersion = /^((?:@[^/]+\/)?[^/]+)\/(\d[^/]*)$/.exec(ref);
  if (slashVersion) return { name: slashVersion[1]!, version: stripPeerSuffix(slashVersion[2]!) };
  // Git and tarball dependencies: `github.com/org/repo/sha`, `registry.example.com/x/-/x-1.0.0.tgz`.
  return { name: key, version: reference };
}

/** A `packages`/`snapshots` key: `/foo@1.2.3`, `foo@1.2.3(peer@1)`, `/@s/foo/1.2.3_peer@1`. */
function parsePackageKey(key: string): { name: string; version: string } | undefined {
  const ref = key.replace(/^\//, '');
  const atVersion = /^((?:@[^/@]+\/)?[^@/]+)@([^(]+)/.exec(ref);
  if (atVersion) return { name: atVersion[1]!, version: stripPeerSuffix(atVersion[2]!) };
  const slashVersion = /^((?:@[^/]+\/)?[^/]+)\/(\d[^/]*)$/.exec(ref);
  if (slashVersion) return { name: slashVersion[1]!, version: stripPeerSuffix(slashVersion[2]!) };
  return undefined;
}

function readLock(doc: Located, ctx: ImportContext, result: ImportResult): void {
  const lock = doc.value as Record<string, unknown>;
  const seen = new Set<string>();
  const add = (library: ImportedLibrary): void => {
    const id = `${library.name}@${library.version ?? ''}`;
    if (seen.has(id)) return;
    seen.add(id);
    result.libraries.push(library);
  };

  let projectBase: string[] = [];
  let project: Record<string, unknown> = lock;
  if (isRecord(lock.importers)) {
    let path = workspaceInLock(ctx) ?? '.';
    if (!isRecord(lock.importers[path])) path = '.';
    const found = lock.importers[path];
    if (isRecord(found)) {
      project = found;
      projectBase = ['importers', path];
    } else {
      result.problems.push({
        line: doc.lineOf('importers'),
        message: 'no importer "." for the root project in this lockfile',
      });
      project = {};
    }
  }

  for (const [field, scope] of IMPORTER_FIELDS) {
    for (const [key, value] of entriesOf(project[field])) {
      // v6+: { specifier, version }; v5: a bare version string.
      const reference = isRecord(value) ? asString(value.version) : asString(value);
      if (reference === undefined) continue;
      const resolved = resolveReference(key, reference);
      if (!resolved) continue;
      add({
        ecosystem: 'npm',
        name: resolved.name,
        version: resolved.version,
        scope,
        line: doc.lineOf(...projectBase, field, key),
        syntax: 'resolved',
      });
    }
  }

  if (!ctx.transitive) return;
  // v9 splits metadata (`packages`) from instances (`snapshots`); both name the same versions.
  for (const section of ['packages', 'snapshots']) {
    for (const [key, value] of entriesOf(lock[section])) {
      const parsed = parsePackageKey(key);
      if (!parsed) continue;
      const entry = isRecord(value) ? value : {};
      const name = asString(entry.name) ?? parsed.name;
      const version = asString(entry.version) ?? parsed.version;
      add({
        ecosystem: 'npm',
        name,
        version,
        scope: entry.dev === true ? 'dev' : entry.optional === true ? 'optional' : 'runtime',
        line: doc.lineOf(section, key),
        transitive: true,
        syntax: 'resolved',
      });
    }
  }
}
