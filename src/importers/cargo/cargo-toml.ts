/**
 * Cargo.toml. Versions keep Cargo's syntax (`1.0` is a caret range, `=1.0.3` is exact), so
 * the pin check reads them natively. `package = "real"` renames resolve to the real crate,
 * `workspace = true` to the version in the workspace root's `[workspace.dependencies]`,
 * `path` dependencies are this repo's own crates, and git dependencies are reported with
 * their `rev` (a commit pins; a branch or tag gets a warning).
 */
import { asString, entriesOf, isRecord } from '../util/located.js';
import { ancestors, dirname, inDir } from '../../util/paths.js';
import { normalizeHeader, tomlBlocks, tomlTable, type TomlBlock } from '../util/toml.js';
import { emptyResult, type ImportContext, type ImportResult, type LibraryScope } from '../types.js';
import { defineImporter } from '../define-importer.js';

const KINDS: [string, LibraryScope][] = [
  ['dependencies', 'runtime'],
  ['dev-dependencies', 'dev'],
  ['build-dependencies', 'build'],
];

export const cargoTomlImporter = defineImporter({
  id: 'cargo-toml',
  description: 'version requirements as written; renames, `workspace = true`, git revs',
  library: { family: 'cargo', rank: 2, kind: 'ranges', names: ['Cargo.toml'], workspace: true },
  parse(text, ctx) {
    const result = emptyResult();
    const doc = tomlTable(text, result.problems);
    if (!doc) return result;
    const blocks = tomlBlocks(text);
    const tables: { path: string; table: unknown; scope: LibraryScope }[] = [];
    for (const [kind, scope] of KINDS) tables.push({ path: kind, table: doc[kind], scope });
    for (const [cfg, target] of entriesOf(doc.target)) {
      if (!isRecord(target)) continue;
      for (const [kind, scope] of KINDS) tables.push({ path: `target.${cfg}.${kind}`, table: target[kind], scope });
    }
    const workspace = isRecord(doc.workspace) ? doc.workspace : undefined;
    if (!isRecord(doc.package) && workspace)
      tables.push({ path: 'workspace.dependencies', table: workspace.dependencies, scope: 'runtime' });

    const seen = new Set<string>();
    for (const { path, table, scope } of tables) {
      for (const [key, spec] of entriesOf(table)) {
        const line = keyLine(blocks, path, key);
        const dep = readSpec(key, spec, ctx, result, line);
        if (!dep) continue;
        const id = `${dep.name}@${dep.version ?? ''}`;
        if (seen.has(id)) continue;
        seen.add(id);
        result.libraries.push({
          ecosystem: 'cargo',
          name: dep.name,
          version: dep.version,
          scope: dep.optional && scope === 'runtime' ? 'optional' : scope,
          line,
          syntax: dep.exactRev ? 'resolved' : 'native',
        });
      }
    }
    return result;
  },
});

interface CargoDep {
  name: string;
  version?: string;
  optional: boolean;
  /** A git commit: exact whatever its spelling. */
  exactRev: boolean;
}

function readSpec(
  key: string,
  spec: unknown,
  ctx: ImportContext,
  result: ImportResult,
  line: number | undefined,
): CargoDep | undefined {
  if (typeof spec === 'string') return { name: key, version: spec, optional: false, exactRev: false };
  if (!isRecord(spec)) {
    result.problems.push({ line, message: `${key}: a dependency is a version string or a table` });
    return undefined;
  }
  const name = asString(spec.package) ?? key;
  const optional = spec.optional === true;
  if (spec.path !== undefined && spec.version === undefined) return undefined;
  if (spec.workspace === true) {
    const inherited = workspaceSpec(name, key, ctx);
    if (inherited === undefined) {
      result.problems.push({
        line,
        message: `${key}: workspace = true, but no [workspace.dependencies] entry for it was found in a parent Cargo.toml`,
        severity: 'warning',
      });
      return { name, optional, exactRev: false };
    }
    const version =
      typeof inherited === 'string' ? inherited : isRecord(inherited) ? asString(inherited.version) : undefined;
    const inheritedName = isRecord(inherited) ? (asString(inherited.package) ?? name) : name;
    if (isRecord(inherited) && inherited.path !== undefined && version === undefined) return undefined;
    return { name: inheritedName, version, optional, exactRev: false };
  }
  if (spec.git !== undefined) {
    const rev = asString(spec.rev);
    if (rev) return { name, version: rev, optional, exactRev: true };
    const ref = asString(spec.tag) ?? asString(spec.branch);
    result.problems.push({
      line,
      message: `${key}: git dependency on ${spec.tag !== undefined ? 'tag' : spec.branch !== undefined ? 'branch' : 'the default branch'}${ref ? ` ${ref}` : ''}, which can move`,
      hint: 'pin it with rev = "<commit>"',
      severity: 'warning',
    });
    return { name, version: asString(spec.version), optional, exactRev: false };
  }
  return { name, version: asString(spec.version), optional, exactRev: false };
}

function workspaceSpec(name: string, key: string, ctx: ImportContext): unknown {
  for (const dir of ancestors(dirname(ctx.file)).slice(1)) {
    const manifest = tomlTable(ctx.readFile(inDir(dir, 'Cargo.toml')));
    if (!manifest || !isRecord(manifest.workspace)) continue;
    const deps = manifest.workspace.dependencies;
    if (!isRecord(deps)) return undefined;
    return deps[key] ?? deps[name];
  }
  return undefined;
}

/** Line of `key = …` under `[path]`, or of a `[path.key]` table. */
function keyLine(blocks: TomlBlock[], path: string, key: string): number | undefined {
  for (const block of blocks) {
    const header = normalizeHeader(block.header);
    if (header === path) {
      if (block.keys.has(key)) return block.keys.get(key);
      // `tokio.workspace = true`: a dotted key under the table.
      for (const [name, line] of block.keys) if (name.startsWith(`${key}.`)) return line;
    }
    if (header === `${path}.${key}`) return block.line;
  }
  // Dotted keys at a higher level: `[target.'cfg(unix)']` + `dependencies.libc = …`.
  for (const block of blocks) if (block.keys.has(`${path}.${key}`)) return block.keys.get(`${path}.${key}`);
  return undefined;
}
