/** What `depmap init` plans for one manifest, checked as it is made. */
import { parseManifest } from '../../manifest/parse.js';
import { renderLines, type Line } from './manifest-yaml.js';

export interface PlannedManifest {
  /** Repo-relative path of the depmap.yaml to write. */
  file: string;
  name: string;
  text: string;
  todos: number;
  /** One line for the user: what it was made from. */
  summary: string;
}

/**
 * The manifest made of `lines`, parsed before it is returned (init never writes one `validate`
 * rejects: a failure here is a bug in init), with the one-line summary the command prints.
 */
export function plannedManifest(
  file: string,
  name: string,
  kind: string,
  lines: Line[],
  counts: { inline: boolean; services: number; todos: number },
): PlannedManifest {
  const text = `${renderLines(lines)}\n`;
  const parsed = parseManifest(text, file);
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new Error(
      `depmap init wrote an invalid ${file}: ${errors.map((p) => `${p.line}:${p.col} ${p.message}`).join('; ')}\n${text}`,
    );
  }
  const fromCount = parsed.manifest?.fromRefs.length ?? 0;
  const summary = [
    `${kind} ${name}`,
    counts.inline
      ? `${parsed.manifest?.libraries.length ?? 0} pinned libraries`
      : `libraries from ${fromCount} file${fromCount === 1 ? '' : 's'}`,
    `${counts.services} service${counts.services === 1 ? '' : 's'}`,
    `${counts.todos} TODO${counts.todos === 1 ? '' : 's'}`,
  ].join(', ');
  return { file, name, text, todos: counts.todos, summary };
}
