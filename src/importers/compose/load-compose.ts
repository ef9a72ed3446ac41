/**
 * The compose importer's view of a project: the imported file with what `docker compose`
 * loads beside it (its folder's override file when it is the folder's default file, its
 * `include:`s and `extends`), through the one project loader (load-project.ts), as plain
 * values with the lines of the imported file. Problems in other files name their file.
 */
import { isRecord, type Located, type PathSegment } from '../util/located.js';
import { dirname, inDir } from '../../util/paths.js';
import type { ImportContext, ImportProblem } from '../types.js';
import { toPlain, type ComposeNode, type MapNode } from './compose-node.js';
import { defaultComposeFiles, envOfFiles } from './compose-files.js';
import { loadComposeProject } from './load-project.js';

export type RawService = Record<string, unknown>;

export interface ComposeProject {
  services: Map<string, RawService>;
  /** Lines in the imported file itself (services defined elsewhere have none). */
  lineOf: Located['lineOf'];
  exactLineOf: Located['exactLineOf'];
  problems: ImportProblem[];
  /** Every file that contributed, for messages. */
  files: string[];
}

export function loadCompose(text: string, ctx: ImportContext): ComposeProject {
  const dir = dirname(ctx.file);
  const read = (path: string): string | undefined => (path === ctx.file ? text : ctx.readFile(path));
  const defaults = defaultComposeFiles(dir, (path) => read(path) !== undefined);
  const layers = defaults[0] === ctx.file ? defaults : [ctx.file];
  const env = envOfFiles([inDir(dir, '.env')], read);
  const project = loadComposeProject({ layers, projectDir: dir, env, read });
  const services = new Map<string, RawService>();
  for (const [name, service] of project.services) services.set(name, toPlain(service.node) as RawService);
  const root = project.roots.get(ctx.file);
  return {
    services,
    lineOf: (...path) => lineAt(root, path, false),
    exactLineOf: (...path) => lineAt(root, path, true),
    problems: project.problems.map(({ file, line, message, hint, severity }) => ({
      ...(file === ctx.file ? { line, message } : { message: `${file}${line ? `:${line}` : ''}: ${message}` }),
      ...(hint ? { hint } : {}),
      severity,
    })),
    files: project.files,
  };
}

/** The line of a path in the file's own tree; without `exact`, the nearest ancestor's when the path is not there. */
function lineAt(root: MapNode | undefined, path: readonly PathSegment[], exact: boolean): number | undefined {
  let node: ComposeNode | undefined = root;
  let line = root?.at.line;
  for (const segment of path) {
    const next: ComposeNode | undefined =
      node?.kind === 'map' && typeof segment === 'string'
        ? node.entries.get(segment)
        : node?.kind === 'seq' && typeof segment === 'number'
          ? node.items[segment]
          : undefined;
    if (next === undefined) return exact ? undefined : line;
    node = next;
    line = next.at.line ?? line;
  }
  return line;
}

/** `["A=1", "B"]` or `{A: 1}` → `{A: "1", B: null}`; depends_on lists → `{name: {}}`. */
export function asMapping(key: string, value: unknown): Record<string, unknown> {
  if (isRecord(value)) return value;
  if (!Array.isArray(value)) return {};
  const out: Record<string, unknown> = {};
  for (const item of value) {
    if (typeof item !== 'string') continue;
    if (key === 'depends_on') {
      out[item] = {};
      continue;
    }
    const eq = item.indexOf(key === 'extra_hosts' ? ':' : '=');
    if (eq < 0) out[item] = null;
    else out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}
