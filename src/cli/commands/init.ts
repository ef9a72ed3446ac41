/**
 * `depmap init [dir]`: writes a depmap.yaml for each unit of a repo from what it already
 * has. The planning is pure (src/importers/init); this command lists and reads the files,
 * and writes the manifests, never over an existing one without --force.
 */
import { shellWord, terminalText } from '../../render/escape/index.js';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { COMPONENT_KINDS } from '../../manifest/vocabulary.js';
import { formatsInWords } from '../../importers/formats-in-words.js';
import { INIT_SKIPPED_DIRS } from '../../util/skipped-dirs.js';
import { inWords, wrap } from '../../util/words.js';
import type { ObservedCalls, ObservedRef } from '../../importers/init/observed-services.js';
import type { ImportedServiceRef } from '../../importers/types.js';
import { collect } from '../load-graph.js';
import { addObservedOptions, type ObservedOptions } from '../observed-input.js';

interface InitCommandOptions {
  inline?: boolean;
  force?: boolean;
  dryRun?: boolean;
  name?: string;
  kind?: string;
  system?: string;
  owner?: string;
  observed?: string[];
  observedFormat?: ObservedOptions['observedFormat'];
}

export function register(program: Command, ctx: CliContext): void {
  const command = program
    .command('init')
    .description('write a depmap.yaml from what a repo already has: lockfiles, compose, Kubernetes, Backstage')
    .argument('[dir]', 'the repo (default: .)')
    .option('--inline', 'write the direct dependencies as pinned purls instead of { from: <lockfile> }')
    .option('--force', 'overwrite an existing depmap.yaml')
    .option('--dry-run', 'print the manifests instead of writing them')
    .option('--name <name>', 'component name (single-package repos; default: from package files or the folder)')
    .addOption(
      new Option('--kind <kind>', 'component kind (single-package repos; default: guessed)').choices(COMPONENT_KINDS),
    )
    .option('--system <system>', 'the system it belongs to')
    .option('--owner <team>', 'the owning team');
  addObservedOptions(command, collect);
  command
    .addHelpText(
      'after',
      `\n${wrap(`depmap init never walks into ${inWords([...INIT_SKIPPED_DIRS])}, and follows no symlink.`)}`,
    )
    .addHelpText(
      'after',
      `
${wrap(`What it reads: ${formatsInWords()}. Nothing is executed. In a monorepo (workspaces, several packages) it writes one depmap.yaml per package. Guesses are marked TODO; the result passes \`depmap validate\` as written.`)}

