/**
 * `depmap init` over the deployment model: one depmap.yaml per workload the team runs, named
 * after the deployment, written into the workload's source folder (its libraries come from
 * there), with every call the model found and its evidence as a comment, so a person can see
 * why each line is there and settle the TODOs. A workload with no source folder of its own (a
 * deploy repo that only runs images) gets `depmap/<name>/depmap.yaml`. A repo with no
 * deployment files is planned by package, as before (importers/init/plan-init.ts). Pure; every
 * manifest is parsed before it is returned, so init never writes one validate rejects.
 */
import type { RepoFile } from '../importers/discover.js';
import { fieldProblem, planInit, type InitOptions } from '../importers/init/plan-init.js';
import { withObserved } from '../importers/init/observed-services.js';
import { plannedManifest, type PlannedManifest } from '../importers/init/planned-manifest.js';
import { fromLibraries, inlineLibraries } from '../importers/init/library-entries.js';
import { flowMap, scalar, type Line } from '../importers/init/manifest-yaml.js';
import { serviceEntries } from '../importers/init/service-entries.js';
import { identify } from '../importers/init/identify.js';
import { librarySourcesOf } from '../importers/library-sources.js';
import { quotedScalar } from '../util/control-chars.js';
import { catalogOf } from './catalog-of.js';
import { discoverRepoModel } from './discover-repo.js';
import { repoFilesOf } from './repo-files.js';
import type { RepoFiles } from './model.js';
import type { RepoModel } from './repo-model.js';
import { aliasesOf, imageOf } from './to-manifests.js';

export function planRepoInit(files: RepoFile[], options: InitOptions): PlannedManifest[] {
  const repo = repoFilesOf(files);
  const model = discoverRepoModel(repo);
  const runs = [...model.workloads.keys()].filter((n) => model.classes.get(n)?.role !== 'infra');
  // A repo that builds some of what it runs is their repo: the application images it only
  // pulls (another team's service in a dev stack) are what it calls, not manifests for it to
  // write; the telemetry backends it runs beside them are its own.
  const builds = runs.some((n) => model.sources.has(n));
  const planned = builds
    ? runs.filter((n) => model.sources.has(n) || model.classes.get(n)?.role === 'telemetry')
    : runs;
  if (planned.length === 0) return planInit(files, options);
  return planFromModel(model, repo, planned, options);
}

const at = (dir: string, name: string) => (dir === '' ? name : `${dir}/${name}`);

function planFromModel(model: RepoModel, files: RepoFiles, names: string[], options: InitOptions): PlannedManifest[] {
  const present = new Set(files.paths);
  const single = names.length === 1;
  // A source folder shared by two workloads holds neither's manifest: each gets its own folder.
  const dirCount = new Map<string, number>();
  for (const n of names) {
    const dir = model.sources.get(n)?.dir;
    if (dir !== undefined) dirCount.set(dir, (dirCount.get(dir) ?? 0) + 1);
  }
  return names.map((name) => {
    const source = model.sources.get(name);
    const ownDir = source && dirCount.get(source.dir) === 1 ? source.dir : undefined;
    const dir = ownDir ?? (single ? '' : `depmap/${name}`);
    return planWorkload(
      name,
      dir,
      source?.dir,
      model,
      files,
      present,
      single ? options : { ...options, name: undefined, kind: undefined },
    );
  });
}

