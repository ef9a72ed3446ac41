/**
 * The repo model as manifests, so the graph build treats discovered and declared repos alike.
 * One manifest per workload the team runs (its applications, and the telemetry backends it
 * operates): named after the deployment, reached also by its aliases (hostnames, Kubernetes
 * Services, the application name, the image and package names, so the repo that builds the
 * image joins it), with its own image and that image's pin, the libraries of its source
 * folder, and a service reference per call with all the evidence. Databases, caches and queues
 * are what calls point at, with their image. A source folder no workload is built from is a
 * component of its own (the repo of one service, with no deployment file), unless it only
 * holds tooling.
 */
import { libraryDecl, serviceDecl } from '../importers/apply-imports.js';
import { manifestName } from '../importers/init/identify.js';
import type { ImportedLibrary } from '../importers/types.js';
import { parseImageReference } from '../manifest/image-reference.js';
import { checkImagePin } from '../manifest/pin/index.js';
import type { DockerPinLevel, Manifest, ServiceDecl } from '../manifest/types.js';
import type { DiscoveredCall } from './derive-calls.js';
import type { Workload } from './model.js';
import type { RepoModel } from './repo-model.js';

const pos = (line?: number) => ({ line: line ?? 1, col: 1 });
const baseOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

export function imageOf(w: Workload): string | undefined {
  return w.image?.ref ?? (w.image && !w.image.written.includes('$') ? w.image.written : undefined);
}

/** Names the workload is also known by: its aliases, its image's name, and its source folder's. */
export function aliasesOf(w: Workload, model: RepoModel): string[] {
  const names = new Set<string>(w.aliases);
  const image = imageOf(w);
  if (image) names.add(baseOf(parseImageReference(image).repository).toLowerCase());
  const source = model.sources.get(w.name);
  if (source && source.dir !== '') names.add(baseOf(source.dir));
  names.delete(w.name);
  return [...names]
    .map(manifestName)
    .filter((n) => n !== w.name && n !== 'todo-name')
    .sort();
}

function blank(name: string, kind: string, file: string, line: number | undefined): Manifest {
  return {
    file,
    specVersion: 1,
    name,
    kind,
    tags: ['discovered'],
    links: [],
    provides: [],
    libraries: [],
    services: [],
    fromRefs: [],
    pos: pos(line),
  };
}

function addLibraries(m: Manifest, libraries: readonly (ImportedLibrary & { file: string })[], docker: DockerPinLevel) {
  const seen = new Set<string>();
  for (const lib of libraries) {
    const decl = libraryDecl(lib, lib.file, pos(lib.line), docker);
    if (!decl) continue;
    // A transitive package at another version (a nested copy) is kept: who runs what must not lose it.
    const key = `${decl.purl}#${decl.scope ?? ''}${decl.transitive ? `@${decl.version ?? ''}` : ''}`;
    const direct = `${decl.purl}#${decl.scope ?? ''}`;
    if (seen.has(key) || (decl.transitive && seen.has(`${direct}=${decl.version ?? ''}`))) continue;
    seen.add(key);
    if (!decl.transitive) seen.add(`${direct}=${decl.version ?? ''}`);
    m.libraries.push(decl);
  }
}

function callDecl(call: DiscoveredCall, model: RepoModel, docker: DockerPinLevel): ServiceDecl {
  const first = call.evidence[0];
  const target = model.workloads.get(call.to);
  const image = target ? imageOf(target) : undefined;
  const decl = serviceDecl(
    {
      name: call.to,
      kind: call.kind,
      evidence: call.evidence.map((e) => `${e.kind} ${e.text}`).join('; '),
      ...(call.protocol ? { protocol: call.protocol } : {}),
      ...(call.url ? { url: call.url } : {}),
      ...(image ? { image } : {}),
      ...(first?.line !== undefined ? { line: first.line } : {}),
    },
    first?.file ?? '.',
    pos(first?.line),
    docker,
    { discovered: true },
  );
  decl.evidenceDetail = call.evidence;
  decl.confidence = call.confidence;
  // A database built from the repo (`FROM postgres:16` and init scripts) is that image, whatever its own tag.
  const base = model.classes.get(call.to)?.role === 'infra' ? model.baseImages.get(call.to) : undefined;
  if (base !== undefined) decl.baseImage = base;
  return decl;
}

