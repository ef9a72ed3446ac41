/**
 * Shell completion, run in the shells themselves: bash completes through its own
 * completion function, fish through `complete -C`, zsh loads the script with compinit.
 * Each shell is required in CI (DEPMAP_REQUIRE_SHELLS=1, .ci/run installs them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tempDir } from '../helpers/fs.js';

const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
const shellIt = (shell: string) => (has(shell) || process.env.DEPMAP_REQUIRE_SHELLS === '1' ? it : it.skip);

async function script(shell: string): Promise<string> {
  const result = await runCli(['completion', shell]);
  expect(result.code, result.stderr).toBe(0);
  const file = path.join(tempDir(), `depmap.${shell}`);
  writeFileSync(file, result.stdout);
  return file;
}

/** What bash's completion function offers for the words typed so far (the last one being completed). */
function bashComplete(file: string, words: string[]): string[] {
  const line = `source ${JSON.stringify(file)}; COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')}); COMP_CWORD=${words.length - 1}; _depmap; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['--noprofile', '--norc', '-c', line], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('depmap completion', () => {
  shellIt('bash')("bash: commands, a command's options, and the values of a choice", async () => {
    const file = await script('bash');
    expect(bashComplete(file, ['depmap', 'va'])).toEqual(['validate']);
    expect(bashComplete(file, ['depmap', 'validate', '--fo'])).toEqual(['--format']);
    expect(bashComplete(file, ['depmap', 'validate', '--format', ''])).toEqual(['text', 'json']);
    expect(bashComplete(file, ['depmap', 'check', '--fail-on', 'w'])).toEqual(['warn']);
    expect(bashComplete(file, ['depmap', 'completion', '--h'])).toEqual(['--help']);
    expect(bashComplete(file, ['depmap', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
  });

  shellIt('fish')("fish: the same, through fish's own completion", async () => {
    const file = await script('fish');
    const complete = (line: string) =>
      execFileSync(
        'fish',
        ['--no-config', '-c', `source ${JSON.stringify(file)}; complete -C ${JSON.stringify(line)}`],
        { encoding: 'utf8' },
      )
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]);
    expect(complete('depmap val')).toEqual(['validate']);
    expect(complete('depmap validate --for')).toEqual(['--format']);
    expect(complete('depmap validate --format ').sort()).toEqual(['json', 'text']);
    expect(complete('depmap completion ').sort()).toEqual(['bash', 'fish', 'zsh']);
  });

  shellIt('zsh')('zsh: the script parses and registers itself with compinit', async () => {
    const file = await script('zsh');
    execFileSync('zsh', ['-n', file]);
    const registered = execFileSync(
      'zsh',
      ['-f', '-c', `autoload -U compinit; compinit -u -D; source ${JSON.stringify(file)}; print -r -- $_comps[depmap]`],
      { encoding: 'utf8' },
    ).trim();
    expect(registered).toBe('_depmap');
  });

  it('names every command, so a new command cannot be forgotten', async () => {
    const help = (await runCli(['--help'])).stdout;
    const commands = [...help.matchAll(/^ {2}([a-z]+)(?: |\[)/gm)]
      .map((m) => m[1] as string)
      .filter((c) => c !== 'help');
    const bash = (await runCli(['completion', 'bash'])).stdout;
    for (const command of commands) expect(bash).toContain(`    ${command})`);
  });

  it('says which shells it knows', async () => {
    const result = await runCli(['completion', 'powershell']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Allowed choices are bash, zsh, fish.');
  });
});
