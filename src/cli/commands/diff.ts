/**
 * `depmap diff`: what changed in the graph between two revisions of a repo, two dates of
 * the organisation, or two snapshot files.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { EXIT_FINDINGS, IoError, UsageError } from '../../errors.js';
import { buildSnapshot } from '../../graph/build-graph.js';
import { diffGraphs, isEmptyDiff } from '../../graph/diff-graphs.js';
import type { Snapshot } from '../../graph/types.js';
import { looksLikeGitUrl } from '../../crawl/git-url.js';
import { parseDate } from '../../history/dates.js';
import { isRevision } from '../../history/resolve-commit.js';
import { orgAtDates } from '../../history/org-history.js';
import { repoAtRevision, type RevisionEntry } from '../../history/revision.js';
import { DIFF_FORMATS, type DiffReport, type InvalidSide } from '../../render/diff/index.js';
import { describeInvalid } from '../../render/diff/model.js';
import { extensionsInWords, formatsHelp, renderOutput } from '../../render/output-format.js';
import type { CliContext } from '../context.js';
import { GENERATOR, readSnapshots } from '../load-graph.js';
import { writeFileAtomic } from '../../io/write-file.js';
import {
  addHistoryInputOptions,
  resolveHistorySources,
  warnEmptyAt,
  warnRepos,
  withHistoryProgress,
  type HistoryInputOptions,
} from '../history-input.js';

interface DiffOptions extends HistoryInputOptions {
  fromDate?: string;
  toDate?: string;
  format?: string;
  exitCode?: boolean;
  out?: string;
}

export function register(program: Command, ctx: CliContext): void {
  addHistoryInputOptions(
    program
      .command('diff')
      .description(
        'what changed in the graph: between two revisions of a repo, two dates of the organisation, or two snapshots',
      )
      .argument('[args...]', '<from> [<to>] [source]  |  a.json b.json  |  [sources...] with --from-date/--to-date')
      .option(
        '--from-date <date>',
        'the organisation as it was at this date (each repo at its last commit on or before it)',
      )
      .option('--to-date <date>', 'compared with the organisation at this date')
      .addOption(
        new Option('--format <format>', 'output format (default: from the --out extension, else text)').choices(
          DIFF_FORMATS.names(),
        ),
      )
      .option('--exit-code', 'exit 1 when there are changes (like git diff --exit-code)')
      .option(
        '-o, --out <file>',
        `write to this file instead of stdout (${extensionsInWords(DIFF_FORMATS)} sets the format)`,
      ),
  )
    .addHelpText(
      'after',
      `
Compares graphs, not files: a manifest moved or split with no change to the graph shows no
change. Reports components, service and library edges added or removed, versions moved
(upgrade/downgrade, major/minor/patch), pins gained or lost, and changes of protocol, api,
owner and system.

<to> defaults to HEAD; [source] to the current folder (a folder or a git URL). With two
arguments, the second is the source when it is an existing path or a git URL and not a
revision of the current folder's repo: \`depmap diff HEAD~3 ./orders\`. Write a folder that
has the name of a branch or tag as ./name.

A date without a time is a whole UTC day: --to-date 2024-06-30 includes that day's commits.
Dates are committer dates along each repo's main line (first parents).

A manifest that is invalid on a side is compared as the timeline maps it: its last valid
version stays on the map in its place (on the main line before that side, since the file
last appeared), and a warning says so on stderr: "invalid at abc1234 (orders at HEAD~1):
depmap.yaml:3:7 …; its last valid version (def5678) is compared in its place". A manifest
never valid before is left out. The JSON output lists these under "invalid"; Markdown
notes them. Invalid manifests do not change the exit code: \`depmap check\` gates on them.

${formatsHelp(DIFF_FORMATS)}

Examples:
  $ depmap diff origin/main HEAD                       this branch against main
  $ depmap diff v1.4.0 v2.0.0 ../checkout --format markdown
  $ depmap diff --from-date 2024-01-01 --to-date 2024-06-30 ./repos/*
  $ depmap diff HEAD~3 ./orders                        ./orders at HEAD~3 and at HEAD
  $ depmap diff before.json after.json --out diff.mmd  a Mermaid diagram of the change
  $ depmap diff origin/main HEAD --exit-code           exit 1 when the graph changed`,
    )
    .action(async (args: string[], options: DiffOptions) => {
      ctx.exitCode = await runDiff(args, options, ctx);
    });
}

const isSnapshotFile = (arg: string) => /\.json$/i.test(arg);

export async function runDiff(args: readonly string[], options: DiffOptions, ctx: CliContext): Promise<number> {
  const format = DIFF_FORMATS.choose(options.format, options.out, 'text');
  let report: DiffReport;
  if (options.fromDate !== undefined || options.toDate !== undefined) {
    report = await diffDates(args, options, ctx);
  } else if (args.length === 2 && isSnapshotFile(args[0] as string) && isSnapshotFile(args[1] as string)) {
    const before = await readSnapshots([args[0] as string], ctx);
    const after = await readSnapshots([args[1] as string], ctx);
    report = { from: args[0] as string, to: args[1] as string, diff: diffGraphs(before, after), before, after };
  } else {
    report = await diffRevisions(args, options, ctx);
  }
  for (const i of report.invalid ?? []) ctx.stderr.write(`depmap: warning: ${describeInvalid(report, i)}\n`);
  const output = await renderOutput(format, 'diff', report, undefined, ctx.env);
  if (options.out && options.out !== '-') await writeFileAtomic(path.resolve(ctx.cwd, options.out), output);
  else ctx.stdout.write(output);
  return options.exitCode && !isEmptyDiff(report.diff) ? EXIT_FINDINGS : 0;
}

async function diffRevisions(args: readonly string[], options: DiffOptions, ctx: CliContext): Promise<DiffReport> {
  if (args.length === 0) {
    throw new UsageError('give two revisions, two snapshot files, or --from-date and --to-date', {
      hint: 'e.g. depmap diff origin/main HEAD',
    });
  }
  if (args.length > 3)
    throw new UsageError(`too many arguments: ${args.join(' ')}`, { hint: 'depmap diff <from> [<to>] [source]' });
  if (args.some(isSnapshotFile))
    throw new UsageError('compare two snapshot files with each other: depmap diff a.json b.json');
  const [from, to, source] = await revisionArgs(args, ctx);
  const { sources } = await resolveHistorySources([source], options, ctx);
  if (sources.length !== 1)
    throw new UsageError(`"${source}" names ${sources.length} repos; comparing revisions needs one`, {
      hint: 'give one folder or git URL',
    });
  const repo = sources[0] as NonNullable<(typeof sources)[0]>;
  if (repo.error) throw repo.error;
  const docker = options.docker ?? 'exact';
  const read = (rev: string) =>
    repoAtRevision(repo.dir, rev, { docker, id: repo.id, lastValid: true, discover: options.discover === true });
  const [a, b] = await Promise.all([read(from), read(to)]);
  const [before, after] = [buildSnapshot([a], GENERATOR), buildSnapshot([b], GENERATOR)];
  const report: DiffReport = { from, to, diff: diffGraphs(before, after), before, after };
  const invalid = [...staleOf(a, 'from'), ...staleOf(b, 'to')];
  if (invalid.length > 0) report.invalid = invalid;
  warnImports(a, from, ctx);
  warnImports(b, to, ctx);
  return report;
}

/**
 * \`<from> [<to>] [source]\`. Two arguments are a revision and a source when the second is an
 * existing path or a git URL and not a revision of the current folder's repo.
 */
