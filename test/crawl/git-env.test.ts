import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { gitEnv } from '../../src/crawl/git-env.js';
import { tempDir } from '../helpers/fs.js';
import { bareClone, gitRepo } from '../helpers/git.js';
import { parseSnapshot } from '../../src/graph/snapshot.js';

const FORCED = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_OPTIONAL_LOCKS: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_ALLOW_PROTOCOL: 'https:http:ssh:git:file',
  GIT_ASKPASS: 'echo',
  SSH_ASKPASS: 'echo',
  GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
  GIT_PAGER: 'cat',
  GIT_HTTP_LOW_SPEED_LIMIT: '1000',
  GIT_HTTP_LOW_SPEED_TIME: '60',
};

describe('one git environment for clones and history reads', () => {
  it('keeps what git needs from the environment, drops the rest and forces no prompts and safe transports', () => {
    const hostile = {
      PATH: '/usr/bin',
      HOME: '/home/me',
      LANG: 'C.UTF-8',
      SSH_AUTH_SOCK: '/tmp/agent',
      GIT_SSL_CAINFO: '/etc/ca.pem',
      GIT_DIR: '/elsewhere/.git',
      GIT_WORK_TREE: '/elsewhere',
      GIT_EXTERNAL_DIFF: '/tmp/evil',
      GIT_CONFIG_PARAMETERS: "'core.pager'='/tmp/evil'",
      GIT_CONFIG_GLOBAL: '/tmp/evil.cfg',
      GIT_TEMPLATE_DIR: '/tmp/templates',
      GIT_SSH_COMMAND: '/tmp/evil',
      GIT_ALLOW_PROTOCOL: 'ext',
      GIT_TERMINAL_PROMPT: '1',
      EDITOR: '/tmp/evil',
    };
    expect(gitEnv(hostile)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/me',
      LANG: 'C.UTF-8',
      SSH_AUTH_SOCK: '/tmp/agent',
      GIT_SSL_CAINFO: '/etc/ca.pem',
      ...FORCED,
    });
  });

  it('a scan and a timeline of the same git URL both run under it, whatever the caller sets', async () => {
    const dir = tempDir('depmap-git-env-');
    const { dir: source } = gitRepo([
      { files: { 'depmap.yaml': 'depmap: 1\nname: remote-svc\nkind: service\n' } },
      { files: { 'depmap.yaml': 'depmap: 1\nname: remote-svc\nkind: service\nlibraries:\n  - pkg:npm/a@1.0.0\n' } },
    ]);
    const url = `file://${bareClone(source)}`;
    const evil = path.join(dir, 'evil.sh');
    writeFileSync(evil, `#!/bin/sh\necho "$0 $*" >> ${path.join(dir, 'MARK')}\n`);
    chmodSync(evil, 0o755);
    const templates = path.join(dir, 'templates');
    mkdirSync(path.join(templates, 'hooks'), { recursive: true });
    for (const hook of ['post-checkout', 'reference-transaction']) {
      writeFileSync(path.join(templates, 'hooks', hook), `#!/bin/sh\n${evil} ${hook}\n`);
      chmodSync(path.join(templates, 'hooks', hook), 0o755);
    }
    // Each of these, passed on to git, would break the clone or run evil.sh.
    const env = {
      ...process.env,
      GIT_DIR: path.join(dir, 'nowhere'),
      GIT_WORK_TREE: path.join(dir, 'nowhere'),
      GIT_ALLOW_PROTOCOL: 'ext',
      GIT_TEMPLATE_DIR: templates,
      GIT_EXTERNAL_DIFF: evil,
      GIT_SSH_COMMAND: evil,
      GIT_ASKPASS: evil,
      GIT_PAGER: evil,
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.fsmonitor',
      GIT_CONFIG_VALUE_0: evil,
    };
    const cache = path.join(dir, 'cache');
    const out = path.join(dir, 'g.json');
    const scan = await runCli(['scan', url, '--cache-dir', cache, '--out', out], { env });
    expect(scan.stderr).not.toContain('cannot clone');
    expect(scan.code).toBe(0);
    expect(parseSnapshot(readFileSync(out, 'utf8'), 'g.json').nodes.map((n) => n.id)).toContain('remote-svc');
    const timeline = await runCli(['timeline', url, '--cache-dir', cache, '--format', 'json'], { env });
    expect(timeline.code).toBe(0);
    expect(timeline.stdout).toContain('pkg:npm/a');
    expect(existsSync(path.join(dir, 'MARK')) ? readFileSync(path.join(dir, 'MARK'), 'utf8') : '').toBe('');
  });
});
