/**
 * Loads a compose project as `docker compose` does: its layer files in order (a base file,
 * its override, or what `COMPOSE_FILE` / `-f` names), each interpolated with the project's
 * variables, each service's `extends` resolved, each file's `include:`s loaded as projects of
 * their own (their own folder, their own `.env`, the local variables winning), then the
 * layers merged by the compose merge rules. Every node keeps its file and line. Paths that
 * leave the repo are refused, cycles and depth are bounded, and nothing throws: what cannot
 * be read becomes a problem and the rest is loaded.
 */
import { dirname, inDir } from '../../util/paths.js';
import { envOfFiles, repoPath } from './compose-files.js';
import {
  parseComposeFile,
  scalarText,
  type ComposeNode,
  type ComposeProblem,
  type MapNode,
  type Where,
} from './compose-node.js';
import { interpolateTree } from './interpolate.js';
import { mergeNodes } from './merge-compose.js';

export interface LoadedService {
  name: string;
  node: MapNode;
  /** The first declaration (its key's line); every later layer that re-declares it. */
  declared: Where;
  alsoDeclared: Where[];
  /** The variables its file was interpolated with: a bare `environment` key takes its value from them. */
  env: ReadonlyMap<string, string>;
}

export interface LoadedProject {
  services: Map<string, LoadedService>;
  /** Every compose file read (layers, includes, `extends` files), in the order read. */
  files: string[];
  /** Each top-level layer's parsed tree, for callers that look up lines in one file. */
  roots: Map<string, MapNode>;
  problems: ComposeProblem[];
}

export interface ProjectInput {
  /** The layer files, base first; repo-relative. */
  layers: readonly string[];
  /** The folder relative paths of every layer resolve from. */
  projectDir: string;
  env: ReadonlyMap<string, string>;
  read(path: string): string | undefined;
}

const MAX_DEPTH = 8;
export function loadComposeProject(input: ProjectInput): LoadedProject {
  const loader = new ProjectLoader(input.read);
  const services = loader.layers(input.layers, input.projectDir, input.env, 0, [], true);
  return { services, files: loader.files, roots: loader.roots, problems: loader.problems };
}

class ProjectLoader {
  readonly files: string[] = [];
  readonly roots = new Map<string, MapNode>();
  readonly problems: ComposeProblem[] = [];
  private readonly extendsFiles = new Map<string, Map<string, MapNode>>();

  private readonly texts = new Map<string, string | undefined>();

  constructor(private readonly reader: (path: string) => string | undefined) {}

  /** Each file is read once, however many layers, includes and `extends` name it. */
  readonly read = (path: string): string | undefined => {
    if (!this.texts.has(path)) this.texts.set(path, this.reader(path));
    return this.texts.get(path);
  };

  private problem(
    at: Pick<Where, 'file' | 'line'>,
    message: string,
    severity: 'error' | 'warning' = 'error',
    hint?: string,
  ): void {
    this.problems.push({
      file: at.file,
      ...(at.line !== undefined ? { line: at.line } : {}),
      message,
      severity,
      ...(hint ? { hint } : {}),
    });
  }

  layers(
    paths: readonly string[],
    dir: string,
    env: ReadonlyMap<string, string>,
    depth: number,
    chain: readonly string[],
    top = false,
  ): Map<string, LoadedService> {
    const merged = new Map<string, LoadedService>();
    for (const path of paths) {
      const text = this.read(path);
      if (text === undefined) {
        this.problem({ file: path }, `compose file ${path} not found in the repo`);
        continue;
      }
      for (const [name, service] of this.file(path, text, dir, env, depth, chain, top)) {
        const base = merged.get(name);
        if (!base) merged.set(name, service);
        else {
          const node = mergeNodes(base.node, service.node) as MapNode;
          merged.set(name, {
            ...base,
            node,
            alsoDeclared: [...base.alsoDeclared, service.declared, ...service.alsoDeclared],
          });
        }
      }
    }
    return merged;
  }

  private file(
    file: string,
    text: string,
    dir: string,
    env: ReadonlyMap<string, string>,
    depth: number,
    chain: readonly string[],
    top: boolean,
  ): Map<string, LoadedService> {
    if (!this.files.includes(file)) this.files.push(file);
    const services = this.parseServices(file, text, dir, env);
    const root = services.root;
    if (top && root) this.roots.set(file, root);
    const loaded = new Map<string, LoadedService>();
    for (const [name, node] of services.nodes) {
      const resolved = this.resolveExtends(name, node, services.nodes, file, dir, env, new Set(), 0);
      loaded.set(name, { name, node: resolved, declared: node.at, alsoDeclared: [], env });
    }
    const include = root?.entries.get('include');
    if (include?.kind === 'seq') {
      for (const entry of include.items) this.include(entry, loaded, file, dir, env, depth, [...chain, file]);
    }
    return loaded;
  }

  /** The file's services, interpolated, before `extends`; problems reported once per file. */
  private parseServices(file: string, text: string, dir: string, env: ReadonlyMap<string, string>) {
    const { root, problems } = parseComposeFile(text, file, dir);
    this.problems.push(...problems);
    const nodes = new Map<string, MapNode>();
    if (!root) return { root, nodes };
    interpolateTree(root, env, (name, required, message, at) => {
      this.problem(
        at,
        required
          ? `variable ${name} is required${message ? ` (${message})` : ''} but not set in .env`
          : `variable ${name} is not set in .env; it is read as an empty string`,
        'warning',
        required ? `set ${name} in ${inDir(dir, '.env')}` : undefined,
      );
    });
    const declared = root.entries.get('services');
    if (declared === undefined || (declared.kind === 'scalar' && declared.value === null)) return { root, nodes };
    if (declared.kind !== 'map') {
      this.problem(declared.at, '"services" must be a mapping of service names');
      return { root, nodes };
    }
    for (const [name, service] of declared.entries) {
      if (service.kind === 'map') nodes.set(name, service);
      else if (service.kind === 'scalar' && service.value === null)
        nodes.set(name, { kind: 'map', at: service.at, entries: new Map() });
      else this.problem(service.at, `service ${name} must be a mapping`);
    }
    return { root, nodes };
  }

