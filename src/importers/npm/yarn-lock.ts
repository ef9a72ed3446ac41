/**
 * yarn.lock, classic (v1, yarn's own text format) and berry (v2+, YAML with `__metadata`).
 *
 * Neither lists the project's direct dependencies as such: classic takes them from the
 * package.json beside the lockfile (or the workspace's); berry from its workspace entry
 * (`app@workspace:.`), whose `dependencies` name the descriptors to look up. Entries are keyed
 * by every descriptor that resolved to them (`"a@^1.0.0, a@^1.1.0":`); berry's real package
 * comes from `resolution` (`string-width@npm:4.2.3` for an alias, `resolve@patch:…` for a patch).
 */
import { jsonObject } from '../util/json-with-lines.js';
import { parseYamlWithLines } from '../util/yaml-with-lines.js';
import { asString, entriesOf, isRecord } from '../util/located.js';
import { readProjectFile, workspaceInLock } from '../util/workspace.js';
import {
  emptyResult,
  type ImportContext,
  type ImportResult,
  type ImportedLibrary,
  type LibraryScope,
} from '../types.js';
import { defineImporter } from '../define-importer.js';
import { DEPENDENCY_FIELDS, parseNpmSpec } from './npm-spec.js';

interface YarnEntry {
  descriptors: string[];
  name: string;
  version?: string;
  line: number;
  /** Berry: the dependencies of a workspace entry. */
  dependencies?: Record<string, string>;
  /** Berry: the resolution protocol (`npm`, `workspace`, `patch`, `git`, …). */
  protocol?: string;
  resolution?: string;
}

export const yarnLockImporter = defineImporter({
  id: 'yarn-lock',
  description: 'classic (v1) and berry (v2+); berry `resolution`, patches, aliases',
  library: { family: 'npm', rank: 3, kind: 'lockfile', names: ['yarn.lock'] },
  parse(text, ctx) {
    const result = emptyResult();
    const berry = /^__metadata:/m.test(text);
    const entries = berry ? readBerry(text, result) : readClassic(text, result);
    if (!entries) return result;
    collect(entries, berry, ctx, result);
    return result;
  },
});

/** `@scope/name@range` → [`@scope/name`, `range`]. */
function splitDescriptor(descriptor: string): [string, string] {
  const at = descriptor.indexOf('@', descriptor.startsWith('@') ? 1 : 0);
  return at < 0 ? [descriptor, ''] : [descriptor.slice(0, at), descriptor.slice(at + 1)];
}

function splitKeys(key: string): string[] {
  return key
    .split(',')
    .map((part) => part.trim().replace(/^"|"$/g, ''))
    .filter(Boolean);
}

function readClassic(text: string, result: ImportResult): YarnEntry[] | undefined {
  const entries: YarnEntry[] = [];
  let current: YarnEntry | undefined;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!.replace(/\r$/, '');
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (indent === 0) {
      if (!line.endsWith(':')) {
        result.problems.push({
          line: index + 1,
          message: `yarn.lock: expected "<package>@<range>:" but found ${JSON.stringify(line.slice(0, 60))}`,
        });
        current = undefined;
        continue;
      }
      const descriptors = splitKeys(line.slice(0, -1));
      const first = descriptors[0] ?? '';
      const [key, range] = splitDescriptor(first);
      current = { descriptors, name: parseNpmSpec(key, range).name, line: index + 1 };
      entries.push(current);
      continue;
    }
    if (!current) continue;
    if (indent === 2) {
      const field = /^"?([A-Za-z]+)"?:?\s+"?([^"]*)"?$/.exec(line);
      if (field && field[1] === 'version') current.version = field[2];
    }
  }
  if (entries.length === 0 && text.trim() !== '' && !/yarn lockfile v1/.test(text)) {
    result.problems.push({ line: 1, message: 'no entries found: this does not look like a yarn.lock' });
  }
  return entries;
}

function readBerry(text: string, result: ImportResult): YarnEntry[] | undefined {
  const { docs, problems } = parseYamlWithLines(text, { maxLineDepth: 1 });
  result.problems.push(...problems);
  const doc = docs[0];
  if (!doc || !isRecord(doc.value)) return undefined;
  const entries: YarnEntry[] = [];
  for (const [key, value] of Object.entries(doc.value)) {
    if (key === '__metadata' || !isRecord(value)) continue;
    const descriptors = splitKeys(key);
    const resolution = asString(value.resolution) ?? descriptors[0] ?? key;
    const [name, reference] = splitDescriptor(resolution);
    const protocol = /^([a-z]+):/.exec(reference)?.[1];
    const dependencies: Record<string, string> = {};
    for (const [dep, range] of entriesOf(value.dependencies)) if (typeof range === 'string') dependencies[dep] = range;
    entries.push({
      descriptors,
      name,
      version: asString(value.version),
      line: doc.lineOf(key) ?? 1,
      dependencies,
      protocol,
      resolution,
    });
  }
  return entries;
}

