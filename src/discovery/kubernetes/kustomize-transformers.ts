/**
 * A kustomization's transformers, in kustomize's order after its patches: `namespace`,
 * `namePrefix`/`nameSuffix` (with the ConfigMap and Secret references of pods renamed alike),
 * `commonLabels` and `labels` (on resources, pod templates and, where kustomize puts them,
 * selectors), and `images` (newName, newTag, digest). Each changed value records the
 * kustomization line that changed it.
 */
import type { SourceRef } from '../model.js';
import { asArray, asString, isRecord } from '../../importers/util/located.js';
import { containersOf, dig, workloadKind } from '../../importers/kubernetes/resources.js';
import type { KubeResource } from './manifest-files.js';
import { entriesOfField, type BuildContext } from './kustomize-context.js';
import { labelsOf } from './label-selectors.js';

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'APIService',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'PodSecurityPolicy',
]);

export function applyTransformers(
  ctx: BuildContext,
  k: Record<string, unknown>,
  kustomization: string,
  resources: KubeResource[],
): void {
  const namespace = asString(k.namespace);
  if (namespace)
    for (const r of resources)
      if (!CLUSTER_SCOPED.has(r.kind))
        put(ctx, ensure(ctx, r.value, ['metadata']), 'namespace', namespace, ctx.origins.at(k, 'namespace'));
  rename(ctx, k, resources);
  const common = labelsOf(k.commonLabels);
  if (common) addLabels(ctx, resources, common, k.commonLabels, { selectors: true, templates: true });
  for (const entry of asArray(k.labels)) {
    if (!isRecord(entry)) continue;
    const pairs = labelsOf(entry.pairs);
    const selectors = entry.includeSelectors === true;
    if (pairs)
      addLabels(ctx, resources, pairs, entry.pairs, {
        selectors,
        templates: selectors || entry.includeTemplates === true,
      });
  }
  for (const { value: entry } of entriesOfField(ctx, k, 'images', kustomization))
    if (isRecord(entry)) retag(ctx, entry, resources);
}

function put(
  ctx: BuildContext,
  target: Record<string, unknown>,
  key: string,
  value: unknown,
  at: SourceRef | undefined,
): void {
  if (key === '__proto__') return;
  target[key] = value;
  ctx.origins.setKey(target, key, at);
}

/** The record at `path` inside `root`, made where missing. */
function ensure(ctx: BuildContext, root: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  let current = root;
  for (const key of path) {
    if (!isRecord(current[key])) {
      const made = {};
      ctx.origins.stamp(made, ctx.origins.of(current) ?? { file: '' });
      current[key] = made;
    }
    current = current[key] as Record<string, unknown>;
  }
  return current;
}

function podSpecsOf(resource: KubeResource): Record<string, unknown>[] {
  const kind = workloadKind(resource.kind);
  const pod = kind ? dig(resource.value, kind.podSpec) : undefined;
  return isRecord(pod) ? [pod] : [];
}

function containersIn(pod: Record<string, unknown>): Record<string, unknown>[] {
  return [...containersOf(pod), ...asArray(pod.initContainers)].filter(isRecord);
}

function rename(ctx: BuildContext, k: Record<string, unknown>, resources: KubeResource[]): void {
  const prefix = asString(k.namePrefix) ?? '';
  const suffix = asString(k.nameSuffix) ?? '';
  if (!prefix && !suffix) return;
  const renamed = { ConfigMap: new Map<string, string>(), Secret: new Map<string, string>() };
  for (const r of resources) {
    if (r.kind === 'Namespace' || r.kind === 'CustomResourceDefinition') continue;
    const name = `${prefix}${r.name}${suffix}`;
    if (r.kind === 'ConfigMap' || r.kind === 'Secret') renamed[r.kind].set(r.name, name);
    const metadata = ensure(ctx, r.value, ['metadata']);
    metadata.name = name;
    r.name = name;
  }
  const follow = (ref: unknown, kind: 'ConfigMap' | 'Secret', key = 'name'): void => {
    const name = isRecord(ref) ? asString(ref[key]) : undefined;
    if (isRecord(ref) && name !== undefined && renamed[kind].has(name)) ref[key] = renamed[kind].get(name);
  };
  for (const pod of resources.flatMap(podSpecsOf)) {
    for (const container of containersIn(pod)) {
      for (const source of asArray(container.envFrom).filter(isRecord)) {
        follow(source.configMapRef, 'ConfigMap');
        follow(source.secretRef, 'Secret');
      }
      for (const env of asArray(container.env).filter(isRecord)) {
        if (!isRecord(env.valueFrom)) continue;
        follow(env.valueFrom.configMapKeyRef, 'ConfigMap');
        follow(env.valueFrom.secretKeyRef, 'Secret');
      }
    }
    for (const volume of asArray(pod.volumes).filter(isRecord)) {
      follow(volume.configMap, 'ConfigMap');
      follow(volume.secret, 'Secret', 'secretName');
    }
  }
}

