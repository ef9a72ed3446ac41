/**
 * `depmap completion bash|zsh|fish`: a completion script for the shell, generated from the
 * commands and options themselves, so it cannot drift from them. Commands, their options,
 * and the values of options that take one of a list (`--format`) complete; paths complete
 * as files, as the shell does anyway.
 */
import { Argument, type Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CliContext } from '../context.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

interface CommandInfo {
  name: string;
  description: string;
  /** The values of its first argument, when it takes one of a list (`completion <shell>`). */
  argChoices?: readonly string[];
  options: { flags: string[]; description: string; choices?: readonly string[]; takesValue: boolean }[];
}

function describe(program: Command): CommandInfo[] {
  return program.commands
    .filter((c) => c.name() !== 'help')
    .map((c) => ({
      name: c.name(),
      description: c.description(),
      ...(c.registeredArguments[0]?.argChoices ? { argChoices: c.registeredArguments[0].argChoices } : {}),
      options: c.options
        .filter((o) => !o.hidden)
        .map((o) => {
          const info: CommandInfo['options'][number] = {
            flags: [o.short, o.long].filter((f): f is string => !!f),
            description: o.description,
            takesValue: o.required || o.optional,
          };
          if (o.argChoices) info.choices = o.argChoices;
          return info;
        }),
    }));
}

const sh = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function bash(commands: CommandInfo[]): string {
  const names = commands.map((c) => c.name).join(' ');
  const cases = commands.map((c) => {
    const opts = c.options
      .flatMap((o) => o.flags)
      .concat('--help')
      .join(' ');
    const values = c.options
      .filter((o) => o.choices)
      .map(
        (o) =>
          `        ${o.flags.join('|')}) COMPREPLY=($(compgen -W ${sh((o.choices as string[]).join(' '))} -- "$cur")); return ;;`,
      )
      .join('\n');
    const first = c.argChoices
      ? `      if [ "$COMP_CWORD" -eq 2 ] && [[ "$cur" != -* ]]; then COMPREPLY=($(compgen -W ${sh(c.argChoices.join(' '))} -- "$cur")); return; fi\n`
      : '';
    return `    ${c.name})\n${first}      case "$prev" in\n${values}${values ? '\n' : ''}      esac\n      opts=${sh(opts)} ;;`;
  });
  return `# depmap completion for bash: eval "$(depmap completion bash)", or save it to
# /etc/bash_completion.d/depmap or ~/.local/share/bash-completion/completions/depmap
_depmap() {
  local cur prev opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W ${sh(`${names} --help --version`)} -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases.join('\n')}
    *) return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -o bashdefault -F _depmap depmap
`;
}

const zshText = (text: string) => text.replace(/[\\'[\]:]/g, (c) => (c === "'" ? "'\\''" : `\\${c}`));

function zsh(commands: CommandInfo[]): string {
  const list = commands.map((c) => `    '${c.name}:${zshText(c.description)}'`).join('\n');
  const cases = commands.map((c) => {
    const specs = c.options.map((o) => {
      const names = o.flags.length > 1 ? `'(${o.flags.join(' ')})'{${o.flags.join(',')}}` : o.flags[0];
      const value = o.takesValue ? (o.choices ? `:value:(${o.choices.join(' ')})` : ':value:_files') : '';
      return `        ${names}'[${zshText(o.description)}]${value}'`;
    });
    const rest = c.argChoices ? `        '1:value:(${c.argChoices.join(' ')})'` : "        '*:file:_files'";
    return `    ${c.name})\n      _arguments -s \\\n${[...specs, rest].join(' \\\n')} ;;`;
  });
  return `#compdef depmap
# depmap completion for zsh: save as _depmap in a folder of $fpath, or
# source <(depmap completion zsh)
_depmap() {
  local -a commands
  commands=(
${list}
  )
  if (( CURRENT == 2 )); then
    _describe 'depmap command' commands
    return
  fi
  local cmd=\${words[2]}
  shift words
  (( CURRENT-- ))
  case $cmd in
${cases.join('\n')}
  esac
}
if [ "$funcstack[1]" = "_depmap" ]; then _depmap "$@"; else compdef _depmap depmap; fi
`;
}

function fish(commands: CommandInfo[]): string {
  const q = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const lines = [
    '# depmap completion for fish: depmap completion fish > ~/.config/fish/completions/depmap.fish',
    'complete -c depmap -f',
  ];
  for (const c of commands)
    lines.push(`complete -c depmap -n __fish_use_subcommand -a ${c.name} -d ${q(c.description)}`);
  for (const c of commands) {
    for (const o of c.options) {
      const parts = [`complete -c depmap -n ${q(`__fish_seen_subcommand_from ${c.name}`)}`];
      for (const flag of o.flags) parts.push(flag.startsWith('--') ? `-l ${flag.slice(2)}` : `-s ${flag.slice(1)}`);
      if (o.choices) parts.push(`-x -a ${q(o.choices.join(' '))}`);
      else if (o.takesValue) parts.push('-r -F');
      parts.push(`-d ${q(o.description)}`);
      lines.push(parts.join(' '));
    }
    if (c.argChoices)
      lines.push(
        `complete -c depmap -n ${q(`__fish_seen_subcommand_from ${c.name}`)} -x -a ${q(c.argChoices.join(' '))}`,
      );
    else lines.push(`complete -c depmap -n ${q(`__fish_seen_subcommand_from ${c.name}`)} -F`);
  }
  return `${lines.join('\n')}\n`;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('completion')
    .description('print a shell completion script: bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .addHelpText(
      'after',
      `
Examples:
  $ eval "$(depmap completion bash)"                          in ~/.bashrc
  $ depmap completion zsh > "\${fpath[1]}/_depmap"             then restart zsh
  $ depmap completion fish > ~/.config/fish/completions/depmap.fish`,
    )
    .action(async (shell: Shell) => {
      if (!SHELLS.includes(shell))
        throw new UsageError(`no completion for ${shell}`, { hint: `give one of ${SHELLS.join(', ')}` });
      // Every command, registered as for --help, so the script knows them all.
      const { buildProgram } = await import('../program.js');
      const full = await buildProgram(ctx, []);
      const commands = describe(full);
      ctx.stdout.write(shell === 'bash' ? bash(commands) : shell === 'zsh' ? zsh(commands) : fish(commands));
    });
}