async function revisionArgs(args: readonly string[], ctx: CliContext): Promise<[string, string, string]> {
  const [from, to, source] = args as [string, string?, string?];
  if (source !== undefined) return [from, to as string, source];
  if (to === undefined) {
    if (await isSourceArg(from, ctx)) {
      throw new UsageError(`"${from}" is a folder, not a revision: give the revision to compare`, {
        hint: `depmap diff <from> [<to>] ${from}`,
      });
    }
    return [from, 'HEAD', '.'];
  }
  return (await isSourceArg(to, ctx)) ? [from, 'HEAD', to] : [from, to, '.'];
}

async function isSourceArg(arg: string, ctx: CliContext): Promise<boolean> {
  if (!looksLikeGitUrl(arg)) {
    try {
      await stat(path.resolve(ctx.cwd, arg));
    } catch {
      return false;
    }
  }
  return !(await isRevision(ctx.cwd, arg, ctx.env));
}

function staleOf(entry: RevisionEntry, side: InvalidSide['side']): InvalidSide[] {
  return entry.stale.map((s) => ({ ...s, side, repo: entry.id, commit: entry.commit ?? '' }));
}

/** Files a manifest imports that cannot be read: the manifest is mapped without them, as a scan would. */
function warnImports(entry: RevisionEntry, rev: string, ctx: CliContext): void {
  const stale = new Set(entry.stale.map((s) => s.file));
  for (const p of entry.problems) {
    if (p.severity !== 'error' || stale.has(p.file)) continue;
    ctx.stderr.write(
      `depmap: warning: ${entry.id} at ${rev}: ${p.file}:${p.line}:${p.col} ${p.path ? `${p.path}: ` : ''}${p.message}\n`,
    );
  }
}

async function diffDates(sources: readonly string[], options: DiffOptions, ctx: CliContext): Promise<DiffReport> {
  if (options.fromDate === undefined || options.toDate === undefined)
    throw new UsageError('give both --from-date and --to-date');
  if (sources.some(isSnapshotFile))
    throw new UsageError('--from-date/--to-date read git history; snapshot files have none');
  const fromDate = parseDate(options.fromDate, 'end', '--from-date');
  const toDate = parseDate(options.toDate, 'end', '--to-date');
  const { sources: repos, settings } = await resolveHistorySources(sources, options, ctx);
  const org = await withHistoryProgress(repos, settings, options, ctx, () =>
    orgAtDates(repos, [fromDate, toDate], settings),
  );
  // A repo that cannot be read would show as removed: that is an error, not a diff.
  if (warnRepos(org.repos, ctx, options.quiet) > 0)
    throw new IoError('some repos could not be read; not comparing a partial organisation');
  // Said whatever --quiet: a repo with nothing at a date must not pass for one that changed nothing.
  for (const [date, label] of [
    [fromDate, options.fromDate],
    [toDate, options.toDate],
  ] as const)
    warnEmptyAt(org.at.get(date) ?? [], org.nothing.get(date) ?? [], label, options.discover === true, ctx);
  const graph = (at: number): Snapshot => buildSnapshot(org.at.get(at) ?? [], GENERATOR);
  const [before, after] = [graph(fromDate), graph(toDate)];
  const report: DiffReport = {
    from: options.fromDate,
    to: options.toDate,
    diff: diffGraphs(before, after),
    before,
    after,
  };
  const invalid = [
    ...(org.at.get(fromDate) ?? []).flatMap((e) => staleOf(e, 'from')),
    ...(org.at.get(toDate) ?? []).flatMap((e) => staleOf(e, 'to')),
  ];
  if (invalid.length > 0) report.invalid = invalid;
  return report;
}
