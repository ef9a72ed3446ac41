/** What a crawl reports on stderr: each failed or skipped repo with its reasons, then a summary. */
import type { Snapshot } from '../graph/types.js';
import { useColor } from './color.js';
import type { CliContext } from './context.js';
import { terminalText as t } from '../render/escape/index.js';
import { count, formatProblems } from './format-problems.js';

export function reportScan(snapshot: Snapshot, ctx: CliContext, options: { quiet?: boolean } = {}): { failed: number } {
  const failed = snapshot.repos.filter((r) => r.status === 'failed');
  const skipped = snapshot.repos.filter((r) => r.status === 'no-manifest');
  const color = useColor(ctx.stderr, ctx.env);
  for (const repo of failed) {
    ctx.stderr.write(`depmap: repo ${t(repo.id)} failed:\n`);
    ctx.stderr.write(
      indent(
        formatProblems(
          repo.problems.filter((p) => p.severity === 'error'),
          { color },
        ),
      ),
    );
  }
  if (!options.quiet) {
    for (const repo of skipped) ctx.stderr.write(`depmap: repo ${t(repo.id)}: no manifest (depmap.yaml); skipped\n`);
  }
  const graphErrors = snapshot.problems.filter((p) => p.severity === 'error');
  for (const p of snapshot.problems) {
    if (options.quiet && p.severity !== 'error') continue;
    const places = p.locations.map((l) => `${l.repo}:${l.file}:${l.line}:${l.col}`);
    const named = places.length > 0 && p.message.includes(places[0] as string);
    ctx.stderr.write(
      `depmap: ${p.severity}: ${t(`${p.message}${places.length > 0 && !named ? ` (${places.join(', ')})` : ''}`)}\n`,
    );
  }
  return { failed: failed.length + graphErrors.length };
}

export function summarize(snapshot: Snapshot): string {
  const components = snapshot.nodes.filter((n) => n.type === 'component').length;
  const resources = snapshot.nodes.filter((n) => n.type === 'resource').length;
  const libraries = snapshot.nodes.filter((n) => n.type === 'library').length;
  const entities = snapshot.nodes.filter((n) => n.type === 'entity').length;
  const calls = snapshot.edges.filter((e) => e.type === 'calls-service').length;
  const uses = snapshot.edges.filter((e) => e.type === 'uses-library').length;
  const mapped = snapshot.repos.filter((r) => r.status === 'ok').length;
  const failed = snapshot.repos.filter((r) => r.status === 'failed').length;
  const partly = snapshot.repos.filter((r) => r.status === 'failed' && r.manifests.length > 0).length;
  const skipped = snapshot.repos.filter((r) => r.status === 'no-manifest').length;
  return (
    `${count(snapshot.repos.length, 'repo')} (${mapped} mapped, ${failed} failed${partly > 0 ? ` (${partly} partly mapped)` : ''}, ${skipped} without manifest): ` +
    `${count(components, 'component')}, ${count(resources, 'resource')}, ${count(libraries, 'library', 'libraries')}` +
    `${entities > 0 ? `, ${count(entities, 'catalog entity', 'catalog entities')}` : ''}; ` +
    `${count(calls, 'service call')}, ${count(uses, 'library use')}`
  );
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n');
}
