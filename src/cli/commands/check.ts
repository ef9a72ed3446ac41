import { readInputFile } from '../../io/read-file.js';
import { terminalText } from '../../render/escape/index.js';
import { MAX_YAML_BYTES } from '../../manifest/load-yaml.js';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { ConfigError, EXIT_FINDINGS, EXIT_OK, UsageError } from '../../errors.js';
import type { DepmapConfig } from '../../crawl/config.js';
import { MANIFEST_NAMES } from '../../crawl/find-manifests.js';
import { looksLikeGitUrl } from '../../crawl/git-url.js';
import { readInsideSync } from '../../crawl/read-inside.js';
import { buildSnapshot } from '../../graph/build-graph.js';
import type { RepoEntry } from '../../graph/types.js';
import type { DockerPinLevel } from '../../manifest/types.js';
import {
  applyBaseline,
  DEFAULT_BASELINE_FILE,
  parseBaseline,
  serializeBaseline,
  type Baseline,
} from '../../policy/baseline.js';
import type { CheckInput } from '../../policy/input.js';
import { parseLoadedPolicy, parsePolicyBytes, POLICY_FILE_NAMES } from '../../policy/load-policy.js';
import { defaultPolicy, type Policy } from '../../policy/policy.js';
import { otherRepos } from '../../policy/org-context.js';
import { buildReport } from '../../policy/report.js';
import { driftCandidates, findDriftIn } from '../../policy/rules/drift.js';
import { displayPath, runChecks } from '../../policy/run-checks.js';
import type { CheckScope, FailOn } from '../../policy/types.js';
import { CI_FORMATS } from '../../render/ci/index.js';
import { formatsHelp } from '../../render/output-format.js';
import { VERSION } from '../../version.js';
import type { CliContext } from '../context.js';
import { changeAgainstBase, parseOutputs, writeReports } from '../check-outputs.js';
import {
  addGraphInputOptions,
  collect,
  GENERATOR,
  loadConfigFor,
  loadGraph,
  readSnapshots,
  type GraphInputOptions,
} from '../load-graph.js';
import { writeFileAtomic } from '../../io/write-file.js';
import { exists } from '../../util/fs-exists.js';

interface CheckOptions extends GraphInputOptions {
  policy?: string;
  base?: string;
  org?: string[];
  failOn?: FailOn;
  format: string;
  output?: string[];
  /** A file, false with --no-baseline, undefined for the default file when it exists. */
  baseline?: string | false;
  updateBaseline?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  const command = program
    .command('check')
    .description('the CI gate: judge manifests and the graph against a policy; fail on violations')
    .argument('[sources...]', "folders, globs or git URLs to check (default: the config's sources, else the repo in .)")
    .option(
      '--policy <file>',
      `policy file (default: ./${POLICY_FILE_NAMES[0]} when present, else the config's policy: section, else the defaults)`,
    )
    .option(
      '--base <ref>',
      'judge new dependencies against this git revision, e.g. origin/main (enables new-dependency)',
    )
    .option(
      '--org <snapshot>',
      'judge org-wide rules against a snapshot of the whole organisation (`depmap scan --out`); only the checked repos are reported (repeatable: merged)',
      collect,
    )
    .addOption(
      new Option(
        '--fail-on <severity>',
        "lowest severity that fails the run (default: the policy's failOn, else error)",
      ).choices(['error', 'warn']),
    )
    .addOption(new Option('--format <format>', 'report format on stdout').choices(CI_FORMATS.names()).default('text'))
    .option(
      '--output <format=path>',
      `also write a report to a file, e.g. sarif=depmap.sarif (repeatable; formats: ${CI_FORMATS.names().join(', ')})`,
      collect,
    )
    .option('--baseline <file>', `known violations to ignore (default: ./${DEFAULT_BASELINE_FILE} when present)`)
    .option('--no-baseline', 'ignore the baseline file: report every violation')
    .option('--update-baseline', 'write every current violation to the baseline file and exit 0');
  addGraphInputOptions(command);
  command.addHelpText(
    'after',
    `
Rules: unpinned, new-dependency (needs --base), denied, unresolved-service, cycle, skew,
invalid-manifest, drift. Each is error, warn or off in the policy. With no policy every rule
is an error, except that unresolved-service, cycle and skew only warn when a single repo was
scanned: they need the whole organisation to judge. Give them a snapshot of it with --org
(e.g. written nightly by \`depmap scan --out org.json\`) and they judge this repo against it.

Exit codes: 0 no violation at or above --fail-on, 1 violations or no depmap.yaml found, 2 usage,
config or IO error.
When a markdown report is asked for (--format markdown or --output markdown=PATH) and
$GITHUB_STEP_SUMMARY is set, the report is also appended to the job summary.

${formatsHelp(CI_FORMATS)}

Examples:
  $ depmap check                                       check the repo in . with the defaults
  $ depmap check --base origin/main                    also fail on dependencies new since main
  $ depmap check --org org.json                        judge skew, cycles and services against the whole org
  $ depmap check --format github --output sarif=depmap.sarif --output markdown=summary.md
  $ depmap check --format junit > depmap-junit.xml     for GitLab and Jenkins
  $ depmap check --update-baseline                     accept today's violations; fail on new ones
  $ depmap check ./repos --policy org-policy.yaml      every repo of the organisation`,
  );
  command.action(async (sources: string[], options: CheckOptions) => {
    ctx.exitCode = await runCheck(sources, options, ctx);
  });
}