function planWorkload(
  workloadName: string,
  dir: string,
  sourceDir: string | undefined,
  model: RepoModel,
  files: RepoFiles,
  present: ReadonlySet<string>,
  options: InitOptions,
): PlannedManifest {
  const w = model.workloads.get(workloadName)!;
  const cls = model.classes.get(workloadName)!;
  const file = at(dir, 'depmap.yaml');
  let todos = 0;
  const todo = (text: string) => {
    todos++;
    return `TODO: ${text}`;
  };
  const name = options.name ?? workloadName;
  const catalog = sourceDir === undefined ? undefined : catalogOf(sourceDir, [workloadName, ...w.aliases], files);
  // The package says what the deployment cannot: its description, that it is a frontend.
  const identity = sourceDir === undefined ? undefined : identify(sourceDir, options.rootName, present, files.read);
  const guessed = cls.role === 'app' ? cls.kind : 'service';
  const kind = options.kind ?? (guessed === 'service' && identity?.kind === 'frontend' ? 'frontend' : guessed);
  const declared = `${w.declared.file}${w.declared.line ? `:${w.declared.line}` : ''}`;
  // In the order the deployment files say them, as a person reading them would.
  const calls = model.calls
    .filter((c) => c.from === workloadName)
    .sort((a, b) => {
      const x = a.evidence[0];
      const y = b.evidence[0];
      return (
        (x?.file ?? '').localeCompare(y?.file ?? '') || (x?.line ?? 0) - (y?.line ?? 0) || a.to.localeCompare(b.to)
      );
    });
  const sources = (model.libraryDirs.get(workloadName) ?? (sourceDir === undefined ? [] : [sourceDir])).flatMap((d) =>
    librarySourcesOf(d, present),
  );
  const madeFrom = [...new Set([w.declared.file, ...sources.map((s) => s.path)])];

  const lines: Line[] = [
    { text: '', comment: `depmap.yaml of ${name}, written by \`depmap init\` from ${madeFrom.join(', ')}.` },
    { text: '', comment: 'Settle the TODOs, then run `depmap validate`.' },
    { text: 'depmap: 1' },
    { text: `name: ${scalar(name)}`, comment: options.name ? undefined : `the deployment's name (${declared})` },
    {
      text: `kind: ${kind}`,
      comment: options.kind ? undefined : cls.role === 'telemetry' ? 'a telemetry backend the team runs' : undefined,
    },
  ];
  for (const [field, value, what] of [
    [
      'system',
      options.system ?? catalog?.component.system,
      'the system this component belongs to (one subgraph per system in diagrams)',
    ],
    ['owner', options.owner ?? catalog?.component.owner, 'the owning team'],
  ] as const) {
    const problem = value === undefined ? undefined : fieldProblem(field, value);
    if (value && !problem) lines.push({ text: `${field}: ${scalar(value)}` });
    else
      lines.push({
        text: '',
        comment: `${field}: <${field === 'owner' ? 'team' : field}>  ${todo(problem ? `${quotedScalar(value as string)}: ${problem}` : what)}`,
      });
  }
  const packageName = identity && identity.nameFrom !== 'folder name' ? identity.name : undefined;
  const aliases = [
    ...new Set([...aliasesOf(w, model), ...(packageName && packageName !== name ? [packageName] : [])]),
  ].sort();
  if (aliases.length > 0) {
    lines.push({
      text: `aliases: [${aliases.map((a) => scalar(a, true)).join(', ')}]`,
      comment: 'other names it is reached by',
    });
  }
  const image = imageOf(w);
  if (image)
    lines.push({
      text: `image: ${scalar(image)}`,
      comment: `${w.image?.file}${w.image?.line ? `:${w.image.line}` : ''}`,
    });
  const description = catalog?.component.description ?? identity?.description;
  if (description) lines.push({ text: `description: ${scalar(description)}` });
  const provides = (catalog?.component.provides ?? []).filter((p) => p.version !== '');
  if (provides.length > 0) {
    lines.push({ text: 'provides:' });
    for (const p of provides) {
      lines.push({
        text: `  - ${flowMap([
          ['api', p.api],
          ['protocol', p.protocol],
          ['version', p.version],
        ])}`,
        comment: catalog?.file,
      });
    }
  } else if (kind !== 'library' && kind !== 'cli') {
    lines.push({
      text: '',
      comment: `provides: - { api: ${name}-http, protocol: http, version: 1.0.0 }  ${todo('the APIs this component offers, if any')}`,
    });
  }

  const unit = { dir };
  const libraryLines = options.inline
    ? inlineLibraries(sources, unit, files.read, todo)
    : fromLibraries(sources, unit, files.read, todo);
  if (libraryLines.some((l) => l.text)) lines.push({ text: 'libraries:' });
  lines.push(...libraryLines);

  const refs = calls.map((call) => {
    const target = model.workloads.get(call.to);
    const targetImage = target ? imageOf(target) : undefined;
    const first = call.evidence[0];
    return {
      ref: {
        name: call.to,
        kind: call.kind,
        evidence: `${call.evidence.map((e) => `${e.kind} ${e.text}${e.file !== first?.file ? ` (${e.file}${e.line ? `:${e.line}` : ''})` : ''}`).join('; ')}; ${call.confidence} confidence`,
        ...(call.protocol ? { protocol: call.protocol } : {}),
        ...(call.url ? { url: call.url } : {}),
        ...(targetImage ? { image: targetImage } : {}),
        ...(first?.line !== undefined ? { line: first.line } : {}),
      },
      file: first?.file ?? w.declared.file,
    };
  });
  // The catalog names what no deployment file shows (a database of its own, a consumed API).
  for (const ref of catalog?.refs ?? []) {
    if (refs.some((r) => r.ref.name === ref.name)) continue;
    refs.push({ ref, file: catalog?.file as string });
  }
  withObserved(refs, [name, workloadName, ...w.aliases], options);
  const serviceLines = serviceEntries(refs, todo);
  if (serviceLines.length > 0) {
    lines.push({ text: 'services:' });
    lines.push(...serviceLines);
  }

  return plannedManifest(file, name, kind, lines, { inline: options.inline === true, services: refs.length, todos });
}
