/**
 * Builds the effective services of a compose project from the files a repo holds: the file
 * itself, the files it `include:`s, each service's `extends`, and the conventional
 * `*.override.yml` beside it, which `docker compose` applies by default. Variables are
 * substituted from the `.env` of each file's folder. Merging follows the compose spec:
 * mappings merge, `environment`/`labels`/`depends_on` merge by key, sequences are unioned,
 * scalars are replaced.
 */
import { parseYamlWithLines } from '../util/yaml-with-lines.js';
import { isRecord, type Located } from '../util/located.js';
import { basename, dirname, inDir, joinPath } from '../../util/paths.js';
import type { ImportContext, ImportProblem } from '../types.js';
import { parseDotenv } from './dotenv.js';
import { interpolate } from './interpolate.js';

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

const MAX_DEPTH = 8;
const MAP_MERGED = new Set([
  'environment',
  'labels',
  'depends_on',
  'extra_hosts',
  'annotations',
  'sysctls',
  'ulimits',
  'build',
]);

function overrideFileFor(file: string): string[] {
  const name = basename(file);
  const match = /^(docker-compose|compose)\.(ya?ml)$/.exec(name);
  if (!match) return [];
  const dir = dirname(file);
  return [inDir(dir, `${match[1]}.override.yml`), inDir(dir, `${match[1]}.override.yaml`)];
}

export function loadCompose(text: string, ctx: ImportContext): ComposeProject {
  const problems: ImportProblem[] = [];
  const files: string[] = [ctx.file];
  const main = loadFile(text, ctx.file, ctx, problems, files, 0, true);
  const services = main?.services ?? new Map<string, RawService>();
  for (const override of overrideFileFor(ctx.file)) {
    const overrideText = ctx.readFile(override);
    if (overrideText === undefined) continue;
    files.push(override);
    const loaded = loadFile(overrideText, override, ctx, problems, files, 1, false);
    for (const [name, service] of loaded?.services ?? []) {
      const base = services.get(name);
      services.set(name, base ? mergeService(base, service) : service);
    }
    break;
  }
  return {
    services,
    lineOf: main?.lineOf ?? (() => undefined),
    exactLineOf: main?.exactLineOf ?? (() => undefined),
    problems,
    files,
  };
}

interface LoadedFile {
  services: Map<string, RawService>;
  lineOf: Located['lineOf'];
  exactLineOf: Located['exactLineOf'];
}

