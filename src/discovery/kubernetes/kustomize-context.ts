/**
 * What building one kustomization tree shares across its steps: the files it read, its
 * problems, its budget, and how a path written in a kustomization is resolved in the repo
 * (never outside it, never fetched).
 */
import type { FileProblem, SourceRef } from '../model.js';
import { asArray } from '../../importers/util/located.js';
import { joinPath } from '../../util/paths.js';
import type { ManifestReader } from './manifest-files.js';
import type { RepoIndex } from './repo-index.js';
import type { ValueOrigins } from './value-origins.js';

export interface BuildContext {
  readonly reader: ManifestReader;
  readonly index: RepoIndex;
  readonly origins: ValueOrigins;
  /** Every file the build read, in the order it read them. */
  readonly files: string[];
  readonly problems: FileProblem[];
  /** The image text a manifest wrote, for containers whose image an `images:` entry changed. */
  readonly writtenImages: WeakMap<object, string>;
  stack: string[];
  visits: number;
  resources: number;
  stopped?: boolean;
}

export function newBuildContext(reader: ManifestReader, index: RepoIndex, origins: ValueOrigins): BuildContext {
  return {
    reader,
    index,
    origins,
    files: [],
    problems: [],
    writtenImages: new WeakMap(),
    stack: [],
    visits: 0,
    resources: 0,
  };
}

export type Target =
  { kind: 'file'; path: string } | { kind: 'kustomization'; path: string } | { kind: 'folder'; path: string };

export function note(ctx: BuildContext, path: string): void {
  if (!ctx.files.includes(path)) ctx.files.push(path);
}

export function problem(
  ctx: BuildContext,
  at: SourceRef,
  message: string,
  severity: FileProblem['severity'],
  hint?: string,
): void {
  ctx.problems.push({ ...at, message, severity, ...(hint ? { hint } : {}) });
}

const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@|git::|(github\.com|gitlab\.com|bitbucket\.org)\/)|\?ref=/i;

/** What a path written in a kustomization names; undefined (with a problem) when it cannot be used. */
export function resolveEntry(ctx: BuildContext, dir: string, entry: string, at: SourceRef): Target | undefined {
  if (REMOTE.test(entry)) {
    problem(ctx, at, `remote resource ${entry} is not fetched`, 'warning', 'depmap reads only the files of the repo');
    return undefined;
  }
  const path = entry.startsWith('/') ? undefined : joinPath(dir, entry);
  if (path === undefined) {
    problem(ctx, at, `${entry} is outside the repo; not read`, 'error');
    return undefined;
  }
  if (ctx.index.isFile(path))
    return ctx.index.isKustomization(path) ? { kind: 'kustomization', path } : { kind: 'file', path };
  if (ctx.index.isDir(path)) {
    const kustomization = ctx.index.kustomizationIn(path);
    return kustomization ? { kind: 'kustomization', path: kustomization } : { kind: 'folder', path };
  }
  problem(ctx, at, `${entry} is not in the repo`, 'warning');
  return undefined;
}

/** The entries of a list field, each with where it is written. */
export function entriesOfField(
  ctx: BuildContext,
  k: Record<string, unknown>,
  field: string,
  file: string,
): { value: unknown; at: SourceRef }[] {
  const list = asArray(k[field]);
  const fallback = ctx.origins.at(k, field) ?? { file };
  return list.map((value, index) => ({ value, at: ctx.origins.at(list, index) ?? fallback }));
}
