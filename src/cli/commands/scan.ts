import path from 'node:path';
import { terminalText } from '../../render/escape/index.js';
import type { Command } from 'commander';
import { EXIT_FINDINGS } from '../../errors.js';
import { snapshotChunks } from '../../graph/snapshot.js';
import { fileVersion, snapshotVersionOption } from '../snapshot-version.js';
import type { CliContext } from '../context.js';
import { addGraphInputOptions, loadGraph, type GraphInputOptions } from '../load-graph.js';
import { reportScan, summarize } from '../report-scan.js';
import { writeChunksAtomic } from '../../io/write-file.js';

interface ScanOptions extends GraphInputOptions {
  out?: string;
  snapshotVersion?: string;
}

export function register(program: Command, ctx: CliContext): void {
  const command = program
    .command('scan')
    .description('crawl repos (folders, globs, git URLs) into one graph; write it as a snapshot')
    .argument(
      '[sources...]',
      "folders, globs of folders (quoted), or git URLs with an optional #ref (default: the config's sources, else .)",
    )
    .option('-o, --out <file>', 'write the snapshot JSON here ("-" for stdout)')
    .addOption(snapshotVersionOption());
  addGraphInputOptions(command, { shard: true });
  command.addHelpText(
    'after',
    `
Every depmap.yaml of every repo is read (monorepos have several). A repo that fails (clone
error, invalid manifest) is reported and the others are still mapped; the exit code is then 1.
Git URLs are cloned shallow into the cache; ext::, fd:: and option-like URLs are refused.

Examples:
  $ depmap scan ./repos/* --out graph.json
  $ depmap scan 'https://github.com/acme/checkout.git#main' git@github.com:acme/payments.git
  $ depmap scan --config depmap.config.yaml --shard 2/8 --out shard-2.json`,
  );
  command.action(async (sources: string[], options: ScanOptions) => {
    ctx.exitCode = await runScan(sources, options, ctx);
  });
}

export async function runScan(sources: readonly string[], options: ScanOptions, ctx: CliContext): Promise<number> {
  const { snapshot } = await loadGraph(sources, options, ctx);
  const { failed } = reportScan(snapshot, ctx, options.quiet ? { quiet: true } : {});
  if (options.out === '-') {
    for (const chunk of snapshotChunks(snapshot, fileVersion(options.snapshotVersion))) ctx.stdout.write(chunk);
  } else if (options.out) {
    await writeChunksAtomic(
      path.resolve(ctx.cwd, options.out),
      snapshotChunks(snapshot, fileVersion(options.snapshotVersion)),
    );
    ctx.stderr.write(`depmap: wrote ${terminalText(options.out)}: ${summarize(snapshot)}\n`);
  } else {
    ctx.stdout.write(`${summarize(snapshot)}\n`);
  }
  return failed > 0 ? EXIT_FINDINGS : 0;
}
