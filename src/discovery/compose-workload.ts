/**
 * One merged compose service as a workload of the deployment model: its names (hostname,
 * container_name, network aliases), image as written and as interpolated, build context and
 * Dockerfile, settings from `env_file` then `environment` (compose's order: `environment`
 * wins), ports, start-order and link dependencies, profiles. Every fact keeps the file and
 * line it was read from; secret values are masked before they enter the model.
 */
import { child, scalarText, type ComposeNode, type ScalarNode } from '../importers/compose/compose-node.js';
import { parseDotenvEntries } from '../importers/compose/dotenv.js';
import { repoPath } from '../importers/compose/compose-files.js';
import type { LoadedService } from '../importers/compose/load-project.js';
import { keyedMap } from '../importers/compose/merge-compose.js';
import { isSecretKey, maskCredentials } from '../importers/topology/addresses.js';
import { dockerfileOf, hasPath } from './dockerfile-of.js';
import type { BuildRef, Dependency, FileProblem, ImageRef, Port, RepoFiles, Setting, Workload } from './model.js';

/** A `links: [db:database]` entry: `database` is a name of `db`, as the linking service sees it. */
export interface LinkAlias {
  target: string;
  alias: string;
}

export function workloadOf(
  service: LoadedService,
  files: RepoFiles,
  problems: FileProblem[],
): { workload: Workload; links: LinkAlias[] } {
  const node = service.node;
  const links = linksOf(child(node, 'links'));
  const profiles = scalars(child(node, 'profiles'));
  const image = imageOf(child(node, 'image'));
  const build = buildOf(child(node, 'build'), service.env, files, problems);
  const workload: Workload = {
    name: service.name,
    aliases: aliasesOf(node, service.name),
    labels: {},
    declared: sourceOf(service.declared),
    alsoDeclared: service.alsoDeclared.map(sourceOf),
    runs: 'service',
    ...(image ? { image } : {}),
    ...(build ? { build } : {}),
    settings: [...envFileSettings(service, files, problems), ...environmentSettings(service)],
    dependsOn: [...dependenciesOf(child(node, 'depends_on')), ...links.dependencies],
    ports: portsOf(node),
    ...(profiles.length > 0 ? { profiles } : {}),
  };
  return { workload, links: links.aliases };
}

function sourceOf(at: { file: string; line?: number }): { file: string; line?: number } {
  return { file: at.file, ...(at.line !== undefined ? { line: at.line } : {}) };
}

function scalars(node: ComposeNode | undefined): string[] {
  const items = node?.kind === 'seq' ? node.items : node ? [node] : [];
  return items.map(scalarText).filter((text): text is string => text !== undefined && text !== '');
}

function aliasesOf(node: ComposeNode, name: string): string[] {
  const names = [scalarText(child(node, 'hostname')), scalarText(child(node, 'container_name'))];
  const networks = child(node, 'networks');
  if (networks?.kind === 'map')
    for (const network of networks.entries.values()) names.push(...scalars(child(network, 'aliases')));
  return [...new Set(names.filter((alias): alias is string => !!alias && alias !== name))];
}

/** Undefined `ref` when a variable has no value: `/rs-web:` is not an image anyone runs. */
function imageOf(node: ComposeNode | undefined): ImageRef | undefined {
  const value = scalarText(node);
  if (node?.kind !== 'scalar' || value === undefined) return undefined;
  const written = node.written ?? value;
  if (written === '') return undefined;
  const known = !node.unset?.length && value !== '';
  return { ...sourceOf(node.at), written, ...(known ? { ref: value } : {}) };
}