const LOCAL_PROTOCOLS = new Set(['workspace', 'link', 'portal', 'file']);

function collect(entries: YarnEntry[], berry: boolean, ctx: ImportContext, result: ImportResult): void {
  const byDescriptor = new Map<string, YarnEntry>();
  for (const entry of entries) for (const descriptor of entry.descriptors) byDescriptor.set(descriptor, entry);

  const scopes = packageJsonScopes(ctx);
  const seen = new Set<string>();
  const add = (
    entry: YarnEntry,
    library: Omit<ImportedLibrary, 'ecosystem' | 'name' | 'version' | 'line' | 'syntax'>,
  ): void => {
    const id = `${entry.name}@${entry.version ?? ''}`;
    if (seen.has(id)) return;
    seen.add(id);
    result.libraries.push({
      ecosystem: 'npm',
      name: entry.name,
      version: entry.version,
      line: entry.line,
      syntax: 'resolved',
      ...library,
    });
  };

  const direct: { name: string; range: string; scope: LibraryScope }[] = [];
  const workspace = berry ? workspaceEntry(entries, ctx) : undefined;
  if (workspace) {
    for (const [name, range] of Object.entries(workspace.dependencies ?? {}))
      direct.push({ name, range, scope: scopes?.get(name) ?? 'runtime' });
  } else if (scopes) {
    for (const [name, scope] of scopes) direct.push({ name, range: scopes.ranges.get(name) ?? '', scope });
  } else if (!berry) {
    result.problems.push({
      line: 1,
      message: 'yarn.lock does not say which dependencies are direct and no package.json was found beside it',
      hint: 'keep package.json next to yarn.lock, or import with transitive dependencies',
      severity: 'warning',
    });
  }

  for (const { name, range, scope } of direct) {
    const candidates = berry ? [`${name}@${range}`, `${name}@npm:${range}`] : [`${name}@${range}`];
    const entry = candidates.map((descriptor) => byDescriptor.get(descriptor)).find((found) => found !== undefined);
    if (!entry) {
      if (/^(workspace|link|portal|file):/.test(range) || scope === 'peer' || scope === 'optional') continue;
      // A range edited in package.json without `yarn install`: what is installed is the one entry
      // the lockfile holds for that name, still a direct dependency, not a removed one.
      const named = entries.filter((e) => e.name === name);
      const only = named.length === 1 ? named[0] : undefined;
      result.problems.push({
        message: `${name}@${range} is declared in package.json but not found in yarn.lock${only?.version ? ` (it locks ${only.version})` : ''}`,
        hint: 'run yarn install',
        severity: 'warning',
      });
      if (only && !(only.protocol && LOCAL_PROTOCOLS.has(only.protocol))) add(only, { scope });
      continue;
    }
    if (entry.protocol && LOCAL_PROTOCOLS.has(entry.protocol)) continue;
    add(entry, { scope });
  }

  if (!ctx.transitive) return;
  for (const entry of entries) {
    if (entry.protocol && LOCAL_PROTOCOLS.has(entry.protocol)) continue;
    add(entry, { transitive: true });
  }
}

function workspaceEntry(entries: YarnEntry[], ctx: ImportContext): YarnEntry | undefined {
  const path = workspaceInLock(ctx) ?? '.';
  const workspaces = entries.filter((entry) => entry.protocol === 'workspace');
  return (
    workspaces.find((entry) => entry.resolution?.endsWith(`@workspace:${path}`)) ??
    workspaces.find((entry) => entry.resolution?.endsWith('@workspace:.'))
  );
}

type Scopes = Map<string, LibraryScope> & { ranges: Map<string, string> };

function packageJsonScopes(ctx: ImportContext): Scopes | undefined {
  const pkg = jsonObject(readProjectFile(ctx, 'package.json'));
  if (!pkg) return undefined;
  const scopes = Object.assign(new Map<string, LibraryScope>(), { ranges: new Map<string, string>() });
  for (const [field, scope] of DEPENDENCY_FIELDS) {
    for (const [name, range] of entriesOf(pkg[field])) {
      if (scopes.has(name) || typeof range !== 'string') continue;
      scopes.set(name, scope);
      scopes.ranges.set(name, range);
    }
  }
  return scopes;
}
