/** depmap.config.yaml or .yml, found in the working folder or above it, up to the git top level. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { initRepo } from '../helpers/git.js';

const manifest = (name: string) => `depmap: 1\nname: ${name}\nkind: service\n`;

describe('config discovery', () => {
  it('finds the config in a folder above, up to the git top level, with sources relative to it', async () => {
    const top = initRepo(path.join(tempDir(), 'platform'));
    writeTree(top, {
      'depmap.config.yml': 'sources:\n  - repos/*\n',
      'repos/a/depmap.yaml': manifest('a'),
      'repos/b/depmap.yaml': manifest('b'),
      'tools/deep/x.txt': '',
    });
    const result = await runCli(['list', 'components'], { cwd: path.join(top, 'tools', 'deep') });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^a +service/m);
    expect(result.stdout).toMatch(/^b +service/m);
  });

  it('does not look above the top of the checkout', async () => {
    const outer = tempDir();
    writeTree(outer, { 'depmap.config.yaml': 'sources:\n  - nowhere\n' });
    const repo = initRepo(path.join(outer, 'repo'));
    writeTree(repo, { 'depmap.yaml': manifest('me') });
    const result = await runCli(['list', 'components'], { cwd: repo });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^me +service/m);
  });

  it('outside a checkout, only the working folder counts', async () => {
    const outer = tempDir();
    writeTree(outer, { 'depmap.config.yaml': 'sources:\n  - nowhere\n', 'sub/depmap.yaml': manifest('sub') });
    const result = await runCli(['list', 'components'], { cwd: path.join(outer, 'sub') });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^sub +service/m);
  });

  it('two config files in one folder are an error, not a guess', async () => {
    const dir = tempDir();
    writeTree(dir, { 'depmap.config.yaml': 'sources: [a]\n', 'depmap.config.yml': 'sources: [b]\n' });
    mkdirSync(path.join(dir, 'a'));
    const result = await runCli(['list', 'components'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('two config files: depmap.config.yaml and depmap.config.yml');
  });
});