  private resolveExtends(
    name: string,
    service: MapNode,
    siblings: ReadonlyMap<string, MapNode>,
    file: string,
    dir: string,
    env: ReadonlyMap<string, string>,
    resolving: ReadonlySet<string>,
    level: number,
  ): MapNode {
    const ext = service.entries.get('extends');
    if (ext === undefined) return service;
    const own = withoutExtends(service);
    const target = ext.kind === 'map' ? scalarText(ext.entries.get('service')) : scalarText(ext);
    const otherFile = ext.kind === 'map' ? scalarText(ext.entries.get('file')) : undefined;
    if (!target) {
      this.problem(ext.at, `service ${name}: extends needs a service name`);
      return own;
    }
    const key = `${otherFile === undefined ? file : repoPath(dir, otherFile)}#${target}`;
    if (resolving.has(key) || level > MAX_DEPTH) {
      this.problem(ext.at, `service ${name}: extends ${target} is circular`);
      return own;
    }
    let base: MapNode | undefined;
    if (otherFile !== undefined) {
      const path = repoPath(dir, otherFile);
      const text = path === undefined ? undefined : this.read(path);
      if (path === undefined)
        this.problem(ext.at, `service ${name}: extends file ${otherFile} is outside the repo; not read`);
      else if (text === undefined)
        this.problem(ext.at, `service ${name}: extends file ${otherFile} not found in the repo`);
      else {
        if (!this.files.includes(path)) this.files.push(path);
        let others = this.extendsFiles.get(path);
        if (!others) {
          others = this.parseServices(path, text, dirname(path), env).nodes;
          this.extendsFiles.set(path, others);
        }
        const found = others.get(target);
        if (!found) this.problem(ext.at, `service ${name}: extends ${target}, which ${otherFile} does not define`);
        else
          base = this.resolveExtends(
            target,
            found,
            others,
            path,
            dirname(path),
            env,
            new Set([...resolving, key]),
            level + 1,
          );
      }
    } else {
      const found = siblings.get(target);
      if (!found) this.problem(ext.at, `service ${name}: extends ${target}, which this file does not define`);
      else base = this.resolveExtends(target, found, siblings, file, dir, env, new Set([...resolving, key]), level + 1);
    }
    if (!base) return own;
    return { ...(mergeNodes(withoutExtends(base), own) as MapNode), at: service.at };
  }

  private include(
    entry: ComposeNode,
    into: Map<string, LoadedService>,
    file: string,
    dir: string,
    env: ReadonlyMap<string, string>,
    depth: number,
    chain: readonly string[],
  ): void {
    const pathNode = entry.kind === 'map' ? entry.entries.get('path') : entry;
    const written = (pathNode?.kind === 'seq' ? pathNode.items : pathNode ? [pathNode] : []).map(scalarText);
    const paths: string[] = [];
    for (const relative of written) {
      if (!relative) continue;
      const path = repoPath(dir, relative);
      if (path === undefined) this.problem(entry.at, `include ${relative}: outside the repo; not read`);
      else if (this.read(path) === undefined) this.problem(entry.at, `include ${relative}: not found in the repo`);
      else if (depth >= MAX_DEPTH || chain.includes(path) || this.files.includes(path))
        this.problem(entry.at, `include ${relative}: included twice or nested too deep; skipped`, 'warning');
      else paths.push(path);
    }
    if (paths.length === 0) {
      if (written.length === 0) this.problem(entry.at, 'include needs a path');
      return;
    }
    const projectDirectory = entry.kind === 'map' ? scalarText(entry.entries.get('project_directory')) : undefined;
    const includedDir = projectDirectory === undefined ? dirname(paths[0]!) : repoPath(dir, projectDirectory);
    if (includedDir === undefined) {
      this.problem(entry.at, `include project_directory ${projectDirectory}: outside the repo; not read`);
      return;
    }
    const envFiles = this.includeEnvFiles(entry, dir, includedDir);
    // The including project's variables win over the included file's own `.env`.
    const includedEnv = new Map([...envOfFiles(envFiles, this.read), ...env]);
    const services = this.layers(paths, includedDir, includedEnv, depth + 1, chain);
    for (const [name, service] of services) {
      if (into.has(name))
        this.problem(
          entry.at,
          `include ${written.find(Boolean)}: service ${name} is also defined here; compose refuses this`,
          'warning',
        );
      else into.set(name, service);
    }
  }

  private includeEnvFiles(entry: ComposeNode, dir: string, includedDir: string): string[] {
    const node = entry.kind === 'map' ? entry.entries.get('env_file') : undefined;
    if (node === undefined) return [inDir(includedDir, '.env')];
    const files: string[] = [];
    for (const written of (node.kind === 'seq' ? node.items : [node]).map(scalarText)) {
      if (!written) continue;
      const path = repoPath(dir, written);
      if (path === undefined) this.problem(node.at, `include env_file ${written}: outside the repo; not read`);
      else if (this.read(path) === undefined)
        this.problem(node.at, `include env_file ${written}: not found in the repo`);
      else files.push(path);
    }
    return files;
  }
}

function withoutExtends(service: MapNode): MapNode {
  if (!service.entries.has('extends')) return service;
  const entries = new Map(service.entries);
  entries.delete('extends');
  return { ...service, entries };
}
