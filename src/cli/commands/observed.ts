/**
 * `depmap observed`: the declared calls against what traces or service-graph metrics show.
 * Every call is declared and observed, observed only (undeclared: `check` fails on it), or
 * declared only (stale, or a path the window did not exercise).
 */
import { Option, type Command } from 'commander';
import { EXIT_FINDINGS, UsageError } from '../../errors.js';
import { OBSERVED_REPORT_FORMATS, observedReport } from '../../render/observed-report.js';
import { extensionsInWords, formatsHelp, renderOutput } from '../../render/output-format.js';
import type { CliContext } from '../context.js';
import { addGraphInputOptions, loadGraph, type GraphInputOptions } from '../load-graph.js';
import { reportScan } from '../report-scan.js';
import { writeOutput } from '../write-output.js';

interface ObservedCommandOptions extends GraphInputOptions {
  format?: string;
  out?: string;
}

export function register(program: Command, ctx: CliContext): void {
  const command = program
    .command('observed')
    .description(
      'declared calls against traces or service-graph metrics: declared and observed, observed only, declared only',
    )
    .argument('[sources...]', "repos: folders, globs of folders or git URLs (default: the config's sources, or .)")
    .addOption(
      new Option('--format <format>', 'output format (default: from the --out extension, else text)').choices(
        OBSERVED_REPORT_FORMATS.names(),
      ),
    )
    .option('-o, --out <file>', `write to this file (${extensionsInWords(OBSERVED_REPORT_FORMATS)} sets the format)`);
  addGraphInputOptions(command);
  command
    .addHelpText(
      'after',
      `
Calls are read from CLIENT/PRODUCER spans and the SERVER/CONSUMER spans under them, peers
named by service.peer.name, peer.service or server.address, databases (db.system.name) and
queues (messaging.system), by the OpenTelemetry semantic conventions; or from Jaeger and
Zipkin dependency links and the servicegraph connector's metrics. Observed names are matched
to components by name, alias and provided API, never by a guess: a name that matches nothing
is listed. Exit 1 when a call is observed and not declared, 0 otherwise.

${formatsHelp(OBSERVED_REPORT_FORMATS)}

Examples:
  $ depmap observed ./repos/* --observed traces.jsonl
  $ depmap observed --snapshot graph.json --observed traces.jsonl.gz --observed servicegraph.prom --format markdown
  $ depmap check --observed traces.jsonl               fail on undeclared calls`,
    )
    .action(async (sources: string[], options: ObservedCommandOptions) => {
      ctx.exitCode = await runObserved(sources, options, ctx);
    });
}

async function runObserved(
  sources: readonly string[],
  options: ObservedCommandOptions,
  ctx: CliContext,
): Promise<number> {
  if (!options.observed || options.observed.length === 0)
    throw new UsageError('give the traces or metrics to compare with --observed <file>', {
      hint: 'e.g. depmap observed ./repos/* --observed traces.jsonl (the OpenTelemetry Collector file exporter writes it)',
    });
  const format = OBSERVED_REPORT_FORMATS.choose(options.format, options.out, 'text');
  const { snapshot } = await loadGraph(sources, options, ctx);
  const { failed } = reportScan(snapshot, ctx, { quiet: true });
  const report = observedReport(snapshot);
  const output = await renderOutput(format, 'observed', report, undefined, ctx.env);
  await writeOutput(
    output,
    options,
    ctx,
    `: ${report.observedOnly.length} undeclared, ${report.declaredOnly.length} unobserved`,
  );
  return failed > 0 || report.observedOnly.length > 0 ? EXIT_FINDINGS : 0;
}