function buildOf(
  node: ComposeNode | undefined,
  env: ReadonlyMap<string, string>,
  files: RepoFiles,
  problems: FileProblem[],
): BuildRef | undefined {
  if (node === undefined) return undefined;
  const contextNode = node.kind === 'map' ? child(node, 'context') : node;
  const written = contextNode ? (scalarText(contextNode) ?? '.') : '.';
  // A remote context (a git URL, a tarball) is not a folder of this repo.
  if (/^[a-z][a-z0-9+.-]*:\/\/|^git@|\.git(#.*)?$/i.test(written)) return undefined;
  const at = (contextNode ?? node).at;
  const context = repoPath(at.dir, written);
  if (context === undefined) {
    problems.push({
      ...sourceOf(at),
      message: `build context ${written}: outside the repo; not read`,
      severity: 'warning',
    });
    return undefined;
  }
  const build: BuildRef = { ...sourceOf(node.at), context };
  const args = buildArgs(child(node, 'args'), env);
  if (Object.keys(args).length > 0) build.args = args;
  const dockerfile = scalarText(child(node, 'dockerfile'));
  const path = dockerfile === undefined ? undefined : repoPath(context, dockerfile);
  if (path !== undefined && hasPath(files, path)) build.dockerfile = path;
  else if (dockerfile === undefined) {
    const found = dockerfileOf(build, files);
    if (found) build.dockerfile = found;
  }
  return build;
}

/** `args: {K: v}` or `[K=v]`; a bare `K` takes the project's value, as compose passes it. */
function buildArgs(node: ComposeNode | undefined, env: ReadonlyMap<string, string>): Record<string, string> {
  const args: Record<string, string> = {};
  for (const [key, value] of keyedMap(node, 'args').entries) {
    const text = value.kind === 'scalar' ? (value.value === null ? env.get(key) : String(value.value)) : undefined;
    if (text === undefined || (value.kind === 'scalar' && value.unset?.length)) continue;
    Object.defineProperty(args, key, {
      value: isSecretKey(key) ? '***' : text,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return args;
}

/** `env_file`s are read first: compose lets `environment` override them. */
function envFileSettings(service: LoadedService, files: RepoFiles, problems: FileProblem[]): Setting[] {
  const node = child(service.node, 'env_file');
  const entries = node?.kind === 'seq' ? node.items : node ? [node] : [];
  const settings: Setting[] = [];
  for (const entry of entries) {
    const written = entry.kind === 'map' ? scalarText(child(entry, 'path')) : scalarText(entry);
    if (!written) continue;
    const required = entry.kind !== 'map' || scalarText(child(entry, 'required')) !== 'false';
    const path = repoPath(entry.at.dir, written);
    const text = path === undefined ? undefined : files.read(path);
    if (path === undefined) {
      problems.push({
        ...sourceOf(entry.at),
        message: `env_file ${written}: outside the repo; not read`,
        severity: 'error',
      });
      continue;
    }
    if (text === undefined) {
      if (required)
        problems.push({
          ...sourceOf(entry.at),
          message: `env_file ${written}: not found in the repo`,
          severity: 'warning',
        });
      continue;
    }
    for (const item of parseDotenvEntries(text, service.env)) {
      const value = item.value ?? service.env.get(item.key);
      if (value === undefined) continue;
      settings.push(
        setting(item.key, value, item.written, item.value === undefined ? 'dotenv' : 'env-file', {
          file: path,
          line: item.line,
        }),
      );
    }
  }
  return settings;
}

function environmentSettings(service: LoadedService): Setting[] {
  const settings: Setting[] = [];
  for (const [key, value] of keyedMap(child(service.node, 'environment'), 'environment').entries) {
    if (value.kind !== 'scalar') continue;
    if (value.value === null) {
      // A bare key takes its value from the environment compose runs in: here, the project's `.env`.
      const known = service.env.get(key);
      if (known !== undefined) settings.push(setting(key, known, undefined, 'dotenv', sourceOf(value.at)));
      continue;
    }
    settings.push(setting(key, String(value.value), (value as ScalarNode).written, 'env', sourceOf(value.at)));
  }
  return settings;
}

function setting(
  key: string,
  value: string,
  written: string | undefined,
  via: Setting['via'],
  at: { file: string; line?: number },
): Setting {
  if (isSecretKey(key)) return { key, value: '***', via, ...at };
  const masked = maskCredentials(value);
  const shown = written === undefined ? undefined : maskCredentials(written);
  return { key, value: masked, ...(shown !== undefined && shown !== masked ? { written: shown } : {}), via, ...at };
}

function dependenciesOf(node: ComposeNode | undefined): Dependency[] {
  return [...keyedMap(node, 'depends_on').entries].map(([name, entry]) => ({
    name,
    ...sourceOf(entry.at),
    via: 'depends_on',
  }));
}

function linksOf(node: ComposeNode | undefined): { dependencies: Dependency[]; aliases: LinkAlias[] } {
  const dependencies: Dependency[] = [];
  const aliases: LinkAlias[] = [];
  for (const item of node?.kind === 'seq' ? node.items : []) {
    const text = scalarText(item);
    if (!text) continue;
    const [target = '', alias] = text.split(':');
    if (!target) continue;
    dependencies.push({ name: target, ...sourceOf(item.at), via: 'link' });
    if (alias && alias !== target) aliases.push({ target, alias });
  }
  return { dependencies, aliases };
}

/** Container ports (`ports` targets, `expose`), each once; a range counts up to 64 ports. */
function portsOf(node: ComposeNode): Port[] {
  const ports = new Map<number, Port>();
  const add = (port: Port): void => {
    if (Number.isInteger(port.port) && port.port > 0 && port.port < 65536 && !ports.has(port.port))
      ports.set(port.port, port);
  };
  for (const attribute of ['ports', 'expose']) {
    const list = child(node, attribute);
    for (const item of list?.kind === 'seq' ? list.items : []) {
      if (item.kind === 'map') {
        const name = scalarText(child(item, 'name'));
        const protocol = scalarText(child(item, 'app_protocol'));
        for (const port of containerPorts(scalarText(child(item, 'target')) ?? ''))
          add({ port, ...(name ? { name } : {}), ...(protocol ? { protocol } : {}) });
      } else {
        const text = scalarText(item) ?? '';
        const spec = text.split('/')[0] ?? '';
        for (const port of containerPorts(spec.slice(spec.lastIndexOf(':') + 1))) add({ port });
      }
    }
  }
  return [...ports.values()];
}

function containerPorts(text: string): number[] {
  const range = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!range) return [];
  const first = Number(range[1]);
  const last = range[2] === undefined ? first : Math.min(Number(range[2]), first + 63);
  const out: number[] = [];
  for (let port = first; port <= last; port++) out.push(port);
  return out;
}
