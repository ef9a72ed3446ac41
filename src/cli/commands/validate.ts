import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { EXIT_FINDINGS, IoError } from '../../errors.js';
import { findManifests, SKIPPED_DIRS } from '../../crawl/find-manifests.js';
import { inWords, wrap } from '../../util/words.js';
import { findRepoRoot } from '../../crawl/git-head.js';
import { readManifests } from '../../crawl/read-manifests.js';
import type { DockerPinLevel, Problem } from '../../manifest/types.js';
import { useColor } from '../color.js';
import type { CliContext } from '../context.js';
import { count, formatProblems } from '../format-problems.js';

interface ValidateOptions {
  format: 'text' | 'json';
  strict?: boolean;
  docker: DockerPinLevel;
  quiet?: boolean;
}

export interface FileReport {
  file: string;
  valid: boolean;
  component?: string;
  problems: Problem[];
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description('check depmap.yaml files: schema, pins, imports; every problem with file:line:col and a fix')
    .argument('[paths...]', 'manifest files or folders to search (default: .)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--strict', 'unpinned versions are errors, not warnings')
    .addOption(
      new Option('--docker <level>', 'image pinning: a specific tag (exact) or a digest')
        .choices(['exact', 'digest'])
        .default('exact'),
    )
    .option('-q, --quiet', 'print only errors and the summary')
    .addHelpText(
      'after',
      `
${wrap(`Finds every depmap.yaml under the given folders (skipping ${inWords([...SKIPPED_DIRS])}; never following a symlink out of the folder) and reports every problem, not just the first.`)}

Exit codes: 0 all valid, 1 any invalid (or unpinned with --strict), 2 missing path or unreadable file.

Examples:
  $ depmap validate
  $ depmap validate services/checkout/depmap.yaml --strict
  $ depmap validate ./repos --format json > validation.json`,
    )
    .action(async (paths: string[], options: ValidateOptions) => {
      ctx.exitCode = await runValidate(paths.length > 0 ? paths : ['.'], options, ctx);
    });
}

export async function runValidate(
  paths: readonly string[],
  options: ValidateOptions,
  ctx: CliContext,
): Promise<number> {
  // Each path given: the folder its manifests are named from, and the manifests found there.
  const given: { root: string; files: string[] }[] = [];
  for (const arg of paths) {
    const abs = path.resolve(ctx.cwd, arg);
    let info;
    try {
      info = await stat(abs);
    } catch {
      throw new IoError(`${arg} does not exist`, { hint: 'give a depmap.yaml or a folder that contains some' });
    }
    const found = await findManifests(abs);
    for (const skipped of found.skipped)
      ctx.stderr.write(`depmap: warning: ${path.relative(ctx.cwd, skipped.path)}: not followed: ${skipped.reason}\n`);
    given.push({ root: info.isDirectory() ? abs : path.dirname(abs), files: found.files });
  }
  if (given.every((g) => g.files.length === 0)) {
    const where = paths.join(', ');
    if (options.format === 'json')
      ctx.stdout.write(
        `${JSON.stringify({ files: [], summary: { files: 0, valid: 0, invalid: 0, errors: 0, warnings: 0 } }, null, 2)}\n`,
      );
    else ctx.stderr.write(`depmap: no depmap.yaml found under ${where}\n  hint: run \`depmap init\` to write one\n`);
    return EXIT_FINDINGS;
  }

  const reports: FileReport[] = [];
  const named: { report: FileReport; name: string; pos: { line: number; col: number } }[] = [];
  // Manifests of one folder share a repo: its root is looked up once.
  const repoRoots = new Map<string, string>();
  const repoRoot = async (dir: string) => {
    let root = repoRoots.get(dir);
    if (root === undefined) {
      root = (await findRepoRoot(dir)) ?? dir;
      repoRoots.set(dir, root);
    }
    return root;
  };
  for (const { root, files } of given) {
    const read = await readManifests(files, {
      root,
      shown: (rel) => path.relative(ctx.cwd, path.join(root, rel)) || path.basename(rel),
      repoRoot,
      docker: options.docker,
      reportUnpinned: true,
      // A FIFO, a device or a huge file under a manifest's name is a finding about that file;
      // a machine that cannot read (permissions, IO) is an error of the run.
      failOnUnreadable: true,
    });
    for (const { shown, manifest, problems } of read) {
      if (options.strict) for (const p of problems) if (p.code === 'unpinned') p.severity = 'error';
      const report: FileReport = { file: shown, valid: !problems.some((p) => p.severity === 'error'), problems };
      if (manifest) {
        report.component = manifest.name;
        named.push({ report, name: manifest.name, pos: manifest.pos });
      }
      reports.push(report);
    }
  }
  // Names are unique across the organisation: check fails two manifests of one name, so validate does too.
  const byName = new Map<string, typeof named>();
  for (const n of named) byName.set(n.name, [...(byName.get(n.name) ?? []), n]);
  for (const [name, same] of byName) {
    if (same.length < 2) continue;
    for (const n of same) {
      const others = same.filter((o) => o !== n).map((o) => `${o.report.file}:${o.pos.line}:${o.pos.col}`);
      n.report.problems.push({
        severity: 'error',
        code: 'duplicate-component',
        file: n.report.file,
        line: n.pos.line,
        col: n.pos.col,
        path: 'name',
        message: `component "${name}" is also declared in ${others.join(', ')}`,
        hint: 'component names are unique across the organisation: rename one of them',
      });
      n.report.valid = false;
    }
  }

  const errors = reports.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'error').length, 0);
  const warnings = reports.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'warning').length, 0);
  const invalid = reports.filter((r) => !r.valid).length;
  const summary = { files: reports.length, valid: reports.length - invalid, invalid, errors, warnings };
  if (options.format === 'json') {
    ctx.stdout.write(`${JSON.stringify({ files: reports, summary }, null, 2)}\n`);
  } else {
    const shown = reports.flatMap((r) =>
      options.quiet ? r.problems.filter((p) => p.severity === 'error') : r.problems,
    );
    ctx.stdout.write(formatProblems(shown, { color: useColor(ctx.stdout, ctx.env) }));
    const verdict = invalid === 0 ? 'all valid' : `${invalid} invalid`;
    ctx.stdout.write(
      `${shown.length > 0 ? '\n' : ''}${count(reports.length, 'manifest')} checked: ${verdict} (${count(errors, 'error')}, ${count(warnings, 'warning')})\n`,
    );
  }
  return invalid > 0 ? EXIT_FINDINGS : 0;
}
