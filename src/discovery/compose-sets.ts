/**
 * The compose projects of a repo, each read as `docker compose` run in its folder reads it:
 * the folder's default files (the first base name and, independently, the first override
 * name) or what `COMPOSE_FILE` in the folder's `.env` names instead, plus the files the
 * caller names (`--compose-file`) as further layers of their folder's project. A compose file
 * outside every default set (`docker-compose.test.yml`, `*.dev.yml`) is not read unless named:
 * it describes a variant, not the deployment. Each project becomes one deployment set; the
 * same service in several projects is left for the caller to reconcile.
 */
import { basename, dirname, inDir } from '../util/paths.js';
import { parseDotenvEntries } from '../importers/compose/dotenv.js';
import { BASE_NAMES, defaultComposeFiles, envOfFiles, repoPath } from '../importers/compose/compose-files.js';
import { loadComposeProject } from '../importers/compose/load-project.js';
import { workloadOf, type LinkAlias } from './compose-workload.js';
import { hasPath } from './dockerfile-of.js';
import type { DeploymentSet, FileProblem, RepoFiles, Workload } from './model.js';

export interface ComposeSetOptions {
  /** Further compose files to read (repo-relative): layers of their folder's project, or a project of their own. */
  composeFiles?: readonly string[];
}

interface Project {
  folder: string;
  layers: string[];
  projectDir: string;
  env: Map<string, string>;
  profiles: string[];
  problems: FileProblem[];
}

export function loadComposeSets(files: RepoFiles, options: ComposeSetOptions = {}): DeploymentSet[] {
  const projects = findProjects(files);
  const extra: Project[] = [];
  for (const written of options.composeFiles ?? []) addNamedFile(written, files, projects, extra);
  return [...projects.values(), ...extra]
    .filter((p) => p.layers.length > 0 || p.problems.length > 0)
    .map((p) => safeSetOf(p, files));
}

/** A bug met on one project's input must not cost the other projects: it becomes that project's problem. */
function safeSetOf(project: Project, files: RepoFiles): DeploymentSet {
  try {
    return setOf(project, files);
  } catch (error) {
    const file = project.layers[0] ?? project.folder;
    return {
      id: `compose:${file}`,
      kind: 'compose',
      files: [...project.layers],
      workloads: [],
      endpoints: [],
      routes: [],
      problems: [
        { file, message: `compose project could not be read: ${(error as Error).message}`, severity: 'error' },
      ],
    };
  }
}

function findProjects(files: RepoFiles): Map<string, Project> {
  const folders = new Set<string>();
  for (const path of files.paths) {
    const name = basename(path);
    if (BASE_NAMES.includes(name) || name === '.env') folders.add(dirname(path));
  }
  const projects = new Map<string, Project>();
  for (const folder of [...folders].sort()) {
    const project = projectIn(folder, files);
    if (project) projects.set(folder, project);
  }
  return projects;
}

/** The project `docker compose` finds in `folder`, or undefined when it finds none. */
function projectIn(folder: string, files: RepoFiles): Project | undefined {
  const dotenvPath = inDir(folder, '.env');
  const dotenv = files.read(dotenvPath);
  const entries = dotenv === undefined ? [] : parseDotenvEntries(dotenv, new Map());
  const variable = (key: string) => entries.findLast((entry) => entry.key === key && entry.value !== undefined);
  const problems: FileProblem[] = [];
  const defaults = defaultComposeFiles(folder, (path) => hasPath(files, path));
  let layers = defaults;
  const composeFile = variable('COMPOSE_FILE');
  if (composeFile?.value?.trim()) {
    const separator = variable('COMPOSE_PATH_SEPARATOR')?.value || ':';
    const named: string[] = [];
    for (const written of composeFile.value
      .split(separator)
      .map((part) => part.trim())
      .filter(Boolean)) {
      const path = repoPath(folder, written);
      const where = { file: dotenvPath, line: composeFile.line };
      if (path === undefined)
        problems.push({
          ...where,
          message: `COMPOSE_FILE names ${written}, outside the repo; not read`,
          severity: 'error',
        });
      else if (!hasPath(files, path))
        problems.push({
          ...where,
          message: `COMPOSE_FILE names ${written}, which is not in the repo`,
          severity: 'error',
        });
      else named.push(path);
    }
    if (named.length > 0) layers = named;
  }
  if (layers.length === 0 && problems.length === 0) return undefined;
  const projectDir = layers.length > 0 ? dirname(layers[0]!) : folder;
  // Compose reads the `.env` of the project directory, which COMPOSE_FILE may move.
  const envFiles = [...new Set([dotenvPath, inDir(projectDir, '.env')])];
  const env = envOfFiles(envFiles, (path) => files.read(path));
  const profiles = (env.get('COMPOSE_PROFILES') ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return { folder, layers, projectDir, env, profiles, problems };
}

function addNamedFile(written: string, files: RepoFiles, projects: Map<string, Project>, extra: Project[]): void {
  const path = repoPath('', written.replace(/^\.\//, ''));
  if (path === undefined || !hasPath(files, path)) {
    const problem: FileProblem = {
      file: path ?? written,
      message:
        path === undefined
          ? `compose file ${written} is outside the repo; not read`
          : `compose file ${written} is not in the repo`,
      severity: 'error',
    };
    extra.push({ folder: '', layers: [], projectDir: '', env: new Map(), profiles: [], problems: [problem] });
    return;
  }
  if ([...projects.values(), ...extra].some((project) => project.layers.includes(path))) return;
  const folder = dirname(path);
  const project = projects.get(folder);
  if (project) project.layers.push(path);
  else {
    const env = envOfFiles([inDir(folder, '.env')], (p) => files.read(p));
    extra.push({ folder, layers: [path], projectDir: folder, env, profiles: [], problems: [] });
  }
}

function setOf(project: Project, files: RepoFiles): DeploymentSet {
  const problems: FileProblem[] = [...project.problems];
  const loaded = loadComposeProject({
    layers: project.layers,
    projectDir: project.projectDir,
    env: project.env,
    read: (path) => files.read(path),
  });
  problems.push(...loaded.problems);
  const workloads: Workload[] = [];
  const linkAliases: LinkAlias[] = [];
  for (const service of loaded.services.values()) {
    const { workload, links } = workloadOf(service, files, problems);
    workloads.push(workload);
    linkAliases.push(...links);
  }
  for (const { target, alias } of linkAliases) {
    const workload = workloads.find((w) => w.name === target);
    if (workload && !workload.aliases.includes(alias) && alias !== target) workload.aliases.push(alias);
  }
  const first = project.layers[0] ?? problems[0]?.file ?? project.folder;
  return {
    id: `compose:${first}`,
    kind: 'compose',
    files: loaded.files,
    workloads,
    endpoints: [],
    routes: [],
    problems,
    ...(project.profiles.length > 0 ? { profiles: project.profiles } : {}),
  };
}
