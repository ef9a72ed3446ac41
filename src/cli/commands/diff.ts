import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { UsageError } from '../../errors.js';

// Placeholder until its issue lands: the command exists so --help lists it.
export function register(program: Command, _ctx: CliContext): void {
  program
    .command('diff')
    .description('compare two revisions, two dates or two snapshots')
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .action(() => {
      throw new UsageError('depmap diff is not available in this build yet');
    });
}