/** True for a folder whose libraries are all for development or tests: tooling, not a deployable. */
export function toolingOnly(libraries: readonly ImportedLibrary[]): boolean {
  return libraries.every((l) => l.transitive || l.scope === 'dev' || l.scope === 'test' || l.scope === 'build');
}

/**
 * Manifests kept from one version of a repo to the next (a history walk): each is built again
 * only when what it is made of changed, so an unchanged one is the same object, which the
 * graph diff of the two versions passes over. `depsOf` says what a unit (`workload:<name>`,
 * `package:<dir>`) is made of, as objects compared by identity; undefined: build it.
 */
export class ManifestMemo {
  private last = new Map<string, { deps: readonly unknown[]; manifest: Manifest }>();
  private next = new Map<string, { deps: readonly unknown[]; manifest: Manifest }>();

  constructor(public depsOf: (unit: string) => readonly unknown[] | undefined = () => undefined) {}

  get(unit: string, build: () => Manifest): Manifest {
    const deps = this.depsOf(unit);
    const kept = deps ? this.last.get(unit) : undefined;
    const manifest =
      kept && kept.deps.length === deps?.length && kept.deps.every((d, i) => d === deps[i]) ? kept.manifest : build();
    if (deps) this.next.set(unit, { deps, manifest });
    return manifest;
  }

  /** Ends one version: what it did not ask for is let go. */
  done(): void {
    this.last = this.next;
    this.next = new Map();
  }
}

function workloadManifest(name: string, w: Workload, model: RepoModel, docker: DockerPinLevel): Manifest | undefined {
  const cls = model.classes.get(name);
  if (!cls || cls.role === 'infra') return undefined;
  const m = blank(name, cls.role === 'app' ? cls.kind : 'service', w.declared.file, w.declared.line);
  if (cls.role === 'telemetry') m.tags.push('telemetry');
  const aliases = aliasesOf(w, model);
  if (aliases.length > 0) m.aliases = aliases;
  const image = imageOf(w);
  if (image) {
    m.image = image;
    m.imagePin = checkImagePin(image, docker);
  }
  addLibraries(m, model.libraries.get(name) ?? [], docker);
  for (const call of model.calls) if (call.from === name) m.services.push(callDecl(call, model, docker));
  return m;
}

export function modelToManifests(
  model: RepoModel,
  repoId: string,
  docker: DockerPinLevel,
  memo?: ManifestMemo,
): Manifest[] {
  const manifests: Manifest[] = [];
  for (const [name, w] of model.workloads) {
    const cls = model.classes.get(name);
    if (!cls || cls.role === 'infra') continue;
    const build = () => workloadManifest(name, w, model, docker) as Manifest;
    manifests.push(memo ? memo.get(`workload:${name}`, build) : build());
  }
  // With a deployment, a package none of its workloads is built from is not part of the map
  // (crawl says so); without one, each package is a component: the repo of one service.
  if (model.workloads.size > 0) {
    memo?.done();
    return manifests.sort((a, b) => (a.name < b.name ? -1 : 1));
  }
  const taken = new Set(manifests.flatMap((m) => [m.name, ...(m.aliases ?? [])]));
  for (const { dir, libraries } of model.unclaimed) {
    const name = manifestName(dir === '' ? (repoId.split('/').pop() ?? repoId) : baseOf(dir));
    if (taken.has(name)) continue;
    taken.add(name);
    const build = () => {
      const m = blank(name, 'service', libraries[0]?.file ?? '.', undefined);
      // The one package of a repo with no deployment is the repo's component: the repo's name reaches it too.
      const repoName = manifestName(repoId.split('/').pop() ?? repoId);
      if (model.workloads.size === 0 && model.unclaimed.length === 1 && repoName !== name) m.aliases = [repoName];
      addLibraries(m, libraries, docker);
      return m;
    };
    manifests.push(memo ? memo.get(`package:${dir}`, build) : build());
  }
  memo?.done();
  return manifests.sort((a, b) => (a.name < b.name ? -1 : 1));
}
