/**
 * Every Kubernetes deployment a repo describes, as sets of the deployment model: one per folder
 * of manifests (what `kubectl apply -f <folder>` applies) that no kustomization pulls in, and
 * one per kustomization root (what `kubectl apply -k` applies, with all it pulls in). Which set
 * is the deployment and which are variants is the caller's choice; each comes with its files.
 *
 * Across files of a set, a Service selects a Deployment from another file (its name becomes an
 * alias) and a container takes values from a ConfigMap written elsewhere: in the set first,
 * else the ConfigMap of that name elsewhere in the repo that most of its copies agree with.
 * Helm charts are not rendered: each chart is one warning. Nothing here reads the disk or runs
 * anything from the repo.
 */
import type { DeploymentSet, FileProblem, RepoFiles, Workload } from './model.js';
import { asString, isRecord } from '../importers/util/located.js';
import { metadataOf } from '../importers/kubernetes/resources.js';
import { basename, dirname } from '../util/paths.js';
import { newBuildContext } from './kubernetes/kustomize-context.js';
import { buildKustomization } from './kubernetes/kustomize-build.js';
import { kustomizationRefs } from './kubernetes/kustomization-refs.js';
import { ManifestReader, mayBeManifest, type KubeResource } from './kubernetes/manifest-files.js';
import { RepoIndex } from './kubernetes/repo-index.js';
import { routesOf } from './kubernetes/routes.js';
import { ValueOrigins } from './kubernetes/value-origins.js';
import { matchesLabels } from './kubernetes/label-selectors.js';
import { endpointOf, sameNamespace, workloadOf } from './kubernetes/workloads.js';
import type { ConfigLookup } from './kubernetes/container-settings.js';

interface Loader {
  index: RepoIndex;
  reader: ManifestReader;
  origins: ValueOrigins;
  /** Every ConfigMap and Secret of the repo's manifests, by name: where a set's own are missing. */
  configs: Map<string, KubeResource[]>;
}

export function loadKubernetesSets(files: RepoFiles): DeploymentSet[] {
  const origins = new ValueOrigins();
  const index = new RepoIndex(files);
  const reader = new ManifestReader(files, origins);
  const outsideCharts = files.paths.filter((path) => index.chartOf(path) === undefined);
  const kustomizations = outsideCharts.filter((path) => index.isKustomization(path));
  const manifests = outsideCharts.filter(
    (path) => mayBeManifest(path) && !index.isKustomization(path) && reader.manifest(path),
  );
  const loader: Loader = { index, reader, origins, configs: new Map() };
  for (const path of manifests)
    for (const r of reader.manifest(path)!.resources)
      if (r.kind === 'ConfigMap' || r.kind === 'Secret')
        loader.configs.set(r.name, [...(loader.configs.get(r.name) ?? []), r]);

  const refs = kustomizationRefs(kustomizations, index, reader, origins);
  const sets: DeploymentSet[] = index.charts.map((chart) => chartSet(index.chartFile(chart)));

  const folders = new Map<string, string[]>();
  for (const path of manifests) {
    const dir = dirname(path);
    if (refs.pulled.has(path) || index.kustomizationIn(dir)) continue;
    folders.set(dir, [...(folders.get(dir) ?? []), path]);
  }
  for (const [dir, paths] of [...folders].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const problems: FileProblem[] = [];
    const resources: KubeResource[] = [];
    const templates: string[] = [];
    for (const path of paths) {
      const file = reader.manifest(path)!;
      problems.push(...file.problems);
      if (file.template !== undefined) templates.push(path);
      resources.push(...reader.copies(file));
    }
    if (templates.length > 0)
      problems.push({
        file: templates[0]!,
        line: reader.manifest(templates[0]!)!.template,
        message: `${templates.length === 1 ? 'a template' : `${templates.length} templates`} ({{ … }}) not read: ${templates.map(basename).join(', ')}`,
        hint: 'render it (helm template …) and commit or scan the output',
        severity: 'warning',
      });
    sets.push(assemble(loader, `kubernetes:${dir || '.'}`, paths, resources, problems, new WeakMap()));
  }

  for (const root of refs.roots) {
    const ctx = newBuildContext(reader, index, origins);
    const resources = buildKustomization(ctx, root, []);
    sets.push(assemble(loader, `kubernetes:${root}`, ctx.files, resources, ctx.problems, ctx.writtenImages));
  }
  return sets;
}

