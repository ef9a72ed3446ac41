import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { UsageError } from '../../errors.js';

// Placeholder until its issue lands: the command exists so --help lists it.
export function register(program: Command, _ctx: CliContext): void {
  program
    .command('export')
    .description('export the graph as CycloneDX, Backstage or Structurizr')
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .action(() => {
      throw new UsageError('depmap export is not available in this build yet');
    });
}