function addLabels(
  ctx: BuildContext,
  resources: KubeResource[],
  labels: Record<string, string>,
  written: unknown,
  where: { selectors: boolean; templates: boolean },
): void {
  const add = (target: Record<string, unknown>): void => {
    for (const [key, value] of Object.entries(labels)) put(ctx, target, key, value, ctx.origins.at(written, key));
  };
  for (const r of resources) {
    add(ensure(ctx, r.value, ['metadata', 'labels']));
    const kind = workloadKind(r.kind);
    if (kind && where.templates && r.kind !== 'Pod') add(ensure(ctx, r.value, kind.labels));
    if (!where.selectors) continue;
    const spec = isRecord(r.value.spec) ? r.value.spec : undefined;
    if (kind && r.kind !== 'Pod' && r.kind !== 'Job' && r.kind !== 'CronJob')
      add(
        r.kind === 'ReplicationController'
          ? ensure(ctx, r.value, ['spec', 'selector'])
          : ensure(ctx, r.value, ['spec', 'selector', 'matchLabels']),
      );
    else if (r.kind === 'Service' && spec && isRecord(spec.selector)) add(spec.selector);
    else if (r.kind === 'NetworkPolicy' && spec) {
      const selectors = [spec.podSelector];
      for (const rule of asArray(spec.ingress).filter(isRecord))
        selectors.push(...asArray(rule.from).map((p) => (isRecord(p) ? p.podSelector : undefined)));
      for (const rule of asArray(spec.egress).filter(isRecord))
        selectors.push(...asArray(rule.to).map((p) => (isRecord(p) ? p.podSelector : undefined)));
      for (const selector of selectors.filter(isRecord)) add(ensure(ctx, selector, ['matchLabels']));
    }
  }
}

/** `name[:tag][@digest]`, the tag being after the last `/` (a registry may have a port). */
export function splitImage(image: string): { name: string; tag?: string; digest?: string } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const rest = at >= 0 ? image.slice(0, at) : image;
  const colon = rest.lastIndexOf(':');
  const tagged = colon > rest.lastIndexOf('/');
  return {
    name: tagged ? rest.slice(0, colon) : rest,
    ...(tagged ? { tag: rest.slice(colon + 1) } : {}),
    ...(digest ? { digest } : {}),
  };
}

function retag(ctx: BuildContext, entry: Record<string, unknown>, resources: KubeResource[]): void {
  const name = asString(entry.name);
  const newName = asString(entry.newName);
  const newTag = asString(entry.newTag);
  const digest = asString(entry.digest);
  if (!name || (!newName && !newTag && !digest)) return;
  const line = ctx.origins.at(entry, digest ? 'digest' : newTag ? 'newTag' : 'newName');
  for (const pod of resources.flatMap(podSpecsOf)) {
    for (const container of containersIn(pod)) {
      const image = asString(container.image);
      if (image === undefined) continue;
      const parts = splitImage(image);
      if (parts.name !== name) continue;
      const suffix = digest
        ? `@${digest}`
        : newTag
          ? `:${newTag}`
          : `${parts.tag ? `:${parts.tag}` : ''}${parts.digest ? `@${parts.digest}` : ''}`;
      if (!ctx.writtenImages.has(container)) ctx.writtenImages.set(container, image);
      put(ctx, container, 'image', `${newName ?? name}${suffix}`, line);
    }
  }
}
