import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IoError, UsageError } from '../../src/errors.js';
import { repoAtRevision } from '../../src/history/revision.js';
import { git, gitRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/fs.js';

const manifest = (name: string, lines: string[] = []) =>
  ['depmap: 1', `name: ${name}`, 'kind: service', ...lines, ''].join('\n');

const lock = (deps: Record<string, string>) =>
  JSON.stringify({
    name: 'app',
    lockfileVersion: 3,
    packages: {
      '': { name: 'app', dependencies: Object.fromEntries(Object.entries(deps)) },
      ...Object.fromEntries(Object.entries(deps).map(([n, v]) => [`node_modules/${n}`, { version: v }])),
    },
  });

describe('repoAtRevision', () => {
  const repo = gitRepo([
    {
      files: {
        'depmap.yaml': manifest('web', ['libraries:', '  - pkg:npm/express@4.19.2', '  - { from: package-lock.json }']),
        'package-lock.json': lock({ 'left-pad': '1.3.0' }),
        'packages/api/depmap.yml': manifest('api'),
        'node_modules/x/depmap.yaml': manifest('vendored'),
      },
    },
    {
      files: {
        'depmap.yaml': manifest('web', ['libraries:', '  - pkg:npm/express@5.0.0', '  - { from: package-lock.json }']),
        'package-lock.json': lock({ 'left-pad': '1.3.1' }),
        'packages/api/depmap.yml': null,
      },
    },
  ]);

  it('reads every manifest of a past revision, monorepo included, skipping node_modules', async () => {
    const entry = await repoAtRevision(repo.dir, repo.commits[0] as string, { id: 'web-repo' });
    expect(entry.id).toBe('web-repo');
    expect(entry.commit).toBe(repo.commits[0]);
    expect(entry.status).toBe('ok');
    expect(entry.manifests.map((m) => `${m.file}:${m.name}`)).toEqual([
      'depmap.yaml:web',
      'packages/api/depmap.yml:api',
    ]);
    const web = entry.manifests[0];
    expect(web?.libraries.map((l) => `${l.purl}@${l.version}`)).toEqual([
      'pkg:npm/express@4.19.2',
      'pkg:npm/left-pad@1.3.0',
    ]);
    expect(web?.libraries[1]?.importedFrom?.file).toBe('package-lock.json');
  });

  it('reads the revision, not the working tree', async () => {
    writeFileSync(path.join(repo.dir, 'depmap.yaml'), manifest('changed-on-disk'));
    const head = await repoAtRevision(repo.dir, 'HEAD');
    expect(head.manifests.map((m) => m.name)).toEqual(['web']);
    expect(head.manifests[0]?.libraries.map((l) => l.version)).toEqual(['5.0.0', '1.3.1']);
    git(repo.dir, ['checkout', '--', 'depmap.yaml']);
  });

  it('accepts revision expressions like HEAD~1', async () => {
    const entry = await repoAtRevision(repo.dir, 'HEAD~1');
    expect(entry.commit).toBe(repo.commits[0]);
  });

  it('fails with a hint on an unknown revision', async () => {
    const error = await repoAtRevision(repo.dir, 'origin/nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IoError);
    expect((error as IoError).describe()).toMatch(/unknown revision "origin\/nope"[\s\S]*fetch-depth: 0/);
  });

  it('refuses revisions that look like options', async () => {
    await expect(repoAtRevision(repo.dir, '--output=/tmp/x')).rejects.toBeInstanceOf(UsageError);
    await expect(repoAtRevision(repo.dir, 'HEAD\nHEAD')).rejects.toBeInstanceOf(UsageError);
  });

  it('fails clearly outside a git repo', async () => {
    await expect(repoAtRevision(tempDir(), 'HEAD')).rejects.toThrow(/not a git repository/);
    await expect(repoAtRevision(path.join(tempDir(), 'missing'), 'HEAD')).rejects.toThrow(/not a folder/);
  });

  it('reports invalid manifests and escaping imports as problems', async () => {
    const bad = gitRepo([
      {
        files: {
          'depmap.yaml': manifest('bad', ['libraries:', '  - { from: ../../etc/package-lock.json }']),
          'svc/depmap.yaml': 'depmap: 1\nname: [oops\n',
        },
      },
    ]);
    const entry = await repoAtRevision(bad.dir, 'HEAD');
    expect(entry.status).toBe('failed');
    expect(entry.manifests.map((m) => m.name)).toEqual(['bad']);
    const codes = entry.problems.map((p) => `${p.file}:${p.code}`);
    expect(codes).toContain('depmap.yaml:path-escape');
    expect(codes.some((c) => c.startsWith('svc/depmap.yaml:'))).toBe(true);
  });

  it('follows symlinks inside the repo and refuses those that leave it', async () => {
    const dir = tempDir('depmap-git-');
    const linked = gitRepo(
      [
        {
          files: {
            'real/depmap.yaml': manifest('real', ['libraries:', '  - { from: lock/package-lock.json }']),
            'real/locks/package-lock.json': lock({ a: '1.0.0' }),
          },
        },
      ],
      dir,
    );
    symlinkSync('locks', path.join(dir, 'real/lock'));
    symlinkSync('/etc/passwd', path.join(dir, 'depmap.yaml'));
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-qm', 'links'], {
      GIT_AUTHOR_NAME: 'a',
      GIT_AUTHOR_EMAIL: 'a@b',
      GIT_COMMITTER_NAME: 'a',
      GIT_COMMITTER_EMAIL: 'a@b',
    });
    const entry = await repoAtRevision(linked.dir, 'HEAD');
    expect(entry.manifests.map((m) => m.name)).toEqual(['real']);
    expect(entry.manifests[0]?.libraries.map((l) => l.purl)).toEqual(['pkg:npm/a']);
    expect(entry.problems.map((p) => p.message).join('\n')).toMatch(/outside the repo/);
  });

  it('treats a subfolder of a checkout as the repo, like a crawl does', async () => {
    const entry = await repoAtRevision(path.join(repo.dir, 'packages'), repo.commits[0] as string);
    expect(entry.manifests.map((m) => m.file)).toEqual(['api/depmap.yml']);
  });
});
