import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { suggest } from '../util/suggest.js';
import type { CliContext } from './context.js';
import { VERSION } from '../version.js';

/** A command module: declares its command, flags and examples on the program. */
interface CommandModule {
  register(program: Command, ctx: CliContext): void;
}

/**
 * Command modules in help order, each loaded only when needed: a run of `depmap validate`
 * must not pay for loading the renderers, the policy engine and the importers.
 */
const COMMANDS: { names: string[]; load: () => Promise<CommandModule> }[] = [
  { names: ['init'], load: () => import('./commands/init.js') },
  { names: ['validate'], load: () => import('./commands/validate.js') },
  { names: ['scan'], load: () => import('./commands/scan.js') },
  { names: ['merge'], load: () => import('./commands/merge.js') },
  { names: ['import'], load: () => import('./commands/import.js') },
  { names: ['impact', 'deps', 'why', 'cycles', 'skew', 'list'], load: () => import('./commands/query.js') },
  { names: ['render'], load: () => import('./commands/render.js') },
  { names: ['docs'], load: () => import('./commands/docs.js') },
  { names: ['explore'], load: () => import('./commands/explore.js') },
  { names: ['diff'], load: () => import('./commands/diff.js') },
  { names: ['timeline'], load: () => import('./commands/timeline.js') },
  { names: ['blame'], load: () => import('./commands/blame.js') },
  { names: ['at'], load: () => import('./commands/at.js') },
  { names: ['exposure'], load: () => import('./commands/exposure.js') },
  { names: ['history'], load: () => import('./commands/history.js') },
  { names: ['observed'], load: () => import('./commands/observed.js') },
  { names: ['check'], load: () => import('./commands/check.js') },
  { names: ['export'], load: () => import('./commands/export.js') },
  { names: ['schema'], load: () => import('./commands/schema.js') },
  { names: ['doctor'], load: () => import('./commands/doctor.js') },
  { names: ['completion'], load: () => import('./commands/completion.js') },
];

/** The command named in argv (node, script, args…), when it is one depmap knows. */
function commandIn(argv: readonly string[]): (typeof COMMANDS)[number] | undefined {
  const first = argv.slice(2).find((a) => !a.startsWith('-'));
  return first === undefined ? undefined : COMMANDS.find((c) => c.names.includes(first));
}

/** The program with the command `argv` names registered (all of them for help or a typo). */
export async function buildProgram(ctx: CliContext, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('depmap');
  program
    .description(
      'One pinned manifest (depmap.yaml) per repo, one dependency map of the whole system: validate, crawl, query, draw, diff over git history, and gate in CI.',
    )
    .version(VERSION, '-v, --version', 'print the depmap version')
    // -V as well: commander's own default, and what some scripts already call.
    .addOption(new Option('-V').hideHelp())
    .helpOption('-h, --help', 'show help for depmap or a command')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
      // Usage errors read like every other depmap error.
      outputError: (s, write) => write(`depmap: ${s.replace(/^error: /, '')}`),
    })
    .addHelpText(
      'after',
      `
Examples:
  $ depmap validate                                  check every depmap.yaml under .
  $ depmap docs fixtures/demo-org --out docs/arch    architecture docs for a folder of repos
  $ depmap check --base origin/main                  the CI gate of one repo
  $ depmap impact payments ./repos/*                 who breaks if payments goes down

Exit codes: 0 clean, 1 findings (invalid manifests, violations, failed repos), 2 usage, config or IO error.
Run 'depmap <command> --help' for a command's flags and examples.`,
    );
  program.on('option:V', () => {
    ctx.stdout.write(`${VERSION}\n`);
    throw new CommanderError(0, 'commander.version', VERSION);
  });
  const named = commandIn(argv);
  const versionOnly = !named && (argv.includes('-V') || argv.includes('-v') || argv.includes('--version'));
  const wanted = named ? [named] : versionOnly ? [] : COMMANDS;
  const modules = await Promise.all(wanted.map((c) => c.load()));
  for (const command of modules) command.register(program, ctx);
  // Subcommands inherit output and error handling from the program.
  for (const sub of program.commands) {
    sub.exitOverride().configureOutput(program.configureOutput()).showSuggestionAfterError(true);
    addConventions(sub);
  }
  return program;
}

/**
 * What people expect of every command: a choice that is not one gets a "did you mean", and
 * a command that speaks JSON takes `--json` for `--format json`.
 */
function addConventions(command: Command): void {
  for (const option of command.options) {
    const choices = option.argChoices;
    if (!choices) continue;
    option.argParser((value: string) => {
      if (choices.includes(value)) return value;
      const [best] = suggest(value, choices);
      throw new InvalidArgumentError(
        `Allowed choices are ${choices.join(', ')}.${best ? ` Did you mean "${best}"?` : ''}`,
      );
    });
  }
  const format = command.options.find((o) => o.long === '--format');
  if (format?.argChoices?.includes('json') && !command.options.some((o) => o.long === '--json')) {
    command.addOption(new Option('--json', 'the same as --format json'));
    command.hook('preAction', (cmd) => {
      if (cmd.getOptionValue('json')) cmd.setOptionValue('format', 'json');
    });
  }
}
