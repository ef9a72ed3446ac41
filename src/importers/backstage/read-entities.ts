/**
 * The entities of a Backstage catalog file and of the files its `Location` entities point at,
 * followed inside the repo only: through `ctx.readFile`, never a URL, never a path that leaves
 * the repo, never a glob (each of those is a warning, since Backstage itself would read them).
 */
import { asArray, asString, isRecord, type Located } from '../util/located.js';
import { parseYamlWithLines } from '../util/yaml-with-lines.js';
import { dirname, joinPath } from '../../util/paths.js';
import type { ImportContext, ImportProblem } from '../types.js';

export interface Entity {
  /** Lower-cased (`api` for both `API` and `Api`). */
  kind: string;
  /** As written (`AiResource`). */
  kindAsWritten: string;
  apiVersion: string;
  /** Lower-cased; `default` when the entity names none. */
  namespace: string;
  /** metadata.name as written. */
  name: string;
  spec: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** The catalog file it was read from (relative paths in it are relative to this). */
  file: string;
  /** True when that file is the imported one (its lines are the problems' lines). */
  main: boolean;
  doc: Located;
}

/** Files followed through Locations, at most (a Location loop or fan-out ends here). */
const MAX_FILES = 256;

export function readEntities(text: string, ctx: ImportContext, problems: ImportProblem[]): Entity[] {
  const entities: Entity[] = [];
  readFile(text, ctx.file, true, ctx, problems, entities, new Set([ctx.file]));
  return entities;
}

/** A problem keeps its line, and the file it is in when that is a followed one (a Location's target). */
export function locate(
  problems: ImportProblem[],
  entity: Pick<Entity, 'file' | 'main'>,
  line: number | undefined,
  problem: ImportProblem,
): void {
  problems.push(entity.main ? { ...problem, line } : { ...problem, file: entity.file, line });
}

function readFile(
  text: string,
  file: string,
  main: boolean,
  ctx: ImportContext,
  problems: ImportProblem[],
  into: Entity[],
  visited: Set<string>,
): void {
  const parsed = parseYamlWithLines(text);
  for (const problem of parsed.problems) problems.push(main ? problem : { ...problem, file });
  for (const doc of parsed.docs) {
    const value = doc.value;
    if (!isRecord(value)) continue;
    const kind = asString(value.kind);
    const metadata = isRecord(value.metadata) ? value.metadata : {};
    const name = asString(metadata.name);
    const where = { file, main };
    if (!kind || !name) {
      locate(problems, where, doc.lineOf(), { message: 'a catalog entity needs kind and metadata.name' });
      continue;
    }
    const spec = isRecord(value.spec) ? value.spec : {};
    if (kind.toLowerCase() === 'location') {
      const type = asString(spec.type);
      const targets = [asString(spec.target), ...asArray(spec.targets).map(asString)];
      for (const target of targets) {
        if (!target) continue;
        const warn = (message: string) => locate(problems, where, doc.lineOf('spec'), { message, severity: 'warning' });
        // `type: url` is a URL even without a scheme; depmap never fetches.
        if ((type !== undefined && type !== 'file') || /^[a-z][a-z0-9+.-]*:/i.test(target)) {
          warn(`Location target ${target} is a URL: not followed (depmap reads files in the repo only)`);
          continue;
        }
        if (/[*?[{]/.test(target)) {
          warn(`Location target ${target} is a glob: not followed (name the files)`);
          continue;
        }
        const path = target.startsWith('/') ? undefined : joinPath(dirname(file), target);
        if (path === undefined) {
          warn(`Location target ${target} is outside the repo: not followed`);
          continue;
        }
        if (visited.has(path)) continue;
        if (visited.size >= MAX_FILES) {
          warn(`Location target ${target}: more than ${MAX_FILES} catalog files, not followed`);
          continue;
        }
        visited.add(path);
        const other = ctx.readFile(path);
        if (other === undefined) {
          warn(`Location target ${target} not found in the repo`);
          continue;
        }
        readFile(other, path, false, ctx, problems, into, visited);
      }
      continue;
    }
    into.push({
      kind: kind.toLowerCase(),
      kindAsWritten: kind,
      apiVersion: asString(value.apiVersion) ?? '',
      namespace: (asString(metadata.namespace) ?? 'default').toLowerCase(),
      name,
      spec,
      metadata,
      file,
      main,
      doc,
    });
  }
}
