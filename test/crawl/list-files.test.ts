/**
 * The one repo lister that validate, scan, `scan --discover` and `init` walk through: its
 * skip set, options and guards, on real temp folders with real symlinks and FIFOs.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRepoFiles } from '../../src/crawl/list-files.js';
import { findManifests } from '../../src/crawl/find-manifests.js';
import { initFiles } from '../../src/crawl/init-files.js';
import { discoverManifests } from '../../src/crawl/discover-repo.js';
import { SKIPPED_DIR_NAMES } from '../../src/util/skipped-dirs.js';
import { tempDir, testDir, writeTree } from '../helpers/fs.js';

const isRoot = process.getuid?.() === 0;

describe('listRepoFiles', () => {
  it('lists every file, repo-relative, each folder by name and depth first, never entering a skipped folder', () => {
    const files: Record<string, string> = { 'b.txt': '', 'a/z.txt': '', 'a/b/c.txt': '', 'a-c.txt': '' };
    for (const dir of SKIPPED_DIR_NAMES) files[`${dir}/x.txt`] = '';
    files['src/node_modules/y/z.txt'] = '';
    const listed = listRepoFiles(testDir(files));
    expect(listed).toEqual({ files: ['a/b/c.txt', 'a/z.txt', 'a-c.txt', 'b.txt'], skipped: [], truncated: false });
  });

  it('takes its own skip set and a wish by name and folder; a folder under a wanted name is noted', () => {
    const root = testDir({
      'compose.yaml': '',
      'deploy/k8s/app.yaml': '',
      'deploy/readme.md': '',
      'dist/compose.yaml': '',
      'node_modules/compose.yaml': '',
      'compose.yaml.d/x': '',
    });
    const listed = listRepoFiles(root, {
      skip: new Set(['dist']),
      want: (name, dir) => name === 'compose.yaml' || (dir.startsWith('deploy') && name.endsWith('.yaml')),
    });
    expect(listed.files).toEqual(['compose.yaml', 'deploy/k8s/app.yaml', 'node_modules/compose.yaml']);
    expect(listed.skipped).toEqual([]);
    const folder = listRepoFiles(testDir({ 'depmap.yaml/x': '' }), { want: (name) => name === 'depmap.yaml' });
    expect(folder.skipped).toEqual([{ path: 'depmap.yaml', reason: 'a folder named depmap.yaml, not a file' }]);
  });

  it('reads folders down to maxDepth and stops at maxFiles', () => {
    const root = testDir({ 'a.txt': '', '1/b.txt': '', '1/2/c.txt': '', '1/2/3/d.txt': '' });
    const shallow = listRepoFiles(root, { maxDepth: 2 });
    expect(shallow.files).toEqual(['1/2/c.txt', '1/b.txt', 'a.txt']);
    expect(shallow.skipped).toEqual([{ path: '1/2/3', reason: 'deeper than 2 folders' }]);
    const few = listRepoFiles(root, { maxFiles: 2 });
    expect(few).toEqual({ files: ['1/2/3/d.txt', '1/2/c.txt'], skipped: [], truncated: true });
    expect(() => listRepoFiles(path.join(root, 'missing'))).toThrow(/ENOENT/);
  });

  it('follows no symlink by default; with symlinks: inside, those that stay in the repo, each folder once', () => {
    const outside = testDir({ 'secret.yaml': '', 'dir/x.yaml': '' });
    const root = testDir({ 'real/app.yaml': '' });
    symlinkSync(path.join(root, 'real'), path.join(root, 'linked'));
    symlinkSync(path.join(root, 'real', 'app.yaml'), path.join(root, 'app.yaml'));
    symlinkSync(root, path.join(root, 'real', 'loop'));
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'secret.yaml'));
    symlinkSync(path.join(outside, 'dir'), path.join(root, 'elsewhere'));
    symlinkSync(path.join(root, 'missing'), path.join(root, 'dangling.yaml'));
    expect(listRepoFiles(root)).toEqual({ files: ['real/app.yaml'], skipped: [], truncated: false });
    const inside = listRepoFiles(root, { symlinks: 'inside' });
    expect(inside.files).toEqual(['app.yaml', 'linked/app.yaml', 'real/app.yaml']);
    expect(inside.skipped).toEqual([
      { path: 'elsewhere', reason: 'symlink to a folder outside the folder' },
      { path: 'secret.yaml', reason: 'symlink to a file outside the folder' },
    ]);
    // An outside file under a name nobody wants is not worth a note.
    const some = listRepoFiles(root, { symlinks: 'inside', want: (name) => name === 'app.yaml' });
    expect(some.skipped).toEqual([{ path: 'elsewhere', reason: 'symlink to a folder outside the folder' }]);
  });

  it.skipIf(os.platform() === 'win32')('lists a FIFO only when asked, and never opens it', () => {
    const root = testDir({ 'a.yaml': '' });
    execFileSync('mkfifo', [path.join(root, 'pipe.yaml')]);
    symlinkSync(path.join(root, 'pipe.yaml'), path.join(root, 'link.yaml'));
    expect(listRepoFiles(root).files).toEqual(['a.yaml']);
    expect(listRepoFiles(root, { specialFiles: true, symlinks: 'inside' }).files).toEqual([
      'a.yaml',
      'link.yaml',
      'pipe.yaml',
    ]);
  });

  it.skipIf(isRoot || os.platform() === 'win32')('notes a folder it cannot read and throws for the root', () => {
    const root = testDir({ 'a.txt': '', 'locked/b.txt': '' });
    chmodSync(path.join(root, 'locked'), 0o000);
    try {
      expect(listRepoFiles(root)).toEqual({
        files: ['a.txt'],
        skipped: [{ path: 'locked', reason: 'unreadable (EACCES)' }],
        truncated: false,
      });
      expect(() => listRepoFiles(path.join(root, 'locked'))).toThrow(/EACCES/);
    } finally {
      chmodSync(path.join(root, 'locked'), 0o755);
    }
  });
});

describe('each walker keeps its own reach', () => {
  it('validate and scan walk build output: a depmap.yaml under build/ is the team’s own', async () => {
    const root = testDir({ 'build/depmap.yaml': '', 'node_modules/x/depmap.yaml': '', 'depmap.yml': '' });
    const found = await findManifests(root);
    expect(found.files).toEqual([path.join(root, 'build/depmap.yaml'), path.join(root, 'depmap.yml')]);
  });

  it('init enters neither dependency nor build folders, reads at most 12 folders deep, and follows no link', () => {
    const root = tempDir();
    const deep = Array.from({ length: 13 }, (_, i) => `d${i + 1}`);
    writeTree(root, {
      'package.json': '{}',
      'dist/package.json': '{}',
      '.next/package.json': '{}',
      'vendor/package.json': '{}',
      [`${deep.slice(0, 12).join('/')}/ok.txt`]: '',
      [`${deep.join('/')}/too-deep.txt`]: '',
    });
    mkdirSync(path.join(root, 'other'));
    symlinkSync(path.join(root, 'package.json'), path.join(root, 'other', 'package.json'));
    expect(initFiles(root).map((f) => f.path)).toEqual([`${deep.slice(0, 12).join('/')}/ok.txt`, 'package.json']);
  });

  it('discovery enters no build output, and walks tests and examples without taking them as evidence', async () => {
    const compose = (name: string) => `services:\n  ${name}:\n    image: ${name}:1.0.0\n`;
    const root = testDir({
      'docker-compose.yml': compose('api'),
      'dist/docker-compose.yml': compose('built'),
      'test/docker-compose.yml': compose('mock'),
      'examples/demo/docker-compose.yml': compose('demo'),
      'node_modules/x/docker-compose.yml': compose('dependency'),
    });
    const { manifests } = await discoverManifests(root, 'repo', 'exact');
    expect(manifests.map((m) => m.name)).toEqual(['api']);
  });
});
