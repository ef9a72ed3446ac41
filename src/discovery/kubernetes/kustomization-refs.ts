/**
 * What the repo's kustomizations point at, read without building them: which kustomizations
 * another one uses (so they are not roots of their own), which are Components (never applied
 * alone), and which files they pull in (manifests, patches, generator env files), so that a
 * folder of manifests a kustomization uses is not also a deployment of its own.
 */
import { asArray, asString, isRecord } from '../../importers/util/located.js';
import { dirname } from '../../util/paths.js';
import { entriesOfField, newBuildContext, resolveEntry } from './kustomize-context.js';
import type { ManifestReader } from './manifest-files.js';
import type { RepoIndex } from './repo-index.js';
import type { ValueOrigins } from './value-origins.js';

export interface KustomizationRefs {
  /** The kustomizations to build as sets: those no other one uses, and one of each cycle nothing else reaches. */
  roots: string[];
  /** Files a kustomization lists: manifests, patches, generator env files. */
  pulled: Set<string>;
}

const LISTS = ['resources', 'bases', 'components', 'patchesStrategicMerge'];
const ENTRIES = ['patches', 'patchesJson6902'];
const GENERATORS = ['configMapGenerator', 'secretGenerator'];

export function kustomizationRefs(
  kustomizations: readonly string[],
  index: RepoIndex,
  reader: ManifestReader,
  origins: ValueOrigins,
): KustomizationRefs {
  const pulled = new Set<string>();
  const components = new Set<string>();
  const uses = new Map<string, string[]>();
  // Problems are the builds' to report; this pass only looks.
  const scratch = newBuildContext(reader, index, origins);
  for (const path of kustomizations) {
    const k = reader.dataFile(path).docs[0]?.value;
    if (!isRecord(k)) continue;
    if (k.kind === 'Component') components.add(path);
    const dir = dirname(path);
    const written: string[] = [];
    for (const field of LISTS)
      for (const { value } of entriesOfField(scratch, k, field, path)) {
        const text = asString(value);
        if (text !== undefined && !text.includes('\n')) written.push(text);
      }
    for (const field of ENTRIES)
      for (const entry of asArray(k[field]))
        if (isRecord(entry) && typeof entry.path === 'string') written.push(entry.path);
    for (const field of GENERATORS)
      for (const generator of asArray(k[field]).filter(isRecord))
        written.push(...[...asArray(generator.envs), generator.env].filter((e): e is string => typeof e === 'string'));
    for (const entry of written) {
      const target = resolveEntry(scratch, dir, entry, { file: path });
      if (target?.kind === 'kustomization') uses.set(path, [...(uses.get(path) ?? []), target.path]);
      else if (target?.kind === 'file') pulled.add(target.path);
      else if (target?.kind === 'folder')
        for (const file of index.filesIn(target.path)) if (reader.manifest(file)) pulled.add(file);
    }
  }
  return { roots: rootsOf(kustomizations, uses, components), pulled };
}

function rootsOf(kustomizations: readonly string[], uses: Map<string, string[]>, components: Set<string>): string[] {
  const used = new Set([...uses].flatMap(([user, targets]) => targets.filter((t) => t !== user)));
  const reached = new Set<string>();
  const reach = (path: string): void => {
    if (reached.has(path)) return;
    reached.add(path);
    for (const target of uses.get(path) ?? []) reach(target);
  };
  const roots = kustomizations.filter((k) => !used.has(k) && !components.has(k));
  roots.forEach(reach);
  // A cycle that nothing else uses is still built, once, so that its cycle is reported.
  for (const k of kustomizations)
    if (!reached.has(k) && !components.has(k)) {
      roots.push(k);
      reach(k);
    }
  return roots.sort();
}
