/**
 * `depmap diff`: what changed in the graph between two revisions of a repo, two dates of
 * the organisation, or two snapshot files.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { EXIT_FINDINGS, IoError, UsageError } from '../../errors.js';
import { buildSnapshot } from '../../graph/build-graph.js';
import { diffGraphs, isEmptyDiff } from '../../graph/diff-graphs.js';
import type { RepoEntry, Snapshot } from '../../graph/types.js';
import { parseDate } from '../../history/dates.js';
import { orgAtDates } from '../../history/org-history.js';
import { repoAtRevision } from '../../history/revision.js';
import { DIFF_FORMATS, DIFF_RENDERERS, type DiffFormat, type DiffReport } from '../../render/diff/index.js';
import type { CliContext } from '../context.js';
import { GENERATOR, readSnapshots } from '../load-graph.js';
import { createProgress } from '../progress.js';
import { writeFileAtomic } from '../write-output.js';
import { addHistoryInputOptions, resolveHistorySources, warnRepos, type HistoryInputOptions } from './timeline.js';

interface DiffOptions extends HistoryInputOptions {
  fromDate?: string;
  toDate?: string;
  format: DiffFormat;
  exitCode?: boolean;
  out?: string;
}

export function register(program: Command, ctx: CliContext): void {
  addHistoryInputOptions(
    program
      .command('diff')
      .description('what changed in the graph: between two revisions of a repo, two dates of the organisation, or two snapshots')
      .argument('[args...]', '<from> [<to>] [source]  |  a.json b.json  |  [sources...] with --from-date/--to-date')
      .option('--from-date <date>', 'the organisation as it was at this date (each repo at its last commit on or before it)')
      .option('--to-date <date>', 'compared with the organisation at this date')
      .addOption(new Option('--format <format>', 'output format').choices([...DIFF_FORMATS]).default('text'))
      .option('--exit-code', 'exit 1 when there are changes (like git diff --exit-code)')
      .option('-o, --out <file>', 'write to this file instead of stdout'),
  )
    .addHelpText(
      'after',
      `
Compares graphs, not files: a manifest moved or split with no change to the graph shows no
change. Reports components, service and library edges added or removed, versions moved
(upgrade/downgrade, major/minor/patch), pins gained or lost, and changes of protocol, api,
owner and system.

<to> defaults to HEAD; [source] to the current folder (a folder or a git URL). A date
without a time is a whole UTC day: --to-date 2024-06-30 includes that day's commits.
Dates are committer dates along each repo's main line (first parents).

Examples:
  $ depmap diff origin/main HEAD                       this branch against main
  $ depmap diff v1.4.0 v2.0.0 ../checkout --format markdown
  $ depmap diff --from-date 2024-01-01 --to-date 2024-06-30 ./repos/*
  $ depmap diff before.json after.json --format mermaid --out diff.mmd
  $ depmap diff origin/main HEAD --exit-code           exit 1 when the graph changed`,
    )
    .action(async (args: string[], options: DiffOptions) => {
      ctx.exitCode = await runDiff(args, options, ctx);
    });
}

const isSnapshotFile = (arg: string) => /\.json$/i.test(arg);

export async function runDiff(args: readonly string[], options: DiffOptions, ctx: CliContext): Promise<number> {
  let report: DiffReport;
  if (options.fromDate !== undefined || options.toDate !== undefined) {
    report = await diffDates(args, options, ctx);
  } else if (args.length === 2 && isSnapshotFile(args[0] as string) && isSnapshotFile(args[1] as string)) {
    const before = await readSnapshots([args[0] as string], ctx);
    const after = await readSnapshots([args[1] as string], ctx);
    report = { from: args[0] as string, to: args[1] as string, diff: diffGraphs(before, after) };
  } else {
    report = await diffRevisions(args, options, ctx);
  }
  const output = DIFF_RENDERERS[options.format](report);
  if (options.out && options.out !== '-') await writeFileAtomic(path.resolve(ctx.cwd, options.out), output);
  else ctx.stdout.write(output);
  return options.exitCode && !isEmptyDiff(report.diff) ? EXIT_FINDINGS : 0;
}

async function diffRevisions(args: readonly string[], options: DiffOptions, ctx: CliContext): Promise<DiffReport> {
  if (args.length === 0) {
    throw new UsageError('give two revisions, two snapshot files, or --from-date and --to-date', { hint: 'e.g. depmap diff origin/main HEAD' });
  }
  if (args.length > 3) throw new UsageError(`too many arguments: ${args.join(' ')}`, { hint: 'depmap diff <from> [<to>] [source]' });
  if (args.some(isSnapshotFile)) throw new UsageError('compare two snapshot files with each other: depmap diff a.json b.json');
  const [from, to = 'HEAD', source = '.'] = args as [string, string?, string?];
  const { sources } = await resolveHistorySources([source], options, ctx);
  if (sources.length !== 1) throw new UsageError(`"${source}" names ${sources.length} repos; comparing revisions needs one`, { hint: 'give one folder or git URL' });
  const repo = sources[0] as NonNullable<(typeof sources)[0]>;
  const docker = options.docker ?? 'exact';
  const [a, b] = await Promise.all([repoAtRevision(repo.dir, from, { docker, id: repo.id }), repoAtRevision(repo.dir, to, { docker, id: repo.id })]);
  warnProblems(a, from, ctx);
  warnProblems(b, to, ctx);
  return { from, to, diff: diffGraphs(buildSnapshot([a], GENERATOR), buildSnapshot([b], GENERATOR)) };
}

function warnProblems(entry: RepoEntry, rev: string, ctx: CliContext): void {
  for (const p of entry.problems) {
    if (p.severity !== 'error') continue;
    ctx.stderr.write(`depmap: warning: at ${rev}: ${p.file}:${p.line}:${p.col}: ${p.path ? `${p.path}: ` : ''}${p.message} (left out of the comparison)\n`);
  }
}

async function diffDates(sources: readonly string[], options: DiffOptions, ctx: CliContext): Promise<DiffReport> {
  if (options.fromDate === undefined || options.toDate === undefined) throw new UsageError('give both --from-date and --to-date');
  if (sources.some(isSnapshotFile)) throw new UsageError('--from-date/--to-date read git history; snapshot files have none');
  const fromDate = parseDate(options.fromDate, 'end', '--from-date');
  const toDate = parseDate(options.toDate, 'end', '--to-date');
  const { sources: repos, settings } = await resolveHistorySources(sources, options, ctx);
  const progress = createProgress(ctx.stderr, 'reading history', options.quiet ? { quiet: true } : {});
  // One repo: count its commits; several: count repos.
  if (repos.length === 1) settings.onCommit = (id, done, total) => progress.update(done, total, id);
  else settings.onRepo = (done, total, id) => progress.update(done, total, id);
  let org;
  try {
    org = await orgAtDates(repos, [fromDate, toDate], settings);
  } finally {
    progress.done();
  }
  // A repo that cannot be read would show as removed: that is an error, not a diff.
  if (warnRepos(org.repos, ctx, options.quiet) > 0) throw new IoError('some repos could not be read; not comparing a partial organisation');
  const graph = (at: number): Snapshot => buildSnapshot(org.at.get(at) ?? [], GENERATOR);
  return { from: options.fromDate, to: options.toDate, diff: diffGraphs(graph(fromDate), graph(toDate)) };
}