function chartSet(chartFile: string): DeploymentSet {
  return {
    id: `kubernetes:${dirname(chartFile) || '.'}`,
    kind: 'kubernetes',
    files: [chartFile],
    workloads: [],
    endpoints: [],
    routes: [],
    problems: [
      {
        file: chartFile,
        line: 1,
        message: 'a Helm chart: its templates are not rendered (depmap runs no Helm)',
        hint: 'render it (helm template …) and commit or scan the output to map it',
        severity: 'warning',
      },
    ],
  };
}

function assemble(
  loader: Loader,
  id: string,
  files: string[],
  resources: KubeResource[],
  problems: FileProblem[],
  writtenImages: WeakMap<object, string>,
): DeploymentSet {
  const workloads: Workload[] = [];
  for (const resource of resources) {
    const lookup = configLookup(loader, resources, resource);
    const workload = workloadOf(resource, { origins: loader.origins, lookup, writtenImages });
    if (!workload) continue;
    const same = workloads.find((w) => w.name === workload.name && sameNamespace(w.namespace, workload.namespace));
    if (same) same.alsoDeclared.push(workload.declared, ...workload.alsoDeclared);
    else workloads.push(workload);
  }
  const endpoints = resources.map((r) => endpointOf(r, loader.origins)).filter((e) => e !== undefined);
  for (const workload of workloads)
    for (const endpoint of endpoints)
      if (
        endpoint.selector &&
        endpoint.name !== workload.name &&
        !workload.aliases.includes(endpoint.name) &&
        sameNamespace(endpoint.namespace, workload.namespace) &&
        matchesLabels(workload.labels, endpoint.selector)
      )
        workload.aliases.push(endpoint.name);
  return {
    id,
    kind: 'kubernetes',
    files,
    workloads,
    endpoints,
    routes: routesOf(resources, workloads, loader.origins),
    problems: unique(problems),
  };
}

/** The set's own ConfigMap or Secret of that name, else the repo's (see {@link consensus}). */
function configLookup(loader: Loader, resources: readonly KubeResource[], workload: KubeResource): ConfigLookup {
  const namespace = asString(metadataOf(workload.value).namespace);
  const fits = (kind: string, name: string) => (r: KubeResource) =>
    r.kind === kind && r.name === name && sameNamespace(asString(metadataOf(r.value).namespace), namespace);
  return (kind, name) => {
    const found =
      resources.find(fits(kind, name)) ??
      consensus(workload.file, (loader.configs.get(name) ?? []).filter(fits(kind, name)));
    if (!found) return undefined;
    if (kind === 'ConfigMap') return isRecord(found.value.data) ? found.value.data : {};
    // A Secret's keys only: its values are never read.
    const keys = [found.value.data, found.value.stringData].flatMap((d) => (isRecord(d) ? Object.keys(d) : []));
    return Object.fromEntries(keys.map((key) => [key, '']));
  };
}

/**
 * Of several ConfigMaps of one name elsewhere in the repo (variants, an old copy), the one most
 * others agree with, key by key; then the nearest to the workload's file; then the first.
 */
function consensus(file: string, candidates: readonly KubeResource[]): KubeResource | undefined {
  const pairs = (r: KubeResource): string[] =>
    Object.entries(isRecord(r.value.data) ? r.value.data : {}).map(([key, value]) => `${key}=${String(value)}`);
  const counts = new Map<string, number>();
  for (const candidate of candidates)
    for (const pair of pairs(candidate)) counts.set(pair, (counts.get(pair) ?? 0) + 1);
  const agreement = (r: KubeResource): number => pairs(r).reduce((sum, pair) => sum + (counts.get(pair) ?? 0), 0);
  const shared = (other: string): number => {
    const a = file.split('/');
    const b = other.split('/');
    let n = 0;
    while (n < a.length - 1 && n < b.length - 1 && a[n] === b[n]) n++;
    return n;
  };
  let best: KubeResource | undefined;
  for (const candidate of candidates) {
    if (!best) best = candidate;
    else {
      const [a, b] = [agreement(candidate), agreement(best)];
      if (a > b || (a === b && shared(candidate.file) > shared(best.file))) best = candidate;
    }
  }
  return best;
}

function unique(problems: FileProblem[]): FileProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}\u0000${p.line ?? ''}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
