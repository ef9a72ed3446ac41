import { cpSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { git, initRepo } from '../helpers/git.js';

describe('check run in a monorepo package (working-directory: packages/api)', () => {
  it('imports the root lockfile and locates findings from the repository root for SARIF and annotations', async () => {
    const repo = initRepo(tempDir());
    cpSync('fixtures/importers/npm-lock-v3', repo, { recursive: true });
    writeTree(repo, {
      'packages/api/depmap.yaml':
        'depmap: 1\nname: checkout-api\nkind: service\nlibraries:\n  - { from: ../../package-lock.json }\n  - pkg:npm/left-pad@^1.3.0\n',
    });
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-qm', 'init']);
    const cwd = path.join(repo, 'packages/api');
    const env = { ...process.env, GITHUB_STEP_SUMMARY: '' };

    const text = await runCli(['check'], { cwd, env });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('depmap.yaml:6:5');
    expect(text.stdout).not.toContain('points outside the repo');

    const sarif = JSON.parse((await runCli(['check', '--format', 'sarif'], { cwd, env })).stdout);
    const locations = sarif.runs[0].results.map(
      (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        r.locations[0]?.physicalLocation.artifactLocation.uri,
    );
    expect(locations).toEqual(['packages/api/depmap.yaml']);

    const github = await runCli(['check', '--format', 'github'], { cwd, env });
    expect(github.stdout).toContain('::error file=packages/api/depmap.yaml,line=6,col=5,title=depmap unpinned::');
  });
});