function loadFile(
  text: string,
  file: string,
  ctx: ImportContext,
  problems: ImportProblem[],
  files: string[],
  depth: number,
  isMain: boolean,
): LoadedFile | undefined {
  const where = (line: number | undefined): string => (isMain ? '' : `${file}${line ? `:${line}` : ''}: `);
  const report = (problem: ImportProblem): void => {
    problems.push(
      isMain ? problem : { ...problem, message: `${where(problem.line)}${problem.message}`, line: undefined },
    );
  };
  const { docs, problems: yamlProblems } = parseYamlWithLines(text, { merge: true });
  yamlProblems.forEach(report);
  const doc = docs[0];
  if (!doc) return undefined;
  if (!isRecord(doc.value)) {
    report({ line: 1, message: 'a compose file must be a mapping' });
    return undefined;
  }
  const env = dotenvOf(dirname(file), ctx);
  const reported = new Set<string>();
  const substituted = substituteAll(doc.value, {
    env,
    missing(name, required, message) {
      if (reported.has(name)) return;
      reported.add(name);
      report({
        message: required
          ? `variable ${name} is required${message ? ` (${message})` : ''} but not set in .env`
          : `variable ${name} is not set in .env; it is read as an empty string`,
        hint: required ? `set ${name} in ${inDir(dirname(file), '.env')}` : undefined,
        severity: 'warning',
      });
    },
  }) as Record<string, unknown>;

  const services = new Map<string, RawService>();
  const declared = substituted.services;
  if (declared !== undefined && !isRecord(declared))
    report({ line: doc.lineOf('services'), message: '"services" must be a mapping of service names' });
  if (isRecord(declared)) {
    for (const [name, service] of Object.entries(declared)) {
      if (service === null) services.set(name, {});
      else if (isRecord(service)) services.set(name, service);
      else report({ line: doc.lineOf('services', name), message: `service ${name} must be a mapping` });
    }
  }

  // extends: within this file, or from another file relative to it.
  const resolving = new Set<string>();
  const resolveExtends = (name: string, service: RawService, level: number): RawService => {
    const ext = service.extends;
    if (ext === undefined) return service;
    const spec = typeof ext === 'string' ? { service: ext } : isRecord(ext) ? ext : undefined;
    const target = spec && typeof spec.service === 'string' ? spec.service : undefined;
    const line = doc.lineOf('services', name, 'extends');
    if (!target) {
      report({ line, message: `service ${name}: extends needs a service name` });
      return service;
    }
    const key = `${typeof spec?.file === 'string' ? spec.file : ''}#${target}`;
    if (resolving.has(key) || level > MAX_DEPTH) {
      report({ line, message: `service ${name}: extends ${target} is circular` });
      return withoutExtends(service);
    }
    resolving.add(key);
    let base: RawService | undefined;
    if (typeof spec?.file === 'string') {
      const path = joinPath(dirname(file), spec.file);
      const other = path === undefined ? undefined : ctx.readFile(path);
      if (path === undefined || other === undefined) {
        report({ line, message: `service ${name}: extends file ${spec.file} not found in the repo` });
      } else if (depth >= MAX_DEPTH) {
        report({ line, message: `service ${name}: extends nested deeper than ${MAX_DEPTH} files` });
      } else {
        if (!files.includes(path)) files.push(path);
        base = loadFile(other, path, ctx, problems, files, depth + 1, false)?.services.get(target);
        if (!base) report({ line, message: `service ${name}: extends ${target}, which ${spec.file} does not define` });
      }
    } else {
      const local = services.get(target);
      if (!local) report({ line, message: `service ${name}: extends ${target}, which this file does not define` });
      else base = resolveExtends(target, local, level + 1);
    }
    resolving.delete(key);
    return base ? mergeService(withoutExtends(base), withoutExtends(service)) : withoutExtends(service);
  };
  for (const [name, service] of services) services.set(name, resolveExtends(name, service, 0));

  // include: other compose files whose services join this project.
  const include = substituted.include;
  if (Array.isArray(include)) {
    include.forEach((entry, index) => {
      const paths = typeof entry === 'string' ? [entry] : isRecord(entry) ? [entry.path].flat() : [];
      for (const relative of paths) {
        if (typeof relative !== 'string') continue;
        const line = doc.lineOf('include', index);
        const path = joinPath(dirname(file), relative);
        const other = path === undefined ? undefined : ctx.readFile(path);
        if (path === undefined || other === undefined) {
          report({ line, message: `include ${relative}: not found in the repo` });
          continue;
        }
        if (depth >= MAX_DEPTH || files.includes(path)) {
          report({
            line,
            message: `include ${relative}: included twice or nested too deep; skipped`,
            severity: 'warning',
          });
          continue;
        }
        files.push(path);
        for (const [name, service] of loadFile(other, path, ctx, problems, files, depth + 1, false)?.services ?? []) {
          if (services.has(name))
            report({
              line,
              message: `include ${relative}: service ${name} is also defined here; compose refuses this`,
              severity: 'warning',
            });
          else services.set(name, service);
        }
      }
    });
  }
  return { services, lineOf: doc.lineOf, exactLineOf: doc.exactLineOf };
}

function withoutExtends(service: RawService): RawService {
  const { extends: _ignored, ...rest } = service;
  return rest;
}

function dotenvOf(dir: string, ctx: ImportContext): Map<string, string> {
  const text = ctx.readFile(inDir(dir, '.env'));
  return text === undefined ? new Map() : parseDotenv(text);
}

function substituteAll(value: unknown, interpolation: Parameters<typeof interpolate>[1], depth = 0): unknown {
  if (depth > 64) return value;
  if (typeof value === 'string') return interpolate(value, interpolation);
  if (Array.isArray(value)) return value.map((item) => substituteAll(item, interpolation, depth + 1));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, {
        value: substituteAll(item, interpolation, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
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

function mergeService(base: RawService, override: RawService): RawService {
  const out: RawService = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    if (MAP_MERGED.has(key) && current !== undefined) {
      out[key] = {
        ...asMapping(key, typeof current === 'string' ? { context: current } : current),
        ...asMapping(key, typeof value === 'string' ? { context: value } : value),
      };
    } else if (Array.isArray(current) && Array.isArray(value)) {
      const seen = new Set(current.map((item) => JSON.stringify(item)));
      out[key] = [...current, ...value.filter((item) => !seen.has(JSON.stringify(item)))];
    } else if (isRecord(current) && isRecord(value)) {
      out[key] = mergeService(current, value);
    } else {
      out[key] = value;
    }
  }
  return out;
}
