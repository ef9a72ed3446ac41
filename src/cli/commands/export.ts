/**
 * `depmap export`: the graph in another tool's format (CycloneDX, Backstage, Structurizr).
 * Loads the graph like every graph command (crawl or snapshot), renders it with a pure
 * exporter, and writes stdout or one file.
 */
import { terminalText } from '../../render/escape/index.js';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { EXIT_FINDINGS, UsageError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { addGraphInputOptions, type GraphInputOptions } from '../load-graph.js';
import { EXPORTERS } from '../../export/index.js';
import { formatsHelp, renderOutput } from '../../render/output-format.js';

interface ExportCommandOptions extends GraphInputOptions {
  format?: string;
  out?: string;
  name?: string;
  owner?: string;
  created?: string;
}

export function register(program: Command, ctx: CliContext): void {
  const command = program
    .command('export')
    .description(
      'export the graph as CycloneDX 1.6 JSON, Backstage catalog entities, an SPDX 3.0.1 JSON-LD SBOM or a Structurizr DSL workspace',
    )
    .argument('[sources...]', "repos to crawl: folders, globs, git URLs (default: the config's sources, else .)")
    .addOption(new Option('-f, --format <format>', 'what to write').choices(EXPORTERS.names()))
    .option('-o, --out <file>', 'write to this file instead of stdout ("-" for stdout)')
    .option(
      '--name <name>',
      'name of the whole system: the BOM subject, the SPDX document, the Structurizr workspace (default "system")',
    )
    .option('--owner <ref>', 'Backstage owner for entities whose component has none (default "unknown")')
    .option(
      '--created <time>',
      "SPDX: the document's creation time, YYYY-MM-DDTHH:MM:SSZ (default 1970-01-01T00:00:00Z, so the same graph gives the same bytes)",
    );
  addGraphInputOptions(command);
  command.addHelpText(
    'after',
    `
${formatsHelp(EXPORTERS)}

The output has no timestamp: the same graph gives the same bytes.

Examples:
  $ depmap export --format cyclonedx ./repos/* --out system.cdx.json
  $ depmap export --format backstage --snapshot graph.json --owner group:platform > catalog-info.yaml
  $ depmap export --format spdx --snapshot graph.json --created 2026-12-06T18:00:00Z --out system.spdx3.json
  $ depmap export --format structurizr --snapshot graph.json --name "Acme" --out workspace.dsl`,
  );
  command.action(async (sources: string[], options: ExportCommandOptions) => {
    ctx.exitCode = await runExport(sources, options, ctx);
  });
}

export async function runExport(
  sources: readonly string[],
  options: ExportCommandOptions,
  ctx: CliContext,
): Promise<number> {
  if (!options.format) throw new UsageError('--format is required', { hint: `one of ${EXPORTERS.names().join(', ')}` });
  if (options.created !== undefined && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(options.created))
    throw new UsageError(`--created ${options.created} is not a time SPDX takes`, {
      hint: 'write it in UTC without fractions: 2026-12-06T18:00:00Z',
    });
  const exporter = EXPORTERS.get(options.format);
  // Heavy modules load only when the command runs, so other commands start fast.
  const [{ loadGraph }, { reportScan }, { writeFileAtomic }] = await Promise.all([
    import('../load-graph.js'),
    import('../report-scan.js'),
    import('../../io/write-file.js'),
  ]);
  const { snapshot } = await loadGraph(sources, options, ctx);
  const { failed } = reportScan(snapshot, ctx, { quiet: true });
  const exportOptions: Parameters<typeof exporter.render>[1] = {};
  if (options.name !== undefined) exportOptions.name = options.name;
  if (options.owner !== undefined) exportOptions.defaultOwner = options.owner;
  if (options.created !== undefined) exportOptions.created = options.created;
  const text = await renderOutput(exporter, 'export', snapshot, exportOptions, ctx.env);
  if (options.out && options.out !== '-') {
    await writeFileAtomic(path.resolve(ctx.cwd, options.out), text);
    if (!options.quiet) ctx.stderr.write(`depmap: wrote ${terminalText(options.out)} (${exporter.format})\n`);
  } else {
    ctx.stdout.write(text);
  }
  return failed > 0 ? EXIT_FINDINGS : 0;
}
