/**
 * `--observed <file>` on every command that reads a graph: traces or service-graph metrics
 * read and joined with the declared graph, so each call is declared-and-observed,
 * declared-only or observed-only. The readers load only when the flag is given.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Snapshot } from '../graph/types.js';
import { terminalText } from '../render/escape/index.js';
import type { CliContext } from './context.js';
import { createProgress } from './progress.js';

const OBSERVED_FORMATS = [
  'otlp',
  'jaeger',
  'jaeger-dependencies',
  'zipkin',
  'zipkin-dependencies',
  'prometheus',
] as const;

export interface ObservedOptions {
  observed?: string[];
  observedFormat?: (typeof OBSERVED_FORMATS)[number];
  quiet?: boolean;
}

export function addObservedOptions(
  command: Command,
  collect: (v: string, p: string[] | undefined) => string[],
): Command {
  return command
    .option(
      '--observed <file>',
      'traces or service-graph metrics to compare with the declared calls: OTLP JSON (the Collector file exporter, gzip too), Jaeger, Zipkin, Prometheus text; repeatable',
      collect,
    )
    .addOption(
      new Option('--observed-format <format>', 'the format of the --observed files (default: told by content)').choices(
        [...OBSERVED_FORMATS],
      ),
    );
}

/** The snapshot with the observations joined, problems and names that matched nothing said on stderr. */
export async function joinObservations(
  snapshot: Snapshot,
  options: ObservedOptions,
  ctx: CliContext,
): Promise<Snapshot> {
  const files = options.observed ?? [];
  if (files.length === 0) return snapshot;
  const [{ readObserved }, { joinObserved }] = await Promise.all([
    import('../observe/read.js'),
    import('../observe/join.js'),
  ]);
  const progress = createProgress(ctx.stderr, 'reading observations', { quiet: options.quiet, env: ctx.env });
  let input;
  try {
    input = await readObserved(files, {
      cwd: ctx.cwd,
      ...(options.observedFormat ? { format: options.observedFormat } : {}),
      onProgress: (bytes, total) => progress.update(bytes, total),
    });
  } finally {
    progress.done();
  }
  const joined = joinObserved(snapshot, input);
  const summary = joined.observed;
  for (const p of summary?.problems ?? []) {
    ctx.stderr.write(
      `depmap: warning: ${terminalText(p.file)}:${p.line}${p.col === undefined ? '' : `:${p.col}`}: ${terminalText(p.message)}\n`,
    );
  }
  if (!options.quiet) {
    for (const u of summary?.unmatched ?? []) {
      ctx.stderr.write(
        `depmap: warning: observed ${u.as} "${terminalText(u.name)}" (${u.calls} call${u.calls === 1 ? '' : 's'}) is no component, provided API or alias; shown on its own\n`,
      );
    }
  }
  return joined;
}
