import type { Command } from 'commander';
import { manifestJsonSchema } from '../../manifest/schema.js';
import type { CliContext } from '../context.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of depmap.yaml (generated from the spec), for editors and other tools')
    .addHelpText(
      'after',
      `
The same schema is committed as schema/depmap.schema.json. For completion in editors that use
the YAML language server (VS Code, JetBrains, Neovim), start depmap.yaml with:
  # yaml-language-server: $schema=./node_modules/depmap/schema/depmap.schema.json

Examples:
  $ depmap schema > depmap.schema.json`,
    )
    .action(() => {
      ctx.stdout.write(schemaText());
    });
}

export function schemaText(): string {
  return `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
}
