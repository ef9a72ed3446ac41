import { Command } from 'commander';
import type { CliContext } from './context.js';
import { VERSION } from '../version.js';
import * as validate from './commands/validate.js';
import * as schema from './commands/schema.js';
import * as scan from './commands/scan.js';
import * as merge from './commands/merge.js';
import * as query from './commands/query.js';
import * as render from './commands/render.js';
import * as docs from './commands/docs.js';
import * as diff from './commands/diff.js';
import * as timeline from './commands/timeline.js';
import * as check from './commands/check.js';
import * as init from './commands/init.js';
import * as exportCommand from './commands/export.js';

/** A command module: declares its command, flags and examples on the program. */
export interface CommandModule {
  register(program: Command, ctx: CliContext): void;
}

const COMMANDS: CommandModule[] = [init, validate, scan, merge, query, render, docs, diff, timeline, check, exportCommand, schema];

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('depmap');
  program
    .description(
      'One pinned manifest (depmap.yaml) per repo; one dependency map of the whole system:\n' +
        'validate, crawl and merge, query, diagram, diff across git history, and gate in CI.',
    )
    .version(VERSION, '-V, --version', 'print the depmap version')
    .helpOption('-h, --help', 'show help for depmap or a command')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
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
  for (const command of COMMANDS) command.register(program, ctx);
  // Subcommands inherit output and error handling from the program.
  for (const sub of program.commands) {
    sub.exitOverride().configureOutput(program.configureOutput()).showSuggestionAfterError(true);
  }
  return program;
}