async function readBytes(file: string, shown: string, what: 'policy' | 'baseline'): Promise<Buffer> {
  return readInputFile(file, shown, what, what === 'policy' ? MAX_YAML_BYTES : MAX_BASELINE_BYTES);
}

/** A baseline lists violations accepted once; 64 MB is hundreds of thousands of them. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/** --policy, else depmap.policy.yaml, else the config's policy: section, else the defaults. */
async function loadPolicy(options: CheckOptions, config: DepmapConfig | undefined, ctx: CliContext): Promise<Policy> {
  if (options.policy)
    return parsePolicyBytes(
      await readBytes(path.resolve(ctx.cwd, options.policy), options.policy, 'policy'),
      options.policy,
    );
  for (const name of POLICY_FILE_NAMES) {
    const file = path.join(ctx.cwd, name);
    if (!(await exists(file))) continue;
    if (config?.policy) {
      throw new ConfigError(`two policies: ${name} and the policy: section of ${config.file}`, {
        hint: `keep one of them, or choose with --policy`,
      });
    }
    return parsePolicyBytes(await readBytes(file, name, 'policy'), name);
  }
  if (config?.policy)
    return parseLoadedPolicy(config.policy.yaml, config.file, config.policy.path, config.policy.value);
  return defaultPolicy();
}

/** The folder of each repo as the user sees it, for paths in reports; git URLs by their id. */
function repoRoots(repos: readonly RepoEntry[], cwd: string): Map<string, string> {
  const roots = new Map<string, string>();
  for (const repo of repos) {
    if (looksLikeGitUrl(repo.source)) {
      roots.set(repo.id, repo.id);
    } else {
      const rel = path.relative(cwd, path.resolve(cwd, repo.source));
      roots.set(repo.id, rel.startsWith('..') && path.isAbsolute(repo.source) ? repo.source : rel || '.');
    }
  }
  return roots;
}

async function readBase(
  repos: readonly RepoEntry[],
  ref: string,
  docker: DockerPinLevel,
  ctx: CliContext,
): Promise<Map<string, RepoEntry>> {
  const base = new Map<string, RepoEntry>();
  for (const repo of repos) {
    if (looksLikeGitUrl(repo.source)) {
      throw new UsageError(`--base needs local checkouts; ${repo.source} is a git URL`, {
        hint: 'run depmap check in a checkout of the repo',
      });
    }
    // git and the history reader load only with --base.
    const { repoAtRevision } = await import('../../history/revision.js');
    base.set(repo.id, await repoAtRevision(path.resolve(ctx.cwd, repo.source), ref, { docker, id: repo.id }));
  }
  return base;
}

function readRepoFile(repo: RepoEntry, file: string, ctx: CliContext): string | undefined {
  if (looksLikeGitUrl(repo.source)) return undefined;
  const root = path.resolve(ctx.cwd, repo.source);
  try {
    const read = readInsideSync(root, root, file);
    return read.ok ? read.bytes.toString('utf8') : undefined;
  } catch {
    return undefined; // the repo folder itself is gone or unreadable: reported by the crawl
  }
}

async function loadBaseline(
  options: CheckOptions,
  ctx: CliContext,
): Promise<{ file: string; baseline: Baseline } | undefined> {
  if (options.baseline === false) return undefined;
  const file = options.baseline ?? DEFAULT_BASELINE_FILE;
  const abs = path.resolve(ctx.cwd, file);
  if (options.baseline === undefined && !(await exists(abs))) return undefined;
  return { file, baseline: parseBaseline((await readBytes(abs, file, 'baseline')).toString('utf8'), file) };
}

