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

const FORMATS = ['cyclonedx', 'backstage', 'structurizr'] as const;

interface ExportCommandOptions extends GraphInputOptions {
  format?: (typeof FORMATS)[number];
  out?: string;
  name?: string;
  owner?: string;
}

export function register(program: Command, ctx: CliContext): void {
  const command = program
    .command('export')
    .description('export the graph as CycloneDX 1.6 JSON, Backstage catalog entities or a Structurizr DSL workspace')
    .argument('[sources...]', "repos to crawl: folders, globs, git URLs (default: the config's sources, else .)")
    .addOption(new Option('-f, --format <format>', 'what to write').choices(FORMATS))
    .option('-o, --out <file>', 'write to this file instead of stdout ("-" for stdout)')
    .option('--name <name>', 'name of the whole system: the BOM subject, the Structurizr workspace (default "system")')
    .option('--owner <ref>', 'Backstage owner for entities whose component has none (default "unknown")');
  addGraphInputOptions(command);
  command.addHelpText(
    'after',
    `
Formats:
  cyclonedx     CycloneDX 1.6 JSON: every component and resource is a service (with its
                endpoint), every library version a component with its purl, and the
                dependency graph links them; protocol, API and version of each call are
                depmap: properties that \`libraries/services: { from: x.cdx.json }\` reads back.
  backstage     Backstage entities, one YAML document each: System, Component (providesApis,
                consumesApis, dependsOn), API (versioned definition), Resource.
  structurizr   A Structurizr DSL workspace: systems as softwareSystems, components and
                their system's databases/queues as containers, calls as relationships,
                a landscape view and one container view per system. Libraries are left out.

The output has no timestamp: the same graph gives the same bytes.

Examples:
  $ depmap export --format cyclonedx ./repos/* --out system.cdx.json
  $ depmap export --format backstage --snapshot graph.json --owner group:platform > catalog-info.yaml
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
  if (!options.format) throw new UsageError('--format is required', { hint: `one of ${FORMATS.join(', ')}` });
  // Heavy modules load only when the command runs, so other commands start fast.
  const [{ findExporter }, { loadGraph }, { reportScan }, { writeFileAtomic }] = await Promise.all([
    import('../../export/index.js'),
    import('../load-graph.js'),
    import('../report-scan.js'),
    import('../../io/write-file.js'),
  ]);
  const exporter = findExporter(options.format);
  if (!exporter) throw new UsageError(`unknown format ${options.format}`, { hint: `one of ${FORMATS.join(', ')}` });
  const { snapshot } = await loadGraph(sources, options, ctx);
  const { failed } = reportScan(snapshot, ctx, { quiet: true });
  const exportOptions: Parameters<typeof exporter.render>[1] = {};
  if (options.name !== undefined) exportOptions.name = options.name;
  if (options.owner !== undefined) exportOptions.defaultOwner = options.owner;
  const text = exporter.render(snapshot, exportOptions);
  if (options.out && options.out !== '-') {
    await writeFileAtomic(path.resolve(ctx.cwd, options.out), text);
    if (!options.quiet) ctx.stderr.write(`depmap: wrote ${terminalText(options.out)} (${exporter.format})\n`);
  } else {
    ctx.stdout.write(text);
  }
  return failed > 0 ? EXIT_FINDINGS : 0;
}
