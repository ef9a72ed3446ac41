/** Runs the real CLI in-process for check tests, with an environment free of the host's CI settings. */
import { runCli } from '../../src/cli/main.js';

export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const key of ['GITHUB_STEP_SUMMARY', 'NO_COLOR', 'FORCE_COLOR']) if (!(key in extra)) delete env[key];
  return env;
}

export function depmap(args: string[], cwd: string, options: { env?: Record<string, string>; tty?: boolean } = {}) {
  return runCli(args, { cwd, env: cleanEnv(options.env), stdoutIsTTY: options.tty ?? false });
}

export const PINNED = 'depmap: 1\nname: shop\nkind: service\nlibraries:\n  - pkg:npm/express@4.19.2\n';
export const UNPINNED =
  'depmap: 1\nname: shop\nkind: service\nlibraries:\n  - pkg:npm/express@4.19.2\n  - pkg:npm/lodash@^4.17.21\n';
