import path from 'node:path';
import { terminalText } from '../../render/escape/index.js';
import type { Command } from 'commander';
import { EXIT_FINDINGS } from '../../errors.js';
import { snapshotChunks } from '../../graph/snapshot.js';
import type { CliContext } from '../context.js';
import { readSnapshots } from '../load-graph.js';
import { reportScan, summarize } from '../report-scan.js';
import { writeChunksAtomic } from '../../io/write-file.js';
import { fileVersion, snapshotVersionOption } from '../snapshot-version.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('merge')
    .description('join snapshots (the shards of a crawl) into one graph, re-resolving services across them')
    .argument('<snapshots...>', 'snapshot files written by `depmap scan --out`')
    .requiredOption('-o, --out <file>', 'write the merged snapshot here ("-" for stdout)')
    .option('-q, --quiet', 'report only errors')
    .addOption(snapshotVersionOption())
    .addHelpText(
      'after',
      `
A repo found in several snapshots at different commits is reported; the later file wins.
Two repos declaring the same component name are reported as in a scan (exit 1).

Examples:
  $ depmap merge shard-*.json --out graph.json`,
    )
    .action(async (files: string[], options: { out: string; quiet?: boolean; snapshotVersion?: string }) => {
      const snapshot = await readSnapshots(files, ctx, { rebuild: true });
      const { failed } = reportScan(snapshot, ctx, options.quiet ? { quiet: true } : {});
      const version = fileVersion(options.snapshotVersion);
      if (options.out === '-') for (const chunk of snapshotChunks(snapshot, version)) ctx.stdout.write(chunk);
      else {
        await writeChunksAtomic(path.resolve(ctx.cwd, options.out), snapshotChunks(snapshot, version));
        ctx.stderr.write(`depmap: wrote ${terminalText(options.out)}: ${summarize(snapshot)}\n`);
      }
      ctx.exitCode = failed > 0 ? EXIT_FINDINGS : 0;
    });
}
