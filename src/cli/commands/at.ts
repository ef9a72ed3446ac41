/**
 * `depmap at <date>`: the organisation as it was on a date, each repo at its last main-line
 * commit on or before it (with --discover, mapped from its deployment and build files before
 * it had a depmap.yaml), written as a snapshot that every command taking --snapshot reads.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { EXIT_FINDINGS, IoError } from '../../errors.js';
import { buildSnapshot } from '../../graph/build-graph.js';
import { snapshotChunks } from '../../graph/snapshot.js';
import { fileVersion, snapshotVersionOption } from '../snapshot-version.js';
import { parseDate } from '../../history/dates.js';
import { orgAtDates } from '../../history/org-history.js';
import { writeChunksAtomic } from '../../io/write-file.js';
import { terminalText } from '../../render/escape/index.js';
import type { CliContext } from '../context.js';
import {
  addHistoryInputOptions,
  resolveHistorySources,
  warnEmptyAt,
  warnRepos,
  withHistoryProgress,
  type HistoryInputOptions,
} from '../history-input.js';
import { GENERATOR } from '../load-graph.js';

interface AtOptions extends HistoryInputOptions {
  out?: string;
  snapshotVersion?: string;
}

export function register(program: Command, ctx: CliContext): void {
  addHistoryInputOptions(
    program
      .command('at')
      .description('the organisation as it was on a date, as a snapshot other commands read with --snapshot')
      .argument('<date>', 'YYYY-MM-DD (the end of that UTC day), YYYY-MM, YYYY, or an ISO date-time')
      .argument('[sources...]', "repos: folders, globs of folders or git URLs (default: the config's sources, or .)")
      .option('-o, --out <file>', 'write the snapshot JSON here (default: stdout)')
      .addOption(snapshotVersionOption()),
  )
    .addHelpText(
      'after',
      `
Each repo is taken at its last main-line commit on or before the date (committer dates, UTC).
A manifest invalid then is mapped by its last valid version, as the timeline does. A repo with
nothing to map at that date is named on stderr; when no repo has anything, nothing is written
(exit 2).

Examples:
  $ depmap at 2021-12-10 ./repos/* --out 2021-12-10.json
  $ depmap impact payments --snapshot 2021-12-10.json
  $ depmap at 2019-06 --discover --out before-adoption.json && depmap render --snapshot before-adoption.json`,
    )
    .action(async (date: string, sources: string[], options: AtOptions) => {
      ctx.exitCode = await runAt(date, sources, options, ctx);
    });
}

async function runAt(date: string, sources: readonly string[], options: AtOptions, ctx: CliContext): Promise<number> {
  const when = parseDate(date, 'end', 'the date');
  const { sources: repos, settings } = await resolveHistorySources(sources, options, ctx);
  const org = await withHistoryProgress(repos, settings, options, ctx, () => orgAtDates(repos, [when], settings));
  const failed = warnRepos(org.repos, ctx, options.quiet);
  const entries = org.at.get(when) ?? [];
  const readable = entries.filter((e) => !org.repos.find((r) => r.id === e.id)?.error);
  const mapped = warnEmptyAt(readable, org.nothing.get(when) ?? [], date, options.discover === true, ctx);
  if (mapped === 0) {
    throw new IoError(
      `nothing to map at ${date}: no repo had a manifest${options.discover ? ' or discoverable files' : ''} then`,
      {
        hint: options.discover
          ? 'pick a later date'
          : 'pick a later date, or map repos before adoption with --discover',
      },
    );
  }
  for (const entry of entries) {
    for (const s of entry.stale)
      ctx.stderr.write(
        `depmap: warning: ${terminalText(entry.id)} at ${terminalText(date)}: ${terminalText(s.file)}:${s.line}:${s.col} ${terminalText(s.message)} (${s.lastValid ? 'its last valid version is mapped' : 'left out: no valid version before'})\n`,
      );
  }
  const snapshot = buildSnapshot(readable, GENERATOR);
  if (options.out && options.out !== '-') {
    await writeChunksAtomic(
      path.resolve(ctx.cwd, options.out),
      snapshotChunks(snapshot, fileVersion(options.snapshotVersion)),
    );
    if (!options.quiet)
      ctx.stderr.write(
        `depmap: wrote ${terminalText(options.out)}: ${mapped} repo${mapped === 1 ? '' : 's'} as of ${terminalText(date)}, ${snapshot.nodes.length} nodes, ${snapshot.edges.length} edges\n`,
      );
  } else {
    for (const chunk of snapshotChunks(snapshot, fileVersion(options.snapshotVersion))) ctx.stdout.write(chunk);
  }
  return failed > 0 ? EXIT_FINDINGS : 0;
}
