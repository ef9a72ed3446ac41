/**
 * Kustomize's `configMapGenerator` and `secretGenerator`: ConfigMaps written as `literals` or
 * `envs` files in the kustomization are where many systems keep their service addresses, so
 * they become ConfigMaps like any other, each key with its line (the literal, or the env
 * file's line). A Secret's keys are kept, never its values; `files:` entries (whole files as
 * values) are not read.
 */
import type { SourceRef } from '../model.js';
import { asArray, asString, isRecord } from '../../importers/util/located.js';
import type { KubeResource } from './manifest-files.js';
import { entriesOfField, note, problem, resolveEntry, type BuildContext } from './kustomize-context.js';

const GENERATORS: [kind: 'ConfigMap' | 'Secret', field: string][] = [
  ['ConfigMap', 'configMapGenerator'],
  ['Secret', 'secretGenerator'],
];

export function applyGenerators(
  ctx: BuildContext,
  k: Record<string, unknown>,
  kustomization: string,
  dir: string,
  resources: KubeResource[],
): void {
  for (const [kind, field] of GENERATORS) {
    for (const { value: generator, at } of entriesOfField(ctx, k, field, kustomization)) {
      if (!isRecord(generator)) continue;
      const name = asString(generator.name);
      if (!name) {
        problem(ctx, at, `a ${field} entry without a name is not read`, 'warning');
        continue;
      }
      const data: Record<string, unknown> = {};
      ctx.origins.stamp(data, at);
      const put = (key: string, value: string, where: SourceRef | undefined): void => {
        if (!key || key === '__proto__') return;
        data[key] = kind === 'Secret' ? '' : value;
        ctx.origins.setKey(data, key, where);
      };
      const literals = asArray(generator.literals);
      literals.forEach((literal, index) => {
        const [key, value] = splitPair(asString(literal) ?? '');
        put(key, value, ctx.origins.at(literals, index));
      });
      const envs = [...asArray(generator.envs), generator.env].filter((e): e is string => typeof e === 'string');
      for (const env of envs) {
        const target = resolveEntry(
          ctx,
          dir,
          env,
          ctx.origins.at(generator, 'envs') ?? ctx.origins.at(generator, 'env') ?? at,
        );
        if (target?.kind !== 'file') continue;
        note(ctx, target.path);
        const text = ctx.reader.files.read(target.path) ?? '';
        text.split(/\r?\n/).forEach((line, index) => {
          if (/^\s*(#|$)/.test(line)) return;
          const [key, value] = splitPair(line);
          put(key, value, { file: target.path, line: index + 1 });
        });
      }
      merge(ctx, resources, kind, name, generator, data, at);
    }
  }
}

function splitPair(text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq < 0) return [text.trim(), ''];
  return [text.slice(0, eq).trim(), text.slice(eq + 1)];
}

/** `behavior: merge|replace` changes the ConfigMap of that name a base made; otherwise it is a new one. */
function merge(
  ctx: BuildContext,
  resources: KubeResource[],
  kind: string,
  name: string,
  generator: Record<string, unknown>,
  data: Record<string, unknown>,
  at: SourceRef,
): void {
  const behavior = asString(generator.behavior);
  const existing = resources.find((r) => r.kind === kind && r.name === name);
  if (existing && (behavior === 'merge' || behavior === 'replace')) {
    const current = existing.value.data;
    if (behavior === 'merge' && isRecord(current)) {
      for (const [key, value] of Object.entries(data)) {
        current[key] = value;
        ctx.origins.setKey(current, key, ctx.origins.at(data, key));
      }
    } else {
      existing.value.data = data;
    }
    existing.alsoDeclared.push(at);
    return;
  }
  const namespace = asString(generator.namespace);
  const metadata = { name, ...(namespace ? { namespace } : {}) };
  const value = { apiVersion: 'v1', kind, metadata, data };
  ctx.origins.stamp(value, at);
  ctx.origins.setKey(metadata, 'name', ctx.origins.at(generator, 'name'));
  resources.push({ apiVersion: 'v1', kind, name, value, file: at.file, alsoDeclared: [] });
}
