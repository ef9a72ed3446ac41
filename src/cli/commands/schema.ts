import type { Command } from 'commander';
import { manifestJsonSchema } from '../../manifest/schema.js';
import { policyJsonSchemaText } from '../../policy/schema.js';
import type { CliContext } from '../context.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of depmap.yaml (or of depmap.policy.yaml), generated from the spec')
    .option('--policy', 'the schema of the policy file (depmap.policy.yaml) instead')
    .addHelpText(
      'after',
      `
The same schemas are committed as schema/depmap.schema.json and schema/depmap.policy.schema.json. For completion in editors that use
the YAML language server (VS Code, JetBrains, Neovim), start depmap.yaml with:
  # yaml-language-server: $schema=./node_modules/depmap-cli/schema/depmap.schema.json

Examples:
  $ depmap schema > depmap.schema.json
  $ depmap schema --policy > depmap.policy.schema.json`,
    )
    .action((options: { policy?: boolean }) => {
      ctx.stdout.write(options.policy ? policyJsonSchemaText() : schemaText());
    });
}

export function schemaText(): string {
  return `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
}
