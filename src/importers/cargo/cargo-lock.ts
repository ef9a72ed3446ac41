/**
 * Cargo.lock. The workspace's own crates are the packages without a `source`; their
 * `dependencies` (`"name"`, or `"name version"` when several versions are locked) are the
 * direct ones. Everything with a source is a library. Read for one member of a workspace
 * (`ctx.workspace`, whose Cargo.toml names the crate), only that crate's dependencies are.
 */
import { asArray, asString, isRecord } from '../util/located.js';
import { dirname, inDir } from '../../util/paths.js';
import { tomlLockfile, tomlTable } from '../util/toml.js';
import { emptyResult, type ImportContext } from '../types.js';
import { defineImporter } from '../define-importer.js';

export const cargoLockImporter = defineImporter({
  id: 'cargo-lock',
  description: 'direct dependencies of the workspace crates',
  library: { family: 'cargo', rank: 1, kind: 'lockfile', names: ['Cargo.lock'] },
  parse(text, ctx) {
    const result = emptyResult();
    const lock = tomlLockfile(text, result.problems);
    if (!lock) return result;
    const { packages, lineOf } = lock;
    let local = packages.filter((entry) => entry.source === undefined);
    const member = memberCrate(ctx);
    if (member && local.some((entry) => entry.name === member)) local = local.filter((entry) => entry.name === member);
    const localNames = new Set(local.map((entry) => asString(entry.name)));
    const directRefs = new Set<string>();
    for (const crate of local) {
      for (const ref of asArray(crate.dependencies)) {
        if (typeof ref !== 'string') continue;
        const [name, version] = ref.split(' ');
        if (name && !localNames.has(name)) directRefs.add(version ? `${name} ${version}` : name);
      }
    }
    const isDirect = (name: string, version: string | undefined): boolean =>
      directRefs.has(name) || directRefs.has(`${name} ${version}`);
    const seen = new Set<string>();
    for (const entry of packages) {
      if (entry.source === undefined) continue;
      const name = asString(entry.name);
      const version = asString(entry.version);
      if (!name) continue;
      const direct = isDirect(name, version);
      if (!direct && !ctx.transitive) continue;
      const id = `${name}@${version ?? ''}`;
      if (seen.has(id)) continue;
      seen.add(id);
      result.libraries.push({
        ecosystem: 'cargo',
        name,
        version,
        line: lineOf(name, version),
        ...(direct ? {} : { transitive: true }),
        syntax: 'resolved',
      });
    }
    if (local.length === 0 && packages.length > 0) {
      result.problems.push({
        line: 1,
        message: 'Cargo.lock has no local crate (a package without source): every crate is taken as direct',
        severity: 'warning',
      });
      for (const entry of packages) {
        const name = asString(entry.name);
        const version = asString(entry.version);
        if (!name || seen.has(`${name}@${version ?? ''}`)) continue;
        result.libraries.push({ ecosystem: 'cargo', name, version, line: lineOf(name, version), syntax: 'resolved' });
      }
    }
    return result;
  },
});

/** The crate name of the workspace member the lockfile is read for. */
function memberCrate(ctx: ImportContext): string | undefined {
  if (ctx.workspace === undefined || ctx.workspace === dirname(ctx.file)) return undefined;
  const manifest = tomlTable(ctx.readFile(inDir(ctx.workspace, 'Cargo.toml')));
  return manifest && isRecord(manifest.package) ? asString(manifest.package.name) : undefined;
}
