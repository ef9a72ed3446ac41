/**
 * `depmap import`: a catalog other tools keep (a Backstage catalog, a CycloneDX BOM or
 * SaaSBOM, an SPDX 3 document) as a depmap snapshot, which every graph command reads with
 * `--snapshot` and `merge` joins with a crawl. Each input is one repo of the snapshot.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { EXIT_FINDINGS } from '../../errors.js';
import type { CliContext } from '../context.js';
import { terminalText } from '../../render/escape/index.js';
import { useColor } from '../color.js';
import { formatProblems } from '../format-problems.js';
import { fileVersion, snapshotVersionOption } from '../snapshot-version.js';

interface ImportOptions {
  out?: string;
  snapshotVersion?: string;
  format?: string;
  root?: string;
  docker?: 'exact' | 'digest';
  quiet?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description('read a Backstage catalog, a CycloneDX BOM or an SPDX 3 document into a depmap snapshot')
    .argument('<inputs...>', 'catalog files, or folders of them (each input is one repo of the snapshot)')
    .option('-o, --out <file>', 'write the snapshot here ("-" for stdout, the default)')
    .addOption(
      new Option('-f, --format <format>', 'read every file as this format (default: told by name and content)').choices(
        ['backstage', 'cyclonedx', 'spdx'],
      ),
    )
    .option('--root <folder>', "the folder a Backstage Location may not leave (default: the input's folder)")
    .addOption(
      new Option('--docker <level>', 'image pinning: a specific tag (exact) or a digest').choices(['exact', 'digest']),
    )
    .addOption(snapshotVersionOption())
    .option('-q, --quiet', 'report only errors')
    .addHelpText(
      'after',
      `
Every entity kind of a Backstage catalog is kept: Components and Resources as
depmap's components and resources, APIs without a provider, Systems, Domains,
Groups, Users and custom kinds as entity nodes ("api:payments-api"); Locations
are followed inside --root, never over the network. A CycloneDX BOM's services
keep their endpoints, trust zones, data flows and providers. What depmap has no
field for is kept in namespaced properties and written back by \`depmap export\`
to the same format (docs/interop.md).

Exit codes: 0 imported, 1 the input has errors (what could be read is still
written), 2 an input is missing or is no catalog.

Examples:
  $ depmap import catalog/all.yaml --out graph.json
  $ depmap import ./backstage-catalog ./saasbom.cdx.json -o graph.json
  $ depmap import system.spdx3.json --out graph.json && depmap render --snapshot graph.json`,
    )
    .action(async (inputs: string[], options: ImportOptions) => {
      ctx.exitCode = await runImport(inputs, options, ctx);
    });
}

async function runImport(inputs: readonly string[], options: ImportOptions, ctx: CliContext): Promise<number> {
  const [
    { readCatalog },
    { buildSnapshot },
    { snapshotChunks },
    { writeChunksAtomic },
    { reportScan, summarize },
    { VERSION },
  ] = await Promise.all([
    import('../../crawl/read-catalogs.js'),
    import('../../graph/build-graph.js'),
    import('../../graph/snapshot.js'),
    import('../../io/write-file.js'),
    import('../report-scan.js'),
    import('../../version.js'),
  ]);
  const ids = new Set<string>();
  const repos = inputs.map((input) => {
    // The repo id is the input as given, made unique; it names where each node was declared.
    const base = input.replace(/\\/g, '/').replace(/\/+$/, '') || '.';
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}#${n}`;
    ids.add(id);
    return readCatalog(input, ctx.cwd, id, {
      ...(options.format ? { format: options.format } : {}),
      ...(options.root ? { root: options.root } : {}),
      ...(options.docker ? { docker: options.docker } : {}),
    });
  });
  const snapshot = buildSnapshot(repos, `depmap ${VERSION}`);
  const color = useColor(ctx.stderr, ctx.env);
  let errors = 0;
  for (const repo of snapshot.repos) {
    const shown = options.quiet ? repo.problems.filter((p) => p.severity === 'error') : repo.problems;
    errors += repo.problems.filter((p) => p.severity === 'error').length;
    if (shown.length > 0) ctx.stderr.write(formatProblems(shown, { color }));
  }
  const { failed } = reportScan(snapshot, ctx, options.quiet ? { quiet: true } : {});
  const out = options.out ?? '-';
  if (out === '-')
    for (const chunk of snapshotChunks(snapshot, fileVersion(options.snapshotVersion))) ctx.stdout.write(chunk);
  else {
    await writeChunksAtomic(path.resolve(ctx.cwd, out), snapshotChunks(snapshot, fileVersion(options.snapshotVersion)));
    if (!options.quiet) ctx.stderr.write(`depmap: wrote ${terminalText(out)}: ${summarize(snapshot)}\n`);
  }
  return errors > 0 || failed > 0 ? EXIT_FINDINGS : 0;
}
