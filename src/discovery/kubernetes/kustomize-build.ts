/**
 * `kustomize build`, read rather than run: a kustomization's `resources` and `bases` (files,
 * folders, other kustomizations, recursively), its `components`, generators, patches and
 * transformers, applied in kustomize's order to copies of the resources. Nothing is fetched:
 * a remote resource is a warning; a path that leaves the repo, a cycle or a runaway tree is a
 * problem, and the rest is still built.
 */
import type { SourceRef } from '../model.js';
import { asString, isRecord } from '../../importers/util/located.js';
import { dirname } from '../../util/paths.js';
import type { KubeResource } from './manifest-files.js';
import { entriesOfField, note, problem, resolveEntry, type BuildContext } from './kustomize-context.js';
import { applyGenerators } from './kustomize-generators.js';
import { applyPatches } from './kustomize-patches.js';
import { applyTransformers } from './kustomize-transformers.js';

/** Kustomizations nest a few levels; anything deeper is a cycle in disguise or hostile. */
const MAX_DEPTH = 24;
/** Bounds the work of one root: a tree that lists its bases many times over grows exponentially. */
const MAX_VISITS = 2000;
const MAX_RESOURCES = 20_000;

/**
 * Builds the kustomization at `path` (a Kustomization, or a Component applied to `input`, the
 * resources accumulated so far) and returns the resources it makes.
 */
export function buildKustomization(ctx: BuildContext, path: string, input: KubeResource[]): KubeResource[] {
  const at: SourceRef = { file: path, line: 1 };
  if (ctx.stack.includes(path)) {
    problem(ctx, at, `kustomization cycle: ${[...ctx.stack, path].join(' → ')}`, 'error');
    return input;
  }
  if (ctx.stack.length >= MAX_DEPTH || ++ctx.visits > MAX_VISITS || ctx.stopped) {
    if (!ctx.stopped) problem(ctx, at, 'kustomization tree too deep or too large; the rest is not read', 'error');
    ctx.stopped = true;
    return input;
  }
  note(ctx, path);
  const file = ctx.reader.dataFile(path);
  ctx.problems.push(...file.problems);
  const k = file.docs[0]?.value;
  if (!isRecord(k)) {
    if (file.problems.length === 0) problem(ctx, at, 'kustomization is empty or not a map', 'warning');
    return input;
  }
  ctx.stack = [...ctx.stack, path];
  const dir = dirname(path);
  const resources = [...input];
  for (const { value, at: entryAt } of [
    ...entriesOfField(ctx, k, 'resources', path),
    ...entriesOfField(ctx, k, 'bases', path),
  ]) {
    const entry = asString(value);
    const target = entry === undefined ? undefined : resolveEntry(ctx, dir, entry, entryAt);
    if (!target) continue;
    if (target.kind === 'kustomization') add(ctx, resources, buildKustomization(ctx, target.path, []));
    else if (target.kind === 'file') add(ctx, resources, readManifest(ctx, target.path, entryAt));
    else
      for (const inFolder of manifestsIn(ctx, target.path)) add(ctx, resources, readManifest(ctx, inFolder, entryAt));
  }
  let built = resources;
  for (const { value, at: entryAt } of entriesOfField(ctx, k, 'components', path)) {
    const entry = asString(value);
    const target = entry === undefined ? undefined : resolveEntry(ctx, dir, entry, entryAt);
    if (target?.kind === 'kustomization') built = buildKustomization(ctx, target.path, built);
    else if (target) problem(ctx, entryAt, `component ${entry} has no kustomization`, 'warning');
  }
  applyGenerators(ctx, k, path, dir, built);
  applyPatches(ctx, k, path, built);
  applyTransformers(ctx, k, path, built);
  if (k.helmCharts !== undefined || k.helmChartInflationGenerator !== undefined)
    problem(ctx, ctx.origins.at(k, 'helmCharts') ?? at, 'helmCharts are not inflated (depmap runs no Helm)', 'warning');
  ctx.stack = ctx.stack.slice(0, -1);
  return built;
}

function add(ctx: BuildContext, into: KubeResource[], more: KubeResource[]): void {
  if (ctx.resources + more.length > MAX_RESOURCES) {
    if (!ctx.stopped)
      problem(
        ctx,
        { file: ctx.stack[0] ?? '', line: 1 },
        'kustomization makes too many resources; the rest is not read',
        'error',
      );
    ctx.stopped = true;
    return;
  }
  ctx.resources += more.length;
  into.push(...more);
}

function readManifest(ctx: BuildContext, path: string, at: SourceRef): KubeResource[] {
  note(ctx, path);
  const file = ctx.reader.listed(path, at);
  ctx.problems.push(...file.problems);
  if (file.template !== undefined)
    problem(ctx, { file: path, line: file.template }, 'a template ({{ … }}), not a manifest; not read', 'warning');
  return ctx.reader.copies(file);
}

/** A folder without a kustomization, listed as a resource: its manifests, as `kubectl apply -f` reads it. */
function manifestsIn(ctx: BuildContext, dir: string): string[] {
  return ctx.index.filesIn(dir).filter((path) => ctx.reader.manifest(path) !== undefined);
}