Examples:
  $ depmap init                          write ./depmap.yaml
  $ depmap init services/checkout --dry-run
  $ depmap init --inline --system commerce --owner team-payments
  $ depmap init ~/src/monorepo --force   rewrite every package's manifest
  $ depmap init --observed traces.jsonl  also the calls the traces show (OTLP JSON, Jaeger, Zipkin)`,
    )
    .action(async (dir: string | undefined, options: InitCommandOptions) => {
      ctx.exitCode = await runInit(dir ?? '.', options, ctx);
    });
}

export async function runInit(dir: string, options: InitCommandOptions, ctx: CliContext): Promise<number> {
  const root = path.resolve(ctx.cwd, dir);
  const [disk, { fieldProblem }, { planRepoInit }, { manifestName, NAME_PLACEHOLDER }, { writeFileAtomic }] =
    await Promise.all([
      import('../../crawl/init-files.js'),
      import('../../importers/init/plan-init.js'),
      import('../../discovery/plan-init.js'),
      import('../../importers/init/identify.js'),
      import('../../io/write-file.js'),
    ]);
  disk.checkInitRoot(root, dir);
  for (const field of ['name', 'system', 'owner'] as const) {
    const value = options[field];
    const problem = value === undefined ? undefined : fieldProblem(field, value);
    if (value === undefined || problem === undefined) continue;
    const fixed = field === 'owner' ? undefined : manifestName(value);
    const usable =
      fixed !== undefined && fixed !== value && fixed !== NAME_PLACEHOLDER && fieldProblem(field, fixed) === undefined;
    const hint =
      field === 'owner'
        ? 'give the owning team in 1 to 200 characters'
        : usable
          ? `e.g. --${field} ${fixed}`
          : undefined;
    throw new UsageError(`--${field} ${JSON.stringify(value)}: ${problem}`, hint === undefined ? {} : { hint });
  }
  const files = disk.initFiles(root);
  const planOptions: Parameters<typeof planRepoInit>[1] = {
    rootName: path.basename(root),
    inline: options.inline === true,
  };
  for (const key of ['name', 'kind', 'system', 'owner'] as const)
    if (options[key] !== undefined) planOptions[key] = options[key];
  if (options.observed && options.observed.length > 0) planOptions.observed = await observedCalls(options, ctx);
  const planned = planRepoInit(files, planOptions);
  if ((options.name !== undefined || options.kind !== undefined) && planned.length > 1) {
    throw new UsageError('--name and --kind apply to a single-package repo; this one has several packages', {
      hint: 'run depmap init in each package folder to name them',
    });
  }

  if (options.dryRun) {
    for (const manifest of planned) {
      if (planned.length > 1) ctx.stdout.write(`# ==> ${manifest.file} <==\n`);
      ctx.stdout.write(manifest.text);
    }
    ctx.stderr.write(
      `depmap: ${planned.length} manifest${planned.length === 1 ? '' : 's'} planned, nothing written (--dry-run)\n`,
    );
    return 0;
  }

  const existing = disk.alreadyWritten(root, planned);
  if (existing.length === planned.length && !options.force) {
    const shown = existing.map((m) => path.relative(ctx.cwd, path.join(root, m.file)) || m.file);
    throw new UsageError(`${shown.join(', ')} already exist${shown.length === 1 ? 's' : ''}; not overwritten`, {
      hint: 'use --force to overwrite, or --dry-run to see what init would write',
    });
  }
  for (const manifest of planned) {
    const target = path.join(root, manifest.file);
    const shown = path.relative(ctx.cwd, target) || manifest.file;
    if (existing.includes(manifest) && !options.force) {
      ctx.stderr.write(`depmap: ${shown} exists; not overwritten (use --force)\n`);
      continue;
    }
    await writeFileAtomic(target, manifest.text);
    ctx.stderr.write(`depmap: wrote ${terminalText(shown)}: ${manifest.summary}\n`);
  }
  const todos = planned.reduce((sum, m) => sum + m.todos, 0);
  ctx.stderr.write(
    `next: ${todos > 0 ? 'settle the TODOs, then ' : ''}run \`depmap validate${dir === '.' ? '' : ` ${shellWord(dir)}`}\`\n`,
  );
  return 0;
}

/** The calls the `--observed` traces show, by caller name (lower case), as init writes services. */
async function observedCalls(options: InitCommandOptions, ctx: CliContext): Promise<ObservedCalls> {
  const [{ readObserved }, { depmapProtocol }, { isServiceName }] = await Promise.all([
    import('../../observe/read.js'),
    import('../../observe/protocols.js'),
    import('../../importers/init/service-entries.js'),
  ]);
  const input = await readObserved(options.observed ?? [], {
    cwd: ctx.cwd,
    ...(options.observedFormat ? { format: options.observedFormat } : {}),
  });
  for (const p of input.problems)
    ctx.stderr.write(`depmap: warning: ${terminalText(p.file)}:${p.line}: ${terminalText(p.message)}\n`);
  const byCaller = new Map<string, ObservedRef[]>();
  for (const call of input.calls) {
    const calls = `${call.calls} call${call.calls === 1 ? '' : 's'}`;
    // A name a manifest cannot hold (a host:port, words with spaces) under any of the callee's names is said, not written.
    const names = [call.callee, ...(call.calleeAliases ?? [])].filter(isServiceName);
    if (names.length === 0) {
      ctx.stderr.write(
        `depmap: note: ${terminalText(call.caller)} calls "${terminalText(call.callee)}" (${calls}), not a name a manifest can hold; left out\n`,
      );
      continue;
    }
    const protocol = depmapProtocol(call.protocol);
    const ref: ImportedServiceRef = {
      name: names[0] as string,
      kind: call.calleeKind,
      evidence: `observed: ${calls}${call.errors > 0 ? ` (${call.errors} failed)` : ''} in the traces`,
      ...(protocol ? { protocol } : {}),
    };
    const key = call.caller.toLowerCase();
    const entry: ObservedRef = { ref, file: call.evidence.file };
    if (names.length > 1) entry.otherNames = names.slice(1);
    byCaller.set(key, [...(byCaller.get(key) ?? []), entry]);
  }
  return (names) => {
    const seen = new Set<string>();
    return names.flatMap((n) => {
      const key = n.toLowerCase();
      if (seen.has(key)) return [];
      seen.add(key);
      return [...(byCaller.get(key) ?? [])].sort((a, b) =>
        a.ref.name < b.ref.name ? -1 : a.ref.name > b.ref.name ? 1 : 0,
      );
    });
  };
}