export async function runCheck(sources: readonly string[], options: CheckOptions, ctx: CliContext): Promise<number> {
  const outputs = parseOutputs(options.output ?? []);
  if (options.base !== undefined && options.snapshot && options.snapshot.length > 0) {
    throw new UsageError('--base reads git history and cannot be used with --snapshot', {
      hint: 'check the checkouts themselves: depmap check --base origin/main [folders]',
    });
  }
  if (options.updateBaseline && options.baseline === false)
    throw new UsageError('--update-baseline and --no-baseline contradict each other');

  const config = await loadConfigFor(options, ctx);
  const policy = await loadPolicy(options, config, ctx);
  const docker: DockerPinLevel = options.docker ?? policy.unpinned.docker ?? config?.docker ?? 'exact';
  const graph = await loadGraph(sources, { ...options, docker }, ctx, config ?? null, true);
  const checked = graph.snapshot.repos;
  if (checked.every((r) => r.manifests.length === 0 && !r.problems.some((p) => p.severity === 'error'))) {
    // Nothing to check is a finding about the repo, as in `depmap validate`, not a usage error.
    const where =
      sources.length > 0
        ? sources.join(', ')
        : config && config.sources.length > 0
          ? `the sources of ${config.file}`
          : '.';
    ctx.stderr.write(`depmap: no depmap.yaml found in ${where}\n  hint: run \`depmap init\` to write one\n`);
    return EXIT_FINDINGS;
  }
  let snapshot = graph.snapshot;
  let only: Set<string> | undefined;
  if (options.org && options.org.length > 0) {
    const org = await readSnapshots(options.org, ctx);
    snapshot = buildSnapshot([...checked, ...otherRepos(checked, org)], GENERATOR);
    only = new Set(checked.map((r) => r.id));
  }
  const scope: CheckScope = only || graph.fromSnapshot || checked.length > 1 ? 'org' : 'repo';
  const roots = repoRoots(checked, ctx.cwd);

  const input: CheckInput = { snapshot, policy, scope, docker, roots };
  if (only) input.only = only;
  if (options.base !== undefined)
    input.base = { ref: options.base, repos: await readBase(checked, options.base, docker, ctx) };
  // Drift compares manifests with the lockfiles beside them: only checkouts on disk have those.
  if (!graph.fromSnapshot) {
    const read = (repo: RepoEntry, file: string) => readRepoFile(repo, file, ctx);
    const candidates = driftCandidates(checked, read);
    // The lockfile parsers load only when there is a lockfile to compare.
    input.drift =
      candidates.length === 0
        ? []
        : findDriftIn(candidates, read, (await import('../../importers/index.js')).importFile);
  }
  const outcome = runChecks(input);

  let applied: { file: string; baseline: Baseline } | undefined;
  if (options.updateBaseline) {
    const file = typeof options.baseline === 'string' ? options.baseline : DEFAULT_BASELINE_FILE;
    const text = serializeBaseline(outcome.violations);
    await writeFileAtomic(path.resolve(ctx.cwd, file), text);
    ctx.stderr.write(
      `depmap: wrote ${terminalText(file)} with ${outcome.violations.length} known violation${outcome.violations.length === 1 ? '' : 's'}\n`,
    );
    applied = { file, baseline: parseBaseline(text, file) };
  } else {
    applied = await loadBaseline(options, ctx);
  }
  const split = applyBaseline(outcome.violations, applied?.baseline);

  const manifests = checked.flatMap((repo) =>
    manifestFiles(repo).map((file) => displayPath(roots.get(repo.id) ?? repo.id, file)),
  );
  const report = buildReport({
    tool: { name: 'depmap', version: VERSION },
    failOn: options.failOn ?? policy.failOn ?? 'error',
    scope,
    ...(options.base !== undefined ? { base: options.base } : {}),
    ...(policy.source !== undefined ? { policy: policy.source } : {}),
    ...(applied ? { baseline: applied.file } : {}),
    rules: outcome.rules,
    manifests,
    violations: split.fresh,
    known: split.known,
    stale: split.stale,
    notes: outcome.notes,
  });
  await writeReports(report, options.format, outputs, ctx, changeAgainstBase(input, options.format, outputs));
  if (options.updateBaseline) return EXIT_OK;
  return report.summary.failed ? EXIT_FINDINGS : EXIT_OK;
}

/** Every manifest file of a repo that was checked, valid or not: invalid ones are known by their problems. */
function manifestFiles(repo: RepoEntry): string[] {
  const files = new Set(repo.manifests.map((m) => m.file));
  for (const p of repo.problems) if (MANIFEST_NAMES.has(path.posix.basename(p.file))) files.add(p.file);
  return [...files].sort();
}
