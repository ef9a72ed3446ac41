/**
 * Where `depmap check` writes its reports: the --format on stdout, each `--output FORMAT=PATH`
 * to a file, and the markdown summary appended to $GITHUB_STEP_SUMMARY.
 */
import { readOptionalTextSync } from '../io/read-file.js';
import path from 'node:path';
import { IoError, UsageError } from '../errors.js';
import { findRepoRoot } from '../crawl/git-head.js';
import { buildSnapshot } from '../graph/build-graph.js';
import { diffGraphs } from '../graph/diff-graphs.js';
import type { CheckInput } from '../policy/input.js';
import type { CheckReport } from '../policy/report.js';
import { CI_FORMATS, type CiFormat, type CiOptions } from '../render/ci/index.js';
import { renderOutput } from '../render/output-format.js';
import { useColor } from './color.js';
import { GENERATOR } from './load-graph.js';
import type { CliContext } from './context.js';
import { writeFileAtomic } from '../io/write-file.js';

export interface OutputTarget {
  format: CiFormat;
  file: string;
}

const formatNames = () => CI_FORMATS.names().join(', ');

/** Files a report must never replace: what the check reads. */
const INPUT_NAMES = new Set([
  'depmap.yaml',
  'depmap.yml',
  'depmap.policy.yaml',
  'depmap.policy.yml',
  'depmap.config.yaml',
  'depmap.config.yml',
  'depmap-baseline.json',
]);

export function parseOutputs(specs: readonly string[]): OutputTarget[] {
  const targets = specs.map((spec) => parseOutput(spec));
  const seen = new Map<string, string>();
  for (const [i, t] of targets.entries()) {
    if (t.file === '-') continue;
    if (INPUT_NAMES.has(path.basename(t.file)))
      throw new UsageError(`--output ${specs[i]}: ${path.basename(t.file)} is what depmap reads, not a report`, {
        hint: `give the report a name of its own, e.g. --output ${t.format.format}=depmap.${t.format.extension}`,
      });
    const key = path.normalize(t.file);
    const before = seen.get(key);
    if (before !== undefined)
      throw new UsageError(`--output ${specs[i]}: ${t.file} is also the path of --output ${before}`, {
        hint: 'give each report its own file',
      });
    seen.set(key, specs[i] as string);
  }
  return targets;
}

function parseOutput(spec: string): OutputTarget {
  const eq = spec.indexOf('=');
  if (eq < 0) {
    // `--output sarif` or `--output depmap.sarif`: the format or the path is there, the `=` is not.
    // A path names a format by its extension when only one format has it (not .txt).
    const named = CI_FORMATS.find(spec);
    const byPath = named ? undefined : CI_FORMATS.forPath(spec);
    const example = named
      ? `${spec}=depmap.${named.extension}`
      : byPath
        ? `${byPath.format}=${spec}`
        : `sarif=depmap.sarif`;
    throw new UsageError(`--output ${spec}: missing =PATH; --output takes FORMAT=PATH`, {
      hint: `e.g. --output ${example} (formats: ${formatNames()})`,
    });
  }
  const name = spec.slice(0, eq);
  const file = spec.slice(eq + 1);
  const format = CI_FORMATS.find(name);
  if (!format) {
    throw new UsageError(`--output ${spec}: ${CI_FORMATS.unknown(name)}`, {
      hint: `write FORMAT=PATH with FORMAT one of ${formatNames()}`,
    });
  }
  if (file === '')
    throw new UsageError(`--output ${spec}: no path after "="`, {
      hint: `write ${name}=PATH, e.g. --output ${name}=depmap.${format.extension}`,
    });
  return { format, file };
}

/**
 * Code scanning and workflow annotations want paths from the repository root, whatever folder
 * depmap ran in (`working-directory: packages/api` in a monorepo).
 */
async function fromRepoRoot(report: CheckReport, ctx: CliContext): Promise<CheckReport> {
  const top = await findRepoRoot(ctx.cwd);
  if (!top || path.resolve(top) === path.resolve(ctx.cwd)) return report;
  const move = (file: string) => {
    if (path.isAbsolute(file) || /^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return file;
    const rel = path.relative(top, path.resolve(ctx.cwd, file));
    return rel.startsWith('..') ? file : rel.split(path.sep).join('/');
  };
  return {
    ...report,
    files: report.files.map(move),
    violations: report.violations.map((v) => ({ ...v, path: move(v.path) })),
    known: report.known.map((v) => ({ ...v, path: move(v.path) })),
  };
}

/** GitHub caps a step's summary at 1 MiB; a file far past it is not a summary. */
const MAX_SUMMARY_BYTES = 64 * 1024 * 1024;

/**
 * The --format report on stdout, each --output to its file, and the job summary when one is
 * asked for. `change` (with --base) is drawn by the formats that draw it: the Markdown summary.
 */
export async function writeReports(
  report: CheckReport,
  formatName: string,
  outputs: readonly OutputTarget[],
  ctx: CliContext,
  change?: CiOptions['change'],
): Promise<void> {
  const format = CI_FORMATS.get(formatName);
  const color = useColor(ctx.stdout, ctx.env);
  const asked = [format, ...outputs.map((o) => o.format)];
  const rooted = asked.some((f) => f.fromRepoRoot) ? await fromRepoRoot(report, ctx) : report;
  const extra: CiOptions = change ? { change } : {};
  const render = (f: CiFormat, options: CiOptions) =>
    renderOutput(f, 'report', f.fromRepoRoot ? rooted : report, { ...extra, ...options }, ctx.env);
  // Only a report of workflow commands prints them; the output guard defuses any other.
  const print = (f: CiFormat, text: string) =>
    f.workflowCommands && ctx.stdout.writeCommands ? ctx.stdout.writeCommands(text) : ctx.stdout.write(text);
  // Colour on a terminal: only the text report paints.
  print(format, await render(format, { color }));
  for (const target of outputs) {
    const text = await render(target.format, {});
    if (target.file === '-') print(target.format, text);
    else await writeFileAtomic(path.resolve(ctx.cwd, target.file), text);
  }
  const summary = ctx.env.GITHUB_STEP_SUMMARY;
  const summaryFormat = asked.find((f) => f.jobSummary);
  if (summary && summaryFormat) {
    // The job summary is a file other steps append to: keep what is there.
    let before = '';
    try {
      before = readOptionalTextSync(summary, MAX_SUMMARY_BYTES) ?? '';
    } catch (error) {
      throw new IoError(`cannot read $GITHUB_STEP_SUMMARY (${summary}): it ${(error as Error).message}`);
    }
    const markdown = await renderOutput(summaryFormat, 'summary', report, extra, ctx.env);
    const gap = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
    await writeFileAtomic(summary, `${before}${gap}${markdown}`);
  }
}

/**
 * What the change does to the graph against --base, for the reports that draw it (the
 * Markdown summary of a pull request): the checked repos at the base and as they are now.
 */
export function changeAgainstBase(
  input: CheckInput,
  format: string,
  outputs: readonly OutputTarget[],
): CiOptions['change'] {
  const asked = [CI_FORMATS.get(format), ...outputs.map((o) => o.format)];
  if (!input.base || !asked.some((f) => f.drawsChange)) return undefined;
  const before = buildSnapshot([...input.base.repos.values()], GENERATOR);
  const after = buildSnapshot(
    input.snapshot.repos.filter((r) => input.base?.repos.has(r.id)),
    GENERATOR,
  );
  return { from: input.base.ref, to: 'this change', diff: diffGraphs(before, after), before, after };
}
