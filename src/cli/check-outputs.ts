/**
 * Where `depmap check` writes its reports: the --format on stdout, each `--output FORMAT=PATH`
 * to a file, and the markdown summary appended to $GITHUB_STEP_SUMMARY.
 */
import { readOptionalTextSync } from '../io/read-file.js';
import path from 'node:path';
import { IoError, UsageError } from '../errors.js';
import { findRepoRoot } from '../crawl/git-head.js';
import type { CheckReport } from '../policy/report.js';
import { CI_FORMATS, CI_RENDERERS, isCiFormat, type CiFormat } from '../render/ci/index.js';
import { didYouMean } from '../suggest.js';
import { useColor } from './color.js';
import type { CliContext } from './context.js';
import { writeFileAtomic } from '../io/write-file.js';

export interface OutputTarget {
  format: CiFormat;
  file: string;
}

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
        hint: `give the report a name of its own, e.g. --output ${t.format}=depmap.${EXTENSIONS[t.format]}`,
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
    const format = isCiFormat(spec) ? spec : formatOfPath(spec);
    const example = isCiFormat(spec)
      ? `${spec}=depmap.${EXTENSIONS[spec]}`
      : format
        ? `${format}=${spec}`
        : `sarif=depmap.sarif`;
    throw new UsageError(`--output ${spec}: missing =PATH; --output takes FORMAT=PATH`, {
      hint: `e.g. --output ${example} (formats: ${CI_FORMATS.join(', ')})`,
    });
  }
  const format = spec.slice(0, eq);
  const file = spec.slice(eq + 1);
  if (!isCiFormat(format)) {
    throw new UsageError(`--output ${spec}: unknown format "${format}"${didYouMean(format, CI_FORMATS)}`, {
      hint: `write FORMAT=PATH with FORMAT one of ${CI_FORMATS.join(', ')}`,
    });
  }
  if (file === '')
    throw new UsageError(`--output ${spec}: no path after "="`, {
      hint: `write ${format}=PATH, e.g. --output ${format}=depmap.${EXTENSIONS[format]}`,
    });
  return { format, file };
}

const EXTENSIONS: Record<CiFormat, string> = {
  text: 'txt',
  json: 'json',
  sarif: 'sarif',
  junit: 'xml',
  github: 'txt',
  markdown: 'md',
};

/** `report.sarif` → sarif, for the hint of an --output without `=`. */
function formatOfPath(file: string): CiFormat | undefined {
  const ext = path.extname(file).slice(1).toLowerCase();
  if (ext === 'sarif' || ext === 'json' || ext === 'md') return ext === 'md' ? 'markdown' : ext;
  return ext === 'xml' ? 'junit' : undefined;
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

const ROOT_RELATIVE = new Set<CiFormat>(['sarif', 'github']);

export async function writeReports(
  report: CheckReport,
  format: CiFormat,
  outputs: readonly OutputTarget[],
  ctx: CliContext,
): Promise<void> {
  const color = useColor(ctx.stdout, ctx.env);
  const rooted = [format, ...outputs.map((o) => o.format)].some((f) => ROOT_RELATIVE.has(f))
    ? await fromRepoRoot(report, ctx)
    : report;
  const pick = (f: CiFormat) => (ROOT_RELATIVE.has(f) ? rooted : report);
  // Only the github report prints workflow commands; the output guard defuses any other.
  const print = (f: CiFormat, text: string) =>
    f === 'github' && ctx.stdout.writeCommands ? ctx.stdout.writeCommands(text) : ctx.stdout.write(text);
  print(format, CI_RENDERERS[format](pick(format), { color: format === 'text' && color }));
  for (const target of outputs) {
    const text = CI_RENDERERS[target.format](pick(target.format), {});
    if (target.file === '-') print(target.format, text);
    else await writeFileAtomic(path.resolve(ctx.cwd, target.file), text);
  }
  const summary = ctx.env.GITHUB_STEP_SUMMARY;
  if (summary && (format === 'markdown' || outputs.some((o) => o.format === 'markdown'))) {
    // The job summary is a file other steps append to: keep what is there.
    let before = '';
    try {
      before = readOptionalTextSync(summary, MAX_SUMMARY_BYTES) ?? '';
    } catch (error) {
      throw new IoError(`cannot read $GITHUB_STEP_SUMMARY (${summary}): it ${(error as Error).message}`);
    }
    const markdown = CI_RENDERERS.markdown(report, {});
    const gap = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
    await writeFileAtomic(summary, `${before}${gap}${markdown}`);
  }
}
