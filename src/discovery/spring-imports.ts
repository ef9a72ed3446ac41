/**
 * `spring.config.import` of files: `classpath:extra.yml` (the module's resources),
 * `file:./config/db.properties` (the module folder, where the jar is usually started) and
 * plain relative paths (beside the importing file), `optional:` ones silently skipped when
 * missing. Only files inside the repo are read: one that points outside (`../../etc/x`, an
 * absolute path) is a problem, not a read. Config servers, Vault, Consul and Kubernetes
 * imports are addresses, kept as settings, not files to read.
 */
import type { FileProblem } from './model.js';
import type { ConfigDocument } from './spring-documents.js';
import { resolvePlaceholders, type PlaceholderScope } from './spring-placeholders.js';
import { dirname, joinPath } from '../util/paths.js';

/** Imports of imports: a real configuration nests one or two; a loop is cut by the caller's visited set. */
const MAX_IMPORT_DEPTH = 8;

export interface ImportContextSpring {
  moduleDir: string;
  resources: string;
  present: ReadonlySet<string>;
  scope: PlaceholderScope;
  depth: number;
}

export function configImports(
  document: ConfigDocument,
  ctx: ImportContextSpring,
): { files: string[]; problems: FileProblem[] } {
  const files: string[] = [];
  const problems: FileProblem[] = [];
  const entries = document.entries.filter(
    (e) => e.key === 'spring.config.import' || /^spring\.config\.import\[\d+\]$/.test(e.key),
  );
  for (const entry of entries) {
    const at = { file: document.file, line: entry.line };
    for (const raw of resolvePlaceholders(entry.value, ctx.scope).split(',')) {
      let item = raw.trim();
      const optional = item.startsWith('optional:');
      if (optional) item = item.slice('optional:'.length);
      // `[.yaml]` tells Spring the format of a file whose name has no extension.
      const hinted = /^(.*)\[\.(ya?ml|properties)\]$/.exec(item);
      if (hinted) item = hinted[1]!;
      let base: string;
      if (item.startsWith('classpath:')) {
        base = ctx.resources;
        item = item.slice('classpath:'.length).replace(/^\/+/, '');
      } else if (item.startsWith('file:')) {
        base = ctx.moduleDir;
        item = item.slice('file:'.length);
      } else if (/^[a-z][\w+.-]*:/i.test(item) || item === '') {
        continue;
      } else {
        base = dirname(document.file);
      }
      if (!hinted && !/\.(ya?ml|properties)$/.test(item)) continue;
      if (ctx.depth >= MAX_IMPORT_DEPTH) {
        problems.push({
          ...at,
          message: `spring.config.import nested deeper than ${MAX_IMPORT_DEPTH}; ${raw.trim()} not read`,
          severity: 'warning',
        });
        continue;
      }
      const path = item.startsWith('/') ? undefined : joinPath(base, item);
      if (path === undefined) {
        problems.push({
          ...at,
          message: `spring.config.import ${raw.trim()} points outside the repo; not read`,
          severity: item.startsWith('/') ? 'warning' : 'error',
        });
        continue;
      }
      if (ctx.present.has(path)) files.push(path);
      else if (!optional)
        problems.push({
          ...at,
          message: `spring.config.import ${raw.trim()}: ${path} is not in the repo`,
          hint: 'Spring fails to start without it, unless it is mounted at run time; prefix it with optional: if so',
          severity: 'warning',
        });
    }
  }
  return { files, problems };
}
