import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { EXIT_FINDINGS, IoError } from '../../errors.js';
import { findManifests, SKIPPED_DIRS } from '../../crawl/find-manifests.js';
import { inWords, wrap } from '../../words.js';
import { findRepoRoot } from '../../crawl/git-head.js';
import { manifestUnreadable } from '../../crawl/manifest-unreadable.js';
import { FileReadError, readRegularFile } from '../../io/read-file.js';
import { MAX_YAML_BYTES } from '../../manifest/load-yaml.js';
import { parseManifestBytes } from '../../manifest/parse.js';
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
  const files: { abs: string; shown: string }[] = [];
  for (const given of paths) {
    const abs = path.resolve(ctx.cwd, given);
    try {
      await stat(abs);
    } catch {
      throw new IoError(`${given} does not exist`, { hint: 'give a depmap.yaml or a folder that contains some' });
    }
    const found = await findManifests(abs);
    for (const skipped of found.skipped)
      ctx.stderr.write(`depmap: warning: ${path.relative(ctx.cwd, skipped.path)}: not followed: ${skipped.reason}\n`);
    for (const file of found.files)
      files.push({ abs: file, shown: path.relative(ctx.cwd, file) || path.basename(file) });
  }
  if (files.length === 0) {
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
  // A FIFO, a device or a huge file under a manifest's name is a finding about that file;
  // a machine that cannot read (permissions, IO) is an error of the run.
  const contents = await Promise.all(
    files.map(async (f): Promise<Buffer | Problem> => {
      try {
        return await readRegularFile(f.abs, MAX_YAML_BYTES);
      } catch (error) {
        if (error instanceof FileReadError && error.reason !== 'unreadable' && error.reason !== 'missing') {
          return {
            severity: 'error',
            code: 'unreadable',
            file: f.shown,
            line: 1,
            col: 1,
            path: '',
            message: manifestUnreadable(path.basename(f.shown), error),
          };
        }
        throw new IoError(
          `cannot read ${f.shown}: ${error instanceof FileReadError ? `it ${error.detail}` : (error as Error).message}`,
        );
      }
    }),
  );
  for (let i = 0; i < files.length; i++) {
    const { abs, shown } = files[i] as { abs: string; shown: string };
    const content = contents[i] as Buffer | Problem;
    if (!Buffer.isBuffer(content)) {
      reports.push({ file: shown, valid: false, problems: [content] });
      continue;
    }
    const result = parseManifestBytes(content, shown, { docker: options.docker });
    const problems = result.problems;
    if (result.manifest && result.manifest.fromRefs.length > 0) {
      const dir = path.dirname(abs);
      let repoRoot = repoRoots.get(dir);
      if (repoRoot === undefined) {
        repoRoot = (await findRepoRoot(dir)) ?? dir;
        repoRoots.set(dir, repoRoot);
      }
      const { resolveImports } = await import('../../crawl/resolve-imports.js');
      const importProblems = await resolveImports(result.manifest, {
        repoRoot,
        manifestPath: abs,
        docker: options.docker,
      });
      for (const p of importProblems) {
        const file = p.file === result.manifest.file ? shown : path.relative(ctx.cwd, path.join(repoRoot, p.file));
        problems.push({ ...p, file });
      }
      // Unpinned versions inside imported files count like inline ones.
      const unpinned = (
        from: { file: string; line?: number },
        what: string,
        pin: { reason?: string; hint?: string },
        joiner = ': ',
      ) => {
        const file = path.relative(ctx.cwd, path.join(repoRoot, from.file));
        problems.push({
          severity: 'warning',
          code: 'unpinned',
          file,
          line: from.line ?? 1,
          col: 1,
          path: '',
          message: `${what}${joiner}${pin.reason ?? 'not pinned'}`,
          ...(pin.hint ? { hint: pin.hint } : {}),
        });
      };
      for (const lib of result.manifest.libraries) {
        if (lib.importedFrom && !lib.pin.pinned) unpinned(lib.importedFrom, lib.purl, lib.pin);
      }
      for (const svc of result.manifest.services) {
        if (!svc.importedFrom) continue;
        if (!svc.pin.pinned) unpinned(svc.importedFrom, `service ${svc.name}`, svc.pin);
        if (svc.imagePin && !svc.imagePin.pinned)
          unpinned(svc.importedFrom, `service ${svc.name}: image`, svc.imagePin, ' ');
      }
    }
    if (options.strict) for (const p of problems) if (p.code === 'unpinned') p.severity = 'error';
    const report: FileReport = { file: shown, valid: !problems.some((p) => p.severity === 'error'), problems };
    if (result.manifest) {
      report.component = result.manifest.name;
      named.push({ report, name: result.manifest.name, pos: result.manifest.pos });
    }
    reports.push(report);
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
