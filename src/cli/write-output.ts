/**
 * Where a report goes: the --out file (written atomically, said on stderr unless --quiet), or
 * stdout when there is no --out or it is "-".
 */
import path from 'node:path';
import { writeFileAtomic } from '../io/write-file.js';
import { terminalText } from '../render/escape/index.js';
import type { CliContext } from './context.js';

export async function writeOutput(
  text: string,
  options: { out?: string; quiet?: boolean },
  ctx: CliContext,
  /** What was written, after the file name: `: 12 edge versions`. */
  what = '',
): Promise<void> {
  if (!options.out || options.out === '-') {
    ctx.stdout.write(text);
    return;
  }
  await writeFileAtomic(path.resolve(ctx.cwd, options.out), text);
  if (!options.quiet) ctx.stderr.write(`depmap: wrote ${terminalText(options.out)}${what}\n`);
}
