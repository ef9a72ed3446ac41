/**
 * A repo read at a revision from git objects must give what a crawl of the same checkout
 * gives: same manifests, same imports (lockfiles, compose files and the files they include).
 */
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRepo } from '../../src/crawl/read-repo.js';
import { buildSnapshot } from '../../src/graph/build-graph.js';
import { repoAtRevision } from '../../src/history/revision.js';
import { readRepoHistory } from '../../src/history/repo-history.js';
import { commit, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/fs.js';

const graphOf = (entry: Awaited<ReturnType<typeof readRepo>>) => {
  const { nodes, edges } = buildSnapshot(
    [{ ...entry, id: 'r', source: 'r', commit: 'x', ref: 'x', problems: [] }],
    'test',
  );
  return { nodes, edges };
};

const CASES: [string, string, string][] = [
  ['npm-lock-v3', 'libraries', 'package-lock.json'],
  ['compose', 'services', 'docker-compose.yml'],
  ['python-requirements', 'libraries', 'requirements.txt'],
  ['pnpm-v9', 'libraries', 'pnpm-lock.yaml'],
];

describe('history reads imports like a crawl', () => {
  it.each(CASES)('%s', async (fixture, section, file) => {
    const repo = initRepo(tempDir());
    cpSync(path.join('fixtures/importers', fixture), repo, { recursive: true });
    writeTree(repo, { 'depmap.yaml': `depmap: 1\nname: app\nkind: service\n${section}:\n  - { from: ${file} }\n` });
    commit(repo, { files: {}, message: 'all' });
    expect(readdirSync(repo)).toContain(file);
    const fromDisk = await readRepo(repo);
    const fromGit = await repoAtRevision(repo, 'HEAD');
    const errors = (entry: { problems: { severity: string; message: string }[] }) =>
      entry.problems.filter((p) => p.severity === 'error').map((p) => p.message);
    expect(errors(fromGit)).toEqual(errors(fromDisk));
    expect(graphOf(fromGit)).toEqual(graphOf(fromDisk));
    expect(graphOf(fromGit).edges.length).toBeGreaterThan(0);
    // And the history's view of the same commit.
    const history = await readRepoHistory(repo, { at: [Date.now()], events: false });
    const state = [...history.states.values()][0];
    expect(graphOf({ ...fromDisk, manifests: state?.manifests ?? [] })).toEqual(graphOf(fromDisk));
  });
});
