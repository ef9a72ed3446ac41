import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { UsageError } from '../../errors.js';

// Placeholder until its issue lands: the command exists so --help lists it.
export function register(program: Command, _ctx: CliContext): void {
  program
    .command('init')
    .description('write a depmap.yaml from what a repo already has')
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .action(() => {
      throw new UsageError('depmap init is not available in this build yet');
    });
}
