/**
 * How every git process depmap starts is set up, whether it clones for a scan (crawl/clone)
 * or reads a history (history/): one environment and one list of `-c` settings, so a clone
 * and a history read of the same URL can never differ in what they let through. A crawl runs
 * unattended over repos it does not trust: git and ssh never prompt, only safe transports
 * are spoken, nothing in the caller's environment redirects git (GIT_DIR, GIT_WORK_TREE,
 * GIT_EXTERNAL_DIFF, GIT_CONFIG_*, a GIT_SSH_COMMAND of its own…), and where depmap may pass
 * `-c`, no setting of the repo runs a program.
 */

/** The transports git may speak: the schemes a source URL may have (git-url.ts checks them), no ext:: or fd::. */
export const GIT_TRANSPORTS = ['https', 'http', 'ssh', 'git', 'file'] as const;

/** What git needs from the environment; the rest (GIT_DIR, GIT_EXTERNAL_DIFF, …) is dropped. */
const KEEP_ENV = [
  'PATH',
  'HOME',
  'XDG_CONFIG_HOME',
  'LANG',
  'LC_ALL',
  'TMPDIR',
  'SSH_AUTH_SOCK',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'GIT_SSL_CAINFO',
];

/** Set on every call, whatever the environment says. */
const SAFE_ENV = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_OPTIONAL_LOCKS: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  // The transports a git URL may use (crawl/git-url.ts allows the same): never ext:: or fd::.
  GIT_ALLOW_PROTOCOL: GIT_TRANSPORTS.join(':'),
  GIT_ASKPASS: 'echo',
  SSH_ASKPASS: 'echo',
  GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
  GIT_PAGER: 'cat',
  // A stalled transfer is abandoned instead of waited on forever.
  GIT_HTTP_LOW_SPEED_LIMIT: '1000',
  GIT_HTTP_LOW_SPEED_TIME: '60',
};

/** The environment of a git process, from the caller's `env`. */
export function gitEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of KEEP_ENV) {
    const value = env[key];
    if (value !== undefined) out[key] = value;
  }
  return { ...out, ...SAFE_ENV };
}

/**
 * `-c` settings that keep a git call from running anything the repo configures. Passed by
 * every history read; crawl/clone cannot pass them (simple-git refuses `-c` overrides of
 * hook and protocol settings), and needs them less: it runs git only on the checkouts it
 * made itself, and GIT_ALLOW_PROTOCOL above shuts out ext:: and fd:: as
 * `protocol.*.allow=never` does.
 */
export const SAFE_CONFIG: readonly string[] = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'protocol.ext.allow=never',
  '-c',
  'protocol.fd.allow=never',
  '-c',
  'log.showSignature=false',
];
