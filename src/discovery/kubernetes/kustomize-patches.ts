/**
 * A kustomization's patches: `patchesStrategicMerge` (files or inline YAML), `patches` (a file
 * or inline patch, strategic merge or JSON patch, on the resources its `target` selects or the
 * one its own kind and name say) and `patchesJson6902`. Each patched resource records the patch
 * as another place that declares it; a patch that matches nothing is a warning.
 */
import type { SourceRef } from '../model.js';
import { asArray, asString, isRecord } from '../../importers/util/located.js';
import { metadataOf, nameOf } from '../../importers/kubernetes/resources.js';
import { dirname } from '../../util/paths.js';
import type { KubeResource } from './manifest-files.js';
import { entriesOfField, note, problem, resolveEntry, type BuildContext } from './kustomize-context.js';
import { applyJsonPatch, strategicMerge } from './strategic-merge.js';

interface PatchDoc {
  value: unknown;
  at: SourceRef;
}

export function applyPatches(
  ctx: BuildContext,
  k: Record<string, unknown>,
  kustomization: string,
  resources: KubeResource[],
): void {
  const dir = dirname(kustomization);
  for (const { value, at } of entriesOfField(ctx, k, 'patchesStrategicMerge', kustomization)) {
    const text = asString(value);
    if (text === undefined) continue;
    const inline = /\n|^\s*(apiVersion|kind)\s*:/.test(text);
    for (const doc of inline ? inlineDocs(ctx, text, at) : fileDocs(ctx, dir, text, at))
      if (isRecord(doc.value)) mergeByName(ctx, doc, resources);
  }
  for (const field of ['patches', 'patchesJson6902']) {
    for (const { value: entry, at } of entriesOfField(ctx, k, field, kustomization)) {
      if (!isRecord(entry)) continue;
      const path = asString(entry.path);
      const text = asString(entry.patch);
      const docs =
        path !== undefined ? fileDocs(ctx, dir, path, at) : text !== undefined ? inlineDocs(ctx, text, at) : [];
      const targets = isRecord(entry.target)
        ? resources.filter((r) => selects(entry.target as Record<string, unknown>, r))
        : undefined;
      for (const doc of docs) {
        if (Array.isArray(doc.value)) jsonPatch(ctx, doc, targets, at);
        else if (isRecord(doc.value) && targets) for (const target of targets) merge(ctx, doc, target);
        else if (isRecord(doc.value)) mergeByName(ctx, doc, resources);
      }
    }
  }
}

function fileDocs(ctx: BuildContext, dir: string, entry: string, at: SourceRef): PatchDoc[] {
  const target = resolveEntry(ctx, dir, entry, at);
  if (target?.kind !== 'file') {
    if (target) problem(ctx, at, `patch ${entry} is not a file`, 'warning');
    return [];
  }
  note(ctx, target.path);
  const file = ctx.reader.dataFile(target.path);
  ctx.problems.push(...file.problems);
  return file.docs.map((doc) => ({ value: doc.value, at: { file: target.path, line: doc.line } }));
}

function inlineDocs(ctx: BuildContext, text: string, at: SourceRef): PatchDoc[] {
  const file = ctx.reader.inlineData(text, at);
  ctx.problems.push(...file.problems);
  return file.docs.map((doc) => ({ value: doc.value, at }));
}

function mergeByName(ctx: BuildContext, doc: PatchDoc, resources: KubeResource[]): void {
  const patch = doc.value as Record<string, unknown>;
  const kind = asString(patch.kind);
  const name = nameOf(patch);
  const namespace = asString(metadataOf(patch).namespace);
  const matched = resources.filter(
    (r) => r.kind === kind && r.name === name && (namespace === undefined || namespaceOf(r) === namespace),
  );
  if (matched.length === 0)
    problem(ctx, doc.at, `patch for ${kind ?? '?'} ${name ?? '?'} matches no resource`, 'warning');
  for (const target of matched) merge(ctx, doc, target);
}

function merge(ctx: BuildContext, doc: PatchDoc, target: KubeResource): void {
  const patch = ctx.origins.clone(doc.value) as Record<string, unknown>;
  // The target names the resource; a patch's own kind and name only chose it.
  delete patch.apiVersion;
  delete patch.kind;
  if (isRecord(patch.metadata)) {
    delete patch.metadata.name;
    delete patch.metadata.namespace;
  }
  strategicMerge(target.value, patch, ctx.origins);
  recordPatch(doc, target);
}

function jsonPatch(ctx: BuildContext, doc: PatchDoc, targets: KubeResource[] | undefined, at: SourceRef): void {
  if (!targets) {
    problem(ctx, at, 'a JSON patch needs a target; not applied', 'warning');
    return;
  }
  let reported = false;
  for (const target of targets) {
    const failed = applyJsonPatch(target.value, ctx.origins.clone(asArray(doc.value)), ctx.origins, doc.at);
    target.name = nameOf(target.value) ?? target.name;
    recordPatch(doc, target);
    if (failed.length > 0 && !reported) {
      problem(
        ctx,
        doc.at,
        `patch operations that do not apply to ${target.kind} ${target.name}: ${failed.join(', ')}`,
        'warning',
      );
      reported = true;
    }
  }
}

function recordPatch(doc: PatchDoc, target: KubeResource): void {
  if (!target.alsoDeclared.some((ref) => ref.file === doc.at.file && ref.line === doc.at.line))
    target.alsoDeclared.push(doc.at);
}

function namespaceOf(resource: KubeResource): string | undefined {
  return asString(metadataOf(resource.value).namespace);
}

/** A patch target: kind, name, namespace (exact, or with `*` wildcards), group, version, labelSelector. */
function selects(target: Record<string, unknown>, resource: KubeResource): boolean {
  const [group, version] = resource.apiVersion.includes('/')
    ? resource.apiVersion.split('/', 2)
    : ['', resource.apiVersion];
  const checks: [unknown, string | undefined][] = [
    [target.kind, resource.kind],
    [target.name, resource.name],
    [target.namespace, namespaceOf(resource)],
    [target.group, group],
    [target.version, version],
  ];
  if (!checks.every(([pattern, actual]) => pattern === undefined || wildcard(asString(pattern) ?? '', actual ?? '')))
    return false;
  const selector = asString(target.labelSelector);
  if (selector === undefined) return true;
  const labels = metadataOf(resource.value).labels;
  return selector.split(',').every((term) => {
    const match = /^\s*([^!=\s]+)\s*(==|=|!=)\s*(\S*)\s*$/.exec(term);
    if (!match) return /^\s*[^!=\s]+\s*$/.test(term) && isRecord(labels) && Object.hasOwn(labels, term.trim());
    const actual = isRecord(labels) && Object.hasOwn(labels, match[1]!) ? asString(labels[match[1]!]) : undefined;
    return match[2] === '!=' ? actual !== match[3] : actual === match[3];
  });
}

/** Kustomize reads targets as regular expressions; real ones are names or `.*` wildcards, matched here without running a regex from the repo. */
function wildcard(pattern: string, actual: string): boolean {
  const stripped = pattern.replace(/^\^|\$$/g, '').replace(/\.\*/g, '*');
  const parts = stripped.split('*');
  if (parts.length === 1) return stripped === actual;
  let position = 0;
  for (const [index, part] of parts.entries()) {
    const found = index === 0 ? (actual.startsWith(part) ? 0 : -1) : actual.indexOf(part, position);
    if (found < 0) return false;
    position = found + part.length;
  }
  return parts[parts.length - 1] === '' || actual.endsWith(parts[parts.length - 1]!);
}
